//! The per-child CSV: one row per child with every milestone date (ISO yyyy-mm-dd, as recorded)
//! and, for every stage, its status at the as-at date and its days (days taken when complete,
//! days waited so far when waiting, the negative interval when invalid, blank otherwise).

use super::stages::StageId;
use super::table::{StageTable, Status};
use crate::model::{Dataset, Milestone};

/// The header row of [`children_csv`].
pub fn csv_headers() -> Vec<String> {
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
    for s in StageId::ALL {
        h.push(format!("{}_status", s.key()));
        h.push(format!("{}_days", s.key()));
    }
    h
}

/// The CSV text for the given rows (indices into `Dataset::children`).
pub fn children_csv(ds: &Dataset, table: &StageTable, rows: &[u32]) -> String {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 300));
    // Invariants, not data: writing CSV to a Vec cannot fail, and CSV of Rust strings is UTF-8.
    let mut write = |rec: &[String]| w.write_record(rec).expect("writing to memory cannot fail");
    write(&csv_headers());
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    for &r in rows {
        let r = r as usize;
        let c = &ds.children[r];
        let mut rec = vec![
            c.child_id.clone(),
            c.episode_no.to_string(),
            c.team.clone().unwrap_or_default(),
            c.sibling_group.clone().unwrap_or_default(),
            date(c.date_of_birth),
            c.permanence_route.clone().unwrap_or_default(),
            table.placement_at_start[r].map(|p| p.key().to_string()).unwrap_or_default(),
            table.placement_now[r].map(|p| p.key().to_string()).unwrap_or_default(),
        ];
        rec.extend(Milestone::ALL.iter().map(|m| date(c.date(*m))));
        for cell in &table.cells[r] {
            rec.push(cell.status.key().to_string());
            rec.push(match cell.status {
                Status::Complete { days, .. } | Status::Waiting { days } | Status::Invalid { days, .. } => {
                    days.to_string()
                }
                _ => String::new(),
            });
        }
        write(&rec);
    }
    // Invariants, not data, as above.
    String::from_utf8(w.into_inner().expect("flushing to memory cannot fail")).expect("csv of UTF-8 strings is UTF-8")
}
