//! The template workbook: canonical headers, a sample and a notes sheet explaining each field.
//!
//! This module holds the content only, as data, so the CLI (which writes it as XLSX) and the app
//! (which links to the generated `public/timescales-template.xlsx` and can show the same notes as
//! help) say exactly the same thing. Sample rows are obviously fake (`EXAMPLE-001`) so nobody
//! mistakes them for a real child.

use crate::demo::{CHILDREN_HEADERS, EVENTS_HEADERS, PLACEMENTS_HEADERS};
use crate::model::PlacementType;

/// Names of the template's sheets, in workbook order.
pub const CHILDREN_SHEET: &str = "children";
pub const PLACEMENTS_SHEET: &str = "placements";
pub const EVENTS_SHEET: &str = "events";
pub const NOTES_SHEET: &str = "notes";

/// Header row of the notes sheet.
pub const NOTES_HEADERS: [&str; 5] = ["sheet", "field", "required", "meaning", "accepted formats or values"];

/// How a column's values should be written to a workbook: dates as real date cells, whole
/// numbers as numbers, everything else as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Date,
    Integer,
    Text,
}

/// The kind of a canonical column, from its header (`*_date`, `date`, `date_of_birth` are dates;
/// `episode_no` and `*_days` are whole numbers).
pub fn column_kind(header: &str) -> ColumnKind {
    if header == "date" || header.ends_with("_date") || header == "date_of_birth" {
        ColumnKind::Date
    } else if header == "episode_no" || header.ends_with("_days") {
        ColumnKind::Integer
    } else {
        ColumnKind::Text
    }
}

/// One field explained in the notes sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldNote {
    pub sheet: &'static str,
    pub field: &'static str,
    /// "yes", "no", or "no, but needed for ..." in plain words.
    pub required: &'static str,
    pub meaning: &'static str,
    pub accepted: &'static str,
}

const DATE: &str = "A date, day first: dd/mm/yyyy (01/03/2021 is 1 March 2021), or a date cell, or \
                    yyyy-mm-dd. Never month first. Leave blank if it has not happened or is not recorded.";

const fn note(
    sheet: &'static str,
    field: &'static str,
    required: &'static str,
    meaning: &'static str,
    accepted: &'static str,
) -> FieldNote {
    FieldNote { sheet, field, required, meaning, accepted }
}

/// Every field of the three data sheets, in header order (docs/domain.md#input-columns).
pub const FIELD_NOTES: [FieldNote; 33] = [
    note(
        CHILDREN_SHEET,
        "child_id",
        "yes",
        "Your own pseudonymous ID for the child. Use no names.",
        "Any text or number, unique for each child and episode.",
    ),
    note(
        CHILDREN_SHEET,
        "episode_no",
        "no",
        "Which period of being looked after this row describes, when a child has more than one.",
        "A whole number; blank means 1.",
    ),
    note(
        CHILDREN_SHEET,
        "name",
        "no",
        "The child's name. Not needed: leave it blank. If present, names stay hidden unless you choose to show them.",
        "Text.",
    ),
    note(
        CHILDREN_SHEET,
        "sibling_group_id",
        "no",
        "Shared by brothers and sisters, so their timelines can be shown together.",
        "Any text.",
    ),
    note(CHILDREN_SHEET, "date_of_birth", "no", "Used only for age bands.", DATE),
    note(CHILDREN_SHEET, "first_referral_date", "no", "M0: first involvement or initial referral.", DATE),
    note(CHILDREN_SHEET, "first_accommodated_date", "no", "M1: first accommodated away from home.", DATE),
    note(
        CHILDREN_SHEET,
        "last_accommodated_date",
        "no, but needed for Aim 2",
        "M2: most recent date accommodated away from home.",
        DATE,
    ),
    note(
        CHILDREN_SHEET,
        "cso_at_home_start_date",
        "no, but needed for Aim 1",
        "MH: start of a Compulsory Supervision Order while looked after at home.",
        DATE,
    ),
    note(CHILDREN_SHEET, "cso_review_date", "no", "MR: review of the Child's Plan or CSO for a child at home.", DATE),
    note(
        CHILDREN_SHEET,
        "permanence_recommendation_date",
        "no",
        "M3: permanence recommended, usually at a LAC review.",
        DATE,
    ),
    note(
        CHILDREN_SHEET,
        "permanence_route",
        "no",
        "The permanence plan.",
        "home, kinship_KCO, PO, POA, adoption, foster_PO, residential_PO or other.",
    ),
    note(CHILDREN_SHEET, "permanence_panel_date", "no", "M4: permanence (fostering or adoption) panel.", DATE),
    note(CHILDREN_SHEET, "adm_decision_date", "no", "M5: Agency Decision Maker decision.", DATE),
    note(
        CHILDREN_SHEET,
        "final_placement_date",
        "no",
        "M6: start of the final permanent placement (may be before the ADM decision).",
        DATE,
    ),
    note(CHILDREN_SHEET, "court_application_date", "no", "M7: application lodged with the court.", DATE),
    note(CHILDREN_SHEET, "order_type", "no", "The order sought or granted.", "PO, POA, adoption, KCO_s11 or none."),
    note(CHILDREN_SHEET, "order_granted_date", "no", "M8: order granted (legal permanence).", DATE),
    note(CHILDREN_SHEET, "ceased_looked_after_date", "no", "Mx: ceased to be looked after.", DATE),
    note(
        CHILDREN_SHEET,
        "destination",
        "no",
        "Where the child went on leaving care.",
        "Text, for example home, kinship care order, adoption, continuing care.",
    ),
    note(
        CHILDREN_SHEET,
        "placement_type_at_start",
        "no",
        "Placement type when the current episode away from home began, if there is no placements sheet.",
        PLACEMENT_TYPES,
    ),
    note(
        CHILDREN_SHEET,
        "placement_type",
        "no",
        "Current placement type, if there is no placements sheet.",
        PLACEMENT_TYPES,
    ),
    note(CHILDREN_SHEET, "team", "no", "Team or locality, for filtering.", "Any text."),
    note(
        PLACEMENTS_SHEET,
        "child_id",
        "yes",
        "The child, as in the children sheet. One row per placement.",
        "The same ID as in the children sheet.",
    ),
    note(PLACEMENTS_SHEET, "start_date", "yes", "The day the placement started.", DATE),
    note(PLACEMENTS_SHEET, "end_date", "no", "The day the placement ended; blank while it goes on.", DATE),
    note(PLACEMENTS_SHEET, "placement_type", "yes", "Where the child lived.", PLACEMENT_TYPES),
    note(PLACEMENTS_SHEET, "carer_ref", "no", "Your reference for the carer or unit. No names.", "Any text."),
    note(
        PLACEMENTS_SHEET,
        "end_reason",
        "no",
        "Why the placement ended.",
        "Any text, for example move, ceased, disruption.",
    ),
    note(
        EVENTS_SHEET,
        "child_id",
        "yes",
        "The child, as in the children sheet. One row per event.",
        "The same ID as in the children sheet.",
    ),
    note(EVENTS_SHEET, "date", "yes", "The day of the event.", DATE),
    note(EVENTS_SHEET, "event_type", "yes", "What happened.", "LAC_review, hearing, referral, legal_advice or other."),
    note(EVENTS_SHEET, "label", "no", "A short description shown on the timeline.", "Any text."),
];

/// The placement-type vocabulary as written in the notes (docs/domain.md#placement-types).
const PLACEMENT_TYPES: &str = "One of: at_home (at home with parent(s)); kinship (friends or relatives, kinship \
     carers); foster_la (foster carers provided by the local authority); foster_purchased (foster carers \
     purchased by the local authority); prospective_adopters; other_community (other community setting); \
     residential (children's home, residential school, crisis care); secure (secure accommodation); unknown. \
     Your own wording can be matched to these when you load the file.";

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// The template's sheets in workbook order: `children`, `placements` and `events` with their
/// canonical headers and two clearly fake sample children, then `notes`. Every cell is text;
/// write cells in date columns (see [`column_kind`]) as date cells.
pub fn template_sheets() -> Vec<(&'static str, Vec<Vec<String>>)> {
    let children = vec![
        row(&CHILDREN_HEADERS),
        row(&[
            "EXAMPLE-001",
            "1",
            "",
            "EXAMPLE-SG1",
            "14/02/2016",
            "03/09/2020",
            "10/11/2020",
            "10/11/2020",
            "",
            "",
            "20/04/2021",
            "adoption",
            "15/06/2021",
            "29/06/2021",
            "01/06/2021",
            "30/09/2021",
            "adoption",
            "20/03/2022",
            "05/04/2022",
            "adoption",
            "foster_la",
            "prospective_adopters",
            "Example team",
        ]),
        row(&[
            "EXAMPLE-002",
            "1",
            "",
            "",
            "01/08/2019",
            "08/11/2021",
            "",
            "",
            "12/01/2022",
            "15/12/2022",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "at_home",
            "at_home",
            "Example team",
        ]),
    ];
    let placements = vec![
        row(&PLACEMENTS_HEADERS),
        row(&["EXAMPLE-001", "10/11/2020", "01/06/2021", "foster_la", "EXAMPLE-CARER-1", "move"]),
        row(&["EXAMPLE-001", "01/06/2021", "05/04/2022", "prospective_adopters", "EXAMPLE-CARER-2", "adopted"]),
        row(&["EXAMPLE-002", "12/01/2022", "", "at_home", "", ""]),
    ];
    let events = vec![
        row(&EVENTS_HEADERS),
        row(&["EXAMPLE-001", "22/12/2020", "LAC_review", "6-week review"]),
        row(&["EXAMPLE-001", "20/04/2021", "LAC_review", "Permanence recommended"]),
        row(&["EXAMPLE-002", "15/12/2022", "hearing", "Children's hearing"]),
    ];
    let mut notes = vec![row(&NOTES_HEADERS)];
    notes.extend(FIELD_NOTES.iter().map(|n| row(&[n.sheet, n.field, n.required, n.meaning, n.accepted])));
    vec![(CHILDREN_SHEET, children), (PLACEMENTS_SHEET, placements), (EVENTS_SHEET, events), (NOTES_SHEET, notes)]
}

/// Every placement-type key, for checks that the notes list them all.
pub fn placement_type_keys() -> impl Iterator<Item = &'static str> {
    PlacementType::ALL.into_iter().map(PlacementType::key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_sheets_have_canonical_headers_and_rows_as_wide() {
        let sheets = template_sheets();
        let names: Vec<_> = sheets.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["children", "placements", "events", "notes"]);
        assert_eq!(sheets[0].1[0], CHILDREN_HEADERS);
        assert_eq!(sheets[1].1[0], PLACEMENTS_HEADERS);
        assert_eq!(sheets[2].1[0], EVENTS_HEADERS);
        for (name, rows) in &sheets {
            assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{name}: ragged rows");
        }
    }

    #[test]
    fn notes_explain_every_field_once_in_header_order() {
        let sheets = template_sheets();
        for (sheet, rows) in &sheets[..3] {
            let noted: Vec<&str> = FIELD_NOTES.iter().filter(|n| n.sheet == *sheet).map(|n| n.field).collect();
            assert_eq!(noted, rows[0], "{sheet}");
        }
        assert_eq!(sheets[3].1.len(), FIELD_NOTES.len() + 1);
        for key in placement_type_keys() {
            assert!(PLACEMENT_TYPES.contains(key), "{key} missing from the notes");
        }
    }

    #[test]
    fn sample_dates_are_real_uk_dates_and_values_are_canonical() {
        for (_, rows) in &template_sheets()[..3] {
            for r in &rows[1..] {
                for (h, v) in rows[0].iter().zip(r) {
                    if column_kind(h) == ColumnKind::Date && !v.is_empty() {
                        assert!(chrono::NaiveDate::parse_from_str(v, "%d/%m/%Y").is_ok(), "{h}: {v}");
                    }
                    if h == "placement_type" || h == "placement_type_at_start" {
                        assert!(PlacementType::from_key(v).is_some(), "{v}");
                    }
                }
                assert!(r[0].starts_with("EXAMPLE-"));
            }
        }
    }

    #[test]
    fn column_kinds() {
        assert_eq!(column_kind("date_of_birth"), ColumnKind::Date);
        assert_eq!(column_kind("adm_decision_date"), ColumnKind::Date);
        assert_eq!(column_kind("date"), ColumnKind::Date);
        assert_eq!(column_kind("episode_no"), ColumnKind::Integer);
        assert_eq!(column_kind("child_id"), ColumnKind::Text);
        assert_eq!(column_kind("event_type"), ColumnKind::Text);
    }
}
