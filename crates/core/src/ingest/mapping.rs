//! The mapping document: which column means which field, and which placement-type value means
//! which category. Small, JSON, and free of data, so the app can save it in the browser and the
//! CLI can take it with `--mapping FILE`.
//!
//! ```json
//! {
//!   "columns": { "Date Accommodated": "last_accommodated_date", "CHI": null },
//!   "placement_types": { "Foster (LA)": "foster_la", "Hotel": null }
//! }
//! ```
//!
//! Headers and values are compared after [`normalise`], so case and punctuation do not matter.
//! `null` means "do not use this column" (or "leave this value unmapped"). Load proposes a
//! mapping automatically; anything in a user's mapping overrides the proposal. The mapping a
//! load actually used is returned in the same shape, ready to save or edit.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::fields::{Field, normalise};
use crate::model::{Destination, PlacementType};

/// A user's (or the proposed) mapping.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Header as written in the file -> field key, or `null` to ignore the column.
    #[serde(default)]
    pub columns: BTreeMap<String, Option<Field>>,
    /// Placement-type value as written -> category key, or `null` for "leave unmapped".
    #[serde(default)]
    pub placement_types: BTreeMap<String, Option<PlacementType>>,
    /// Destination value as written -> destination key, or `null` for "leave unmapped"
    /// (docs/domain.md#destinations).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub destinations: BTreeMap<String, Option<Destination>>,
}

/// Why a mapping document could not be read. `Display` is plain English.
#[derive(Debug)]
pub enum MappingError {
    /// Not JSON, or JSON that is not a mapping (an unknown key or field name).
    Invalid(serde_json::Error),
}

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MappingError::Invalid(e) => write!(f, "the mapping file is not valid: {e}"),
        }
    }
}

impl std::error::Error for MappingError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            MappingError::Invalid(e) => Some(e),
        }
    }
}

impl Mapping {
    /// Reads a mapping document.
    pub fn from_json(text: &str) -> Result<Mapping, MappingError> {
        serde_json::from_str(text).map_err(MappingError::Invalid)
    }

    /// The document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// A lookup table with normalised keys, built once per load.
    pub fn lookup(&self) -> MappingLookup {
        MappingLookup {
            columns: self.columns.iter().map(|(k, v)| (normalise(k), *v)).collect(),
            placement_types: self.placement_types.iter().map(|(k, v)| (normalise(k), *v)).collect(),
            destinations: self.destinations.iter().map(|(k, v)| (normalise(k), *v)).collect(),
        }
    }
}

/// [`Mapping`] keyed by normalised text, for matching.
#[derive(Debug, Clone, Default)]
pub struct MappingLookup {
    columns: HashMap<String, Option<Field>>,
    placement_types: HashMap<String, Option<PlacementType>>,
    destinations: HashMap<String, Option<Destination>>,
}

impl MappingLookup {
    /// `Some(Some(field))` if the user mapped this header, `Some(None)` if they chose to ignore
    /// it, `None` if the mapping does not mention it.
    pub fn column(&self, normalised_header: &str) -> Option<Option<Field>> {
        self.columns.get(normalised_header).copied()
    }

    /// The same for a placement-type value.
    pub fn placement_type(&self, normalised_value: &str) -> Option<Option<PlacementType>> {
        self.placement_types.get(normalised_value).copied()
    }

    /// The same for a destination value.
    pub fn destination(&self, normalised_value: &str) -> Option<Option<Destination>> {
        self.destinations.get(normalised_value).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Milestone;

    #[test]
    fn round_trips_and_matches_loosely() {
        let json = r#"{"columns":{"Date Accommodated":"last_accommodated_date","CHI":null},
                       "placement_types":{"Foster (LA)":"foster_la","Hotel":null}}"#;
        let m = Mapping::from_json(json).unwrap();
        assert_eq!(Mapping::from_json(&m.to_json()).unwrap(), m);
        let l = m.lookup();
        assert_eq!(l.column("date accommodated"), Some(Some(Field::Milestone(Milestone::LastAccommodated))));
        assert_eq!(l.column("chi"), Some(None));
        assert_eq!(l.column("team"), None);
        assert_eq!(l.placement_type("foster la"), Some(Some(PlacementType::FosterLa)));
        assert_eq!(l.placement_type("hotel"), Some(None));
    }

    #[test]
    fn bad_documents_say_what_is_wrong() {
        let e = Mapping::from_json(r#"{"columns":{"X":"no_such_field"}}"#).unwrap_err().to_string();
        assert!(e.contains("'no_such_field' is not a field"), "{e}");
        let e = Mapping::from_json(r#"{"colums":{}}"#).unwrap_err().to_string();
        assert!(e.contains("unknown field `colums`"), "{e}");
        let e = Mapping::from_json(r#"{"placement_types":{"X":"hotel"}}"#).unwrap_err();
        assert!(matches!(e, MappingError::Invalid(_)));
        assert!(std::error::Error::source(&e).is_some(), "keeps the JSON error as its source");
        assert!(e.to_string().starts_with("the mapping file is not valid"), "{e}");
        assert_eq!(Mapping::from_json("{}").unwrap(), Mapping::default());
    }
}
