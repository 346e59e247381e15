//! Analysis settings: targets per stage (with whether each is verified and where it comes from),
//! the as-at date, aim "from" dates, filters, the aim 2 start choice, and run chart baselines and
//! phases. Serialised as JSON this is the settings file the app exports and `--settings` reads.
//!
//! Reading is forgiving: [`Settings::from_json`] lays the file over the defaults, so a file that
//! sets one target keeps every other default (including that stage's `verified` flag and source),
//! and unknown keys (or unknown stage ids) are ignored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::filters::Filters;
use super::stages::{StageId, StartChoice};

/// A frozen baseline for a run chart: the median of the points up to `end` (or the first
/// `points` points) is frozen and extended after it (docs/runchart-rules.md#frozen-baselines).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FrozenBaseline {
    /// The change date: points with an end date on or before this form the baseline.
    #[serde(with = "crate::dates::iso_serde::option", default)]
    pub end: Option<NaiveDate>,
    /// Alternatively, the number of points in the baseline; when both are set, this wins.
    pub points: Option<usize>,
}

/// A run chart phase: a new median from `start` on, with a label (for example "PACE start").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    #[serde(with = "crate::dates::iso_serde")]
    pub start: NaiveDate,
    #[serde(default)]
    pub label: String,
}

/// Settings for one stage.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StageSettings {
    /// Target in calendar days; `None` for descriptive stages.
    pub target_days: Option<i64>,
    /// Earlier alert point (aim 1: 18 months = 548 days).
    pub alert_days: Option<i64>,
    /// A comparison figure that is not a target (whole journey: SCRA "more than two years").
    pub reference_days: Option<i64>,
    /// False where the figure is inferred rather than sourced: the UI labels it "unverified"
    /// (docs/domain.md#unverified-defaults).
    pub verified: bool,
    /// Where the figure comes from, shown beside it.
    pub source: String,
    /// The aim's "from" date: new entrants start on or after it, the backlog before it.
    #[serde(with = "crate::dates::iso_serde::option", default)]
    pub from_date: Option<NaiveDate>,
    /// Run chart baseline.
    pub baseline: Option<FrozenBaseline>,
    /// Run chart phases.
    pub phases: Vec<Phase>,
}

impl StageSettings {
    /// The default settings of a stage (docs/domain.md#targets).
    pub fn default_for(id: StageId) -> StageSettings {
        let (target, alert, reference, verified, source) = match id {
            StageId::CsoAtHomeToReview => (
                Some(730),
                Some(548),
                None,
                true,
                "PACE aim 1: review once on a CSO at home for 2 years (730 days); many areas reviewed at 18 months (548 days). CELCIS PACE aims page; PACE report.",
            ),
            StageId::AccommodatedToRecommendation => (
                Some(182),
                None,
                None,
                true,
                "PACE aim 2: permanence recommendation (a return home counts) within 6 months of being accommodated. CELCIS aim 2 page; 2011 LAC guidance. Six months taken as 182 days.",
            ),
            StageId::RecommendationToPanel => (
                Some(84),
                None,
                None,
                false,
                "Unverified: no statutory limit. 12 weeks (84 days) from local PACE aims (Aberdeen City, Aberdeenshire, NES).",
            ),
            StageId::PanelToAdm => (
                Some(14),
                None,
                None,
                true,
                "Statutory: ADM decision within 14 days of the panel recommendation. Adoption Agencies (Scotland) Regulations 2009, reg 13.",
            ),
            StageId::RecommendationToAdm => (
                Some(98),
                None,
                None,
                false,
                "Unverified reconstruction of PACE aim 3: 14 weeks (98 days) = 12 weeks to panel + 14 days panel to ADM.",
            ),
            StageId::AdmToCourt => (
                Some(84),
                None,
                None,
                false,
                "Unverified placeholder for PACE aim 4: no sourced figure found; 12 weeks (84 days). Confirm locally.",
            ),
            StageId::CourtToOrder => (None, None, None, false, "Descriptive: no target."),
            StageId::AccommodatedToOrder => (
                None,
                None,
                Some(730),
                false,
                "Descriptive: no target. SCRA research found most children took more than two years from first involvement to legal permanence.",
            ),
            StageId::EnteredCareToAdoptionDecision | StageId::AdoptionDecisionToMatch => {
                (None, None, None, false, "Descriptive: no target.")
            }
            StageId::PlacementOrderToMatch => (
                Some(121),
                None,
                None,
                true,
                "Adoption scorecard threshold (A2): 4 months (121 days) from the placement order to the match; a match before the order counts as 0 days. DfE adoption scorecards.",
            ),
            StageId::EnteredCareToPlacedForAdoption => (
                Some(426),
                None,
                None,
                true,
                // No years in the text: the settings are remembered, and the privacy test looks
                // for years of birth in storage (docs/domain.md#england-stages gives the years).
                "Former adoption scorecard threshold (A1): 14 months (426 days) from entering care to moving in with the adoptive family. No longer a current threshold. DfE adoption scorecards.",
            ),
            StageId::EnteredCareToMovedIn => (
                None,
                None,
                Some(426),
                false,
                "Descriptive: the scorecard's A10 has no current threshold; 426 days (14 months) is the former A1 threshold, shown for reference. DfE adoption scorecards.",
            ),
        };
        StageSettings {
            target_days: target,
            alert_days: alert,
            reference_days: reference,
            verified,
            source: source.to_string(),
            ..StageSettings::default()
        }
    }
}

/// Everything the analysis needs besides the data and the as-at date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The as-at date the user chose; `None` means the extract date, else the latest date in the
    /// data that is not after today (docs/domain.md#as-at-date). Dates after a chosen as-at date
    /// have simply not happened yet.
    #[serde(with = "crate::dates::iso_serde::option", default)]
    pub as_at: Option<NaiveDate>,
    /// The date the data was extracted, when the user gives it: the as-at date unless one is
    /// chosen, and dates after it are data problems.
    #[serde(with = "crate::dates::iso_serde::option", default)]
    pub extract_date: Option<NaiveDate>,
    /// Start of aim 2 and the whole journey: last accommodated (default) or first accommodated.
    pub accommodated_start: StartChoice,
    /// Whether a return home (ceased to be looked after, destination home) completes the whole
    /// journey as the home route's legal permanence (inferred; docs/domain.md#returns-home).
    /// Default true.
    pub return_home_is_permanence: bool,
    /// "Will pass the target within the next N days" for children waiting. Default 28 (4 weeks).
    pub due_soon_days: i64,
    /// Filters, combined with AND.
    pub filters: Filters,
    /// Per-stage settings. Missing stages take their defaults.
    pub stages: BTreeMap<StageId, StageSettings>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_at: None,
            extract_date: None,
            accommodated_start: StartChoice::LastAccommodated,
            return_home_is_permanence: true,
            due_soon_days: 28,
            filters: Filters::default(),
            stages: StageId::ALL.into_iter().map(|id| (id, StageSettings::default_for(id))).collect(),
        }
    }
}

impl Settings {
    /// The settings of one stage (its defaults if the map lacks it).
    pub fn stage(&self, id: StageId) -> StageSettings {
        self.stages.get(&id).cloned().unwrap_or_else(|| StageSettings::default_for(id))
    }

    /// Reads a settings file: the JSON is laid over the defaults key by key, unknown keys and
    /// unknown stage ids are ignored. Errors name the problem (bad JSON, a value of the wrong type).
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let user: Value = serde_json::from_str(text).map_err(SettingsError::NotJson)?;
        if !user.is_object() {
            return Err(SettingsError::NotAnObject);
        }
        let mut base = serde_json::to_value(Settings::default()).map_err(SettingsError::BadValue)?;
        merge(&mut base, user);
        if let Some(stages) = base.get_mut("stages").and_then(Value::as_object_mut) {
            stages.retain(|k, _| StageId::from_key(k).is_some());
        }
        serde_json::from_value(base).map_err(SettingsError::BadValue)
    }

    /// The settings as pretty JSON, with everything (the sibling filter's group ids, which identify
    /// families).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The settings as they may leave memory: written to a settings file that may be shared, or
    /// remembered by the browser. Sibling group ids identify families, so they are removed; every
    /// other setting is kept (docs/architecture.md#app-state).
    pub fn to_shareable_json(&self) -> String {
        let mut s = self.clone();
        s.filters.sibling_groups.clear();
        s.to_json()
    }
}

/// Why a settings file could not be read. `Display` is plain English.
#[derive(Debug)]
pub enum SettingsError {
    /// The text is not JSON.
    NotJson(serde_json::Error),
    /// JSON, but not an object of settings (an array, a number...).
    NotAnObject,
    /// A setting has a value of the wrong type, such as text where a number of days belongs.
    BadValue(serde_json::Error),
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingsError::NotJson(e) => write!(f, "settings file is not valid JSON: {e}"),
            SettingsError::NotAnObject => f.write_str("settings file must be a JSON object"),
            SettingsError::BadValue(e) => write!(f, "settings file: {e}"),
        }
    }
}

impl std::error::Error for SettingsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SettingsError::NotJson(e) | SettingsError::BadValue(e) => Some(e),
            SettingsError::NotAnObject => None,
        }
    }
}

/// Lays `over` onto `base`: objects merge key by key, anything else replaces.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn shareable_settings_drop_sibling_groups_and_keep_the_rest() {
        let mut s = Settings::default();
        s.filters.sibling_groups = vec!["SG-0042".into()];
        s.filters.teams = vec!["North".into()];
        s.due_soon_days = 14;
        let json = s.to_shareable_json();
        assert!(!json.contains("SG-0042"), "{json}");
        let back = Settings::from_json(&json).unwrap();
        assert!(back.filters.sibling_groups.is_empty());
        assert_eq!(back.filters.teams, ["North"]);
        assert_eq!(back.due_soon_days, 14);
        // The settings in memory are untouched.
        assert_eq!(s.filters.sibling_groups, ["SG-0042"]);
    }
    use super::*;

    #[test]
    fn defaults_follow_domain_md() {
        let s = Settings::default();
        let t = |id| s.stage(id).target_days;
        assert_eq!(t(StageId::CsoAtHomeToReview), Some(730));
        assert_eq!(s.stage(StageId::CsoAtHomeToReview).alert_days, Some(548));
        assert_eq!(t(StageId::AccommodatedToRecommendation), Some(182));
        assert_eq!(t(StageId::RecommendationToPanel), Some(84));
        assert_eq!(t(StageId::PanelToAdm), Some(14));
        assert_eq!(t(StageId::RecommendationToAdm), Some(98));
        assert_eq!(t(StageId::AdmToCourt), Some(84));
        assert_eq!(t(StageId::CourtToOrder), None);
        assert_eq!(t(StageId::AccommodatedToOrder), None);
        assert!(s.stage(StageId::PanelToAdm).verified);
        assert!(!s.stage(StageId::RecommendationToAdm).verified);
        assert!(!s.stage(StageId::AdmToCourt).verified);
        assert!(!s.stage(StageId::RecommendationToPanel).verified);
    }

    #[test]
    fn partial_file_keeps_other_defaults_and_ignores_unknown_keys() {
        let s = Settings::from_json(
            r#"{"as_at": "2024-01-31", "colour": "red",
                "stages": {"adm_to_court": {"target_days": 70, "from_date": "2020-04-01"},
                           "no_such_stage": {"target_days": 1}},
                "filters": {"teams": ["North"]}}"#,
        )
        .unwrap();
        assert_eq!(s.as_at, NaiveDate::from_ymd_opt(2024, 1, 31));
        let a4 = s.stage(StageId::AdmToCourt);
        assert_eq!(a4.target_days, Some(70));
        assert!(!a4.verified, "verified flag kept from the default");
        assert!(a4.source.contains("placeholder"));
        assert_eq!(a4.from_date, NaiveDate::from_ymd_opt(2020, 4, 1));
        assert_eq!(s.stage(StageId::PanelToAdm).target_days, Some(14));
        assert_eq!(s.filters.teams, vec!["North".to_string()]);
        assert_eq!(s.due_soon_days, 28);
        assert_eq!(s.stages.len(), StageId::COUNT);
    }

    #[test]
    fn round_trip_and_errors() {
        let mut s = Settings { accommodated_start: StartChoice::FirstAccommodated, ..Settings::default() };
        s.stages
            .get_mut(&StageId::PanelToAdm)
            .unwrap()
            .phases
            .push(Phase { start: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap(), label: "PACE".into() });
        assert_eq!(Settings::from_json(&s.to_json()).unwrap(), s);
        assert!(matches!(Settings::from_json("[1]"), Err(SettingsError::NotAnObject)));
        assert!(matches!(Settings::from_json("{"), Err(SettingsError::NotJson(_))));
        let bad = Settings::from_json(r#"{"due_soon_days": "soon"}"#).unwrap_err();
        assert!(matches!(bad, SettingsError::BadValue(_)));
        assert!(std::error::Error::source(&bad).is_some(), "keeps the JSON error as its source");
        assert!(bad.to_string().starts_with("settings file: "), "{bad}");
        // A target can be cleared with null.
        let s = Settings::from_json(r#"{"stages": {"panel_to_adm": {"target_days": null}}}"#).unwrap();
        assert_eq!(s.stage(StageId::PanelToAdm).target_days, None);
    }
}
