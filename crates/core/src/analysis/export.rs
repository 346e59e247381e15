//! The per-child CSV: one row per child with every milestone date (ISO yyyy-mm-dd, as recorded)
//! and, for every stage, its status at the as-at date and its days (days taken when complete,
//! days waited so far when waiting, the negative interval when invalid, blank otherwise).
//!
//! Text from the user's file (ids, teams, routes) is [neutralised](neutralise): a spreadsheet
//! opening the file never sees a cell that starts like a formula. Dates and days are written by
//! Timescales itself, so a negative number of days stays a number.

use std::borrow::Cow;

use super::stages::StageId;
use super::table::{StageTable, Status};
use crate::model::{Dataset, Milestone};

/// The header row of [`children_csv`]: England's stages only when the data holds England's dates.
pub fn csv_headers(ds: &Dataset) -> Vec<String> {
    let mut h: Vec<String> = [
        "child_id",
        "episode_no",
        "team",
        "sibling_group_id",
        "date_of_birth",
        "permanence_route",
        "placement_type_at_start",
        "placement_type_now",
    ]
    .map(String::from)
    .to_vec();
    h.extend(Milestone::ALL.iter().map(|m| m.key().to_string()));
    for s in super::shown_stages(ds) {
        h.push(format!("{}_status", s.key()));
        h.push(format!("{}_days", s.key()));
    }
    h
}

/// Text as a spreadsheet will read it as text: a cell that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading apostrophe, so it can never run as a formula (the OWASP
/// advice on CSV injection). Anything else is unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The CSV text for the given rows (indices into `Dataset::children`).
pub fn children_csv(ds: &Dataset, table: &StageTable, rows: &[u32]) -> String {
    let mut out = String::with_capacity(rows.len() * 300);
    for rec in std::iter::once(csv_headers(ds)).chain(children_rows(ds, table, rows)) {
        crate::text::push_csv_record(&mut out, &rec);
    }
    out
}

/// The per-child table's rows (without the header), as text: the CSV's cells, and the rows the
/// Excel download writes ([`crate::xlsx_out`] turns dates and days into typed cells).
pub fn children_rows(ds: &Dataset, table: &StageTable, rows: &[u32]) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(rows.len());
    let text = |s: &str| neutralise(s).into_owned();
    let date = |d: Option<chrono::NaiveDate>| d.map(crate::dates::iso_date).unwrap_or_default();
    for &r in rows {
        let r = r as usize;
        let c = &ds.children[r];
        let mut rec = vec![
            text(&c.child_id),
            c.episode_no.to_string(),
            text(c.team.as_deref().unwrap_or_default()),
            text(c.sibling_group.as_deref().unwrap_or_default()),
            date(c.date_of_birth),
            text(c.permanence_route.as_deref().unwrap_or_default()),
            table.placement_at_start[r].map(|p| p.key().to_string()).unwrap_or_default(),
            table.placement_now[r].map(|p| p.key().to_string()).unwrap_or_default(),
        ];
        rec.extend(Milestone::ALL.iter().map(|m| date(c.date(*m))));
        let stages = if ds.england.is_empty() { StageId::PACE_COUNT } else { StageId::COUNT };
        for cell in (0..stages).map(|k| table.cell(r, k)) {
            rec.push(cell.status.key().to_string());
            rec.push(match cell.status {
                Status::Complete { days, .. } | Status::Waiting { days } | Status::Invalid { days, .. } => {
                    days.to_string()
                }
                _ => String::new(),
            });
        }
        out.push(rec);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_nothing_else() {
        for bad in ["=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for fine in ["C00001", "", " =1", "North team", "0012"] {
            assert_eq!(neutralise(fine), fine);
        }
    }

    #[test]
    fn the_per_child_csv_neutralises_text_from_the_file_but_not_its_own_numbers() {
        use crate::analysis::Settings;
        use crate::model::{Child, Milestone};
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day);
        let mut c = Child { child_id: "=cmd|' /C calc'!A0".into(), episode_no: 1, ..Default::default() };
        c.team = Some("@North".into());
        c.set_date(Milestone::LastAccommodated, d(2024, 7, 15));
        c.set_date(Milestone::PermanenceRecommendation, d(2024, 5, 1));
        let ds = Dataset { children: vec![c], ..Default::default() };
        // A recommendation before accommodation meets aim 2 in 0 days
        // (docs/domain.md#recommended-before-accommodation); nothing here is negative, but the
        // id and the team start like formulas.
        let table = StageTable::build(&ds, &Settings::default(), d(2024, 12, 31).unwrap_or_default());
        let csv = children_csv(&ds, &table, &[0]);
        let row = csv.lines().nth(1).unwrap_or_default();
        assert!(row.starts_with("'=cmd|' /C calc'!A0,1,'@North,"), "{row}");
    }
}
