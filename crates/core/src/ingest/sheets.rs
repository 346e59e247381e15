//! Finding the header row of a sheet and what the sheet is (children, placements or events),
//! by its name and by its headers.
//!
//! The header row is the row, among the first [`HEADER_SEARCH_ROWS`], whose cells match the most
//! known fields, so title rows ("Permanence tracker March 2025"), notes and blank rows above the
//! header are passed over (and reported as set aside). A column that looks like CHI numbers is
//! never used as the child id.

use serde::Serialize;

use super::fields::{Field, SheetKind, is_chi_header, match_header, normalise};
use super::mapping::MappingLookup;
use super::table::{Cell, Sheet};

/// How many rows from the top are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Columns beyond this are not looked at when mapping headers (no real tracker is this wide,
/// and it bounds the work on a malformed file).
pub const MAX_HEADER_COLUMNS: usize = 1000;

/// A header row needs at least this score (distinct fields recognised, plus one for a child id).
pub const MIN_HEADER_SCORE: usize = 2;

/// How a column's field was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnSource {
    /// Matched the alias list.
    Automatic,
    /// Set by the user's mapping.
    User,
    /// The user's mapping says to ignore it.
    IgnoredByUser,
    /// Not in the alias list or the mapping.
    NotRecognised,
    /// Another column on the sheet already supplies this field (the first one is used).
    Duplicate,
    /// Headed "CHI" or holds CHI-like numbers: a health identifier, never used as the child id.
    LooksLikeChi,
}

impl ColumnSource {
    /// True when the user should look at the column or value: it was not recognised, is ignored,
    /// repeats another column or looks like a CHI number.
    pub fn needs_attention(self) -> bool {
        !matches!(self, ColumnSource::Automatic | ColumnSource::User)
    }

    /// How a placement-type or destination wording's meaning was decided, for the columns
    /// screen. `recognised` says why an automatic match was made, when the reader knows
    /// ([`super::fields::placement_reason`]).
    pub fn value_text(self, recognised: Option<String>) -> String {
        match self {
            ColumnSource::Automatic => {
                recognised.map_or_else(|| "Recognised automatically".into(), |r| crate::text::upper_first(&r))
            }
            ColumnSource::User => "Set by your mapping".into(),
            ColumnSource::IgnoredByUser => "Left unmapped by your mapping".into(),
            ColumnSource::NotRecognised => "Not recognised: please choose".into(),
            ColumnSource::Duplicate | ColumnSource::LooksLikeChi => "Not used".into(),
        }
    }
}

/// One column of a used sheet and the field it supplies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnMapping {
    /// 0-based column position (0 is column A).
    pub index: usize,
    /// Header text as written (trimmed).
    pub header: String,
    /// The header after [`normalise`], for matching repeated header rows.
    #[serde(skip)]
    pub normalised: String,
    pub field: Option<Field>,
    pub source: ColumnSource,
}

impl ColumnMapping {
    /// Why the column supplies its field (or none), in plain English for the columns screen.
    pub fn reason(&self, kind: SheetKind) -> String {
        let label = self.field.map_or("", Field::label);
        match self.source {
            ColumnSource::Automatic => super::fields::header_reason(&self.header, kind)
                .unwrap_or_else(|| format!("recognised automatically as {label}")),
            ColumnSource::User => format!("set by your mapping to {label}"),
            ColumnSource::IgnoredByUser => "ignored by your mapping".into(),
            ColumnSource::NotRecognised => "not a heading I know: choose what it holds".into(),
            ColumnSource::Duplicate => "not used: another column already supplies this field".into(),
            ColumnSource::LooksLikeChi => "not used: looks like a CHI number (a health identifier)".into(),
        }
    }
}

/// The header row found on a sheet and what it makes of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderInfo {
    /// Index into `Sheet::rows`.
    pub row_index: usize,
    pub kind: SheetKind,
    /// Every non-blank header cell, in column order.
    pub columns: Vec<ColumnMapping>,
    pub score: usize,
}

impl HeaderInfo {
    /// The column supplying `field`, if any.
    pub fn column_of(&self, field: Field) -> Option<&ColumnMapping> {
        self.columns.iter().find(|c| c.field == Some(field))
    }
}

/// A kind suggested by the sheet's name ("Placements", "LAC reviews", "Children 2025").
pub fn kind_from_name(name: &str) -> Option<SheetKind> {
    let n = normalise(name);
    if n.contains("placement") {
        Some(SheetKind::Placements)
    } else if n.contains("event") || n.contains("review") || n.contains("meeting") || n.contains("hearing") {
        Some(SheetKind::Events)
    } else if n.contains("child") || n.contains("episode") || n.contains("tracker") || n.contains("permanence") {
        Some(SheetKind::Children)
    } else {
        None
    }
}

fn header_text(cell: &Cell) -> String {
    cell.display().trim().to_string()
}

/// Maps the header cells of one row for a sheet of `kind`.
pub fn map_row(row: &[Cell], kind: SheetKind, user: &MappingLookup) -> Vec<ColumnMapping> {
    let mut out: Vec<ColumnMapping> = Vec::new();
    for (index, cell) in row.iter().enumerate().take(MAX_HEADER_COLUMNS) {
        let header = header_text(cell);
        if header.is_empty() {
            continue;
        }
        let norm = normalise(&header);
        let (field, source) = match user.column(&norm) {
            Some(Some(f)) if f.belongs_to(kind) => (Some(f), ColumnSource::User),
            Some(None) => (None, ColumnSource::IgnoredByUser),
            _ if is_chi_header(&norm) => (None, ColumnSource::LooksLikeChi),
            _ => match match_header(&norm, kind) {
                Some(f) => (Some(f), ColumnSource::Automatic),
                None => (None, ColumnSource::NotRecognised),
            },
        };
        let (field, source) = match field {
            Some(f) if out.iter().any(|c| c.field == Some(f)) => (None, ColumnSource::Duplicate),
            _ => (field, source),
        };
        out.push(ColumnMapping { index, header, normalised: norm, field, source });
    }
    out
}

fn score(columns: &[ColumnMapping]) -> usize {
    let fields = columns.iter().filter(|c| c.field.is_some()).count();
    let id = columns.iter().any(|c| c.field == Some(Field::ChildId));
    fields + usize::from(id)
}

/// Finds the header row: the highest-scoring row in the first [`HEADER_SEARCH_ROWS`], for the
/// kinds in `kinds` (earlier kinds win ties, then earlier rows). `None` when no row reaches
/// [`MIN_HEADER_SCORE`].
pub fn detect_header(sheet: &Sheet, kinds: &[SheetKind], user: &MappingLookup) -> Option<HeaderInfo> {
    let mut best: Option<HeaderInfo> = None;
    for (row_index, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        for &kind in kinds {
            let columns = map_row(row, kind, user);
            let s = score(&columns);
            if s >= MIN_HEADER_SCORE && best.as_ref().is_none_or(|b| s > b.score) {
                best = Some(HeaderInfo { row_index, kind, columns, score: s });
            }
        }
    }
    let mut info = best?;
    exclude_chi_ids(sheet, &mut info);
    Some(info)
}

/// True for a ten-digit CHI-like number: ddmmyy then four digits, with a real day and month.
fn looks_like_chi(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let two = |i: usize| (digits.as_bytes()[i] - b'0') as u32 * 10 + (digits.as_bytes()[i + 1] - b'0') as u32;
    (1..=31).contains(&two(0)) && (1..=12).contains(&two(2))
}

/// If the column chosen as child id holds mostly CHI-like numbers, it is not used.
fn exclude_chi_ids(sheet: &Sheet, info: &mut HeaderInfo) {
    let Some(col) =
        info.columns.iter_mut().find(|c| c.field == Some(Field::ChildId) && c.source == ColumnSource::Automatic)
    else {
        return;
    };
    let values: Vec<String> = sheet
        .rows
        .iter()
        .skip(info.row_index + 1)
        .filter_map(|r| r.get(col.index))
        .filter(|c| !c.is_blank())
        .take(200)
        .map(Cell::display)
        .collect();
    let chi = values.iter().filter(|v| looks_like_chi(v)).count();
    if !values.is_empty() && chi * 5 >= values.len() * 4 {
        col.field = None;
        col.source = ColumnSource::LooksLikeChi;
        info.score = info.score.saturating_sub(2);
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_value_says_how_its_meaning_was_decided() {
        let why = Some("the SSDA903 placement code 'U4': fostered by other foster carers".to_string());
        assert_eq!(
            ColumnSource::Automatic.value_text(why),
            "The SSDA903 placement code 'U4': fostered by other foster carers"
        );
        assert_eq!(ColumnSource::Automatic.value_text(None), "Recognised automatically");
        assert_eq!(ColumnSource::IgnoredByUser.value_text(None), "Left unmapped by your mapping");
        assert!(ColumnSource::NotRecognised.needs_attention() && ColumnSource::LooksLikeChi.needs_attention());
        assert!(!ColumnSource::Automatic.needs_attention() && !ColumnSource::User.needs_attention());
    }
    use super::*;
    use crate::model::Milestone;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "s".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).into()) }).collect())
                .collect(),
            first_row: 1,
            date1904: false,
        }
    }

    #[test]
    fn skips_title_rows() {
        let s = sheet(&[
            &["Permanence tracker March 2025"],
            &[],
            &["Child ID", "Date accommodated", "Notes"],
            &["A1", "01/02/2021", ""],
        ]);
        let h = detect_header(&s, &SheetKind::ALL, &MappingLookup::default()).unwrap();
        assert_eq!(h.row_index, 2);
        assert_eq!(h.kind, SheetKind::Children);
        assert_eq!(h.column_of(Field::Milestone(Milestone::LastAccommodated)).unwrap().index, 1);
        assert_eq!(h.columns[2].source, ColumnSource::NotRecognised);
    }

    #[test]
    fn placements_and_events_by_headers_and_names() {
        let s = sheet(&[&["Child ID", "Start date", "End date", "Placement type"]]);
        assert_eq!(detect_header(&s, &SheetKind::ALL, &MappingLookup::default()).unwrap().kind, SheetKind::Placements);
        let s = sheet(&[&["child_id", "date", "event_type", "label"]]);
        assert_eq!(detect_header(&s, &SheetKind::ALL, &MappingLookup::default()).unwrap().kind, SheetKind::Events);
        assert_eq!(kind_from_name("Placement history"), Some(SheetKind::Placements));
        assert_eq!(kind_from_name("LAC reviews"), Some(SheetKind::Events));
        assert_eq!(kind_from_name("Children"), Some(SheetKind::Children));
        assert_eq!(kind_from_name("Notes"), None);
    }

    #[test]
    fn chi_columns_are_never_the_child_id() {
        let s = sheet(&[&["CHI", "Child ID", "DOB"], &["0101101234", "A1", "01/01/2010"]]);
        let h = detect_header(&s, &SheetKind::ALL, &MappingLookup::default()).unwrap();
        assert_eq!(h.columns[0].source, ColumnSource::LooksLikeChi);
        assert_eq!(h.column_of(Field::ChildId).unwrap().index, 1);
        // A "Client ID" column full of CHI-like numbers is not used either.
        let s = sheet(&[
            &["Client ID", "DOB", "Date accommodated"],
            &["0101101234", "01/01/2010", "01/01/2020"],
            &["3112129876", "31/12/2012", "01/01/2020"],
        ]);
        let h = detect_header(&s, &SheetKind::ALL, &MappingLookup::default()).unwrap();
        assert_eq!(h.columns[0].source, ColumnSource::LooksLikeChi);
        assert_eq!(h.column_of(Field::ChildId), None);
    }

    #[test]
    fn duplicate_columns_and_user_mapping() {
        let user = crate::ingest::mapping::Mapping::from_json(r#"{"columns":{"Ref no":"child_id","DOB":null}}"#)
            .unwrap()
            .lookup();
        let s = sheet(&[&["Ref no", "DOB", "Date accommodated", "Date Accommodated"]]);
        let h = detect_header(&s, &SheetKind::ALL, &user).unwrap();
        assert_eq!(h.columns[0].source, ColumnSource::User);
        assert_eq!(h.columns[1].source, ColumnSource::IgnoredByUser);
        assert_eq!(h.columns[3].source, ColumnSource::Duplicate);
        assert!(detect_header(&sheet(&[&["x", "y"], &["1", "2"]]), &SheetKind::ALL, &user).is_none());
    }
}
