//! Which children the grouped placement histories show and in what order
//! (docs/domain.md#placement-history-chart), decided here so the screen only lays them out:
//! one row per child id, from the child's latest episode (the episode order the analysis uses,
//! [`Dataset::episode_key`]), the rows the chart can draw in the chosen order, and the sentence
//! saying how many are shown and who is left out.

use std::collections::HashMap;

use super::placement_history_model::{HistoryAlign, HistoryRow, HistorySort, sort_rows};
use super::timeline_model::PlacementSpan;
use crate::analysis::{PlacementHistory, StageId, StageTable, Status};
use crate::model::{Child, Dataset, Milestone};

/// The rows of the selected children, each child once, in the chart's order.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedHistoryRows {
    /// The rows the chart can draw, in order, then the rows it leaves out.
    pub rows: Vec<HistoryRow>,
    /// How many of `rows` the chart can draw (the first ones).
    pub drawable: usize,
    pub omitted_no_placements: usize,
    pub omitted_no_accommodation: usize,
}

/// One row per child id among `histories` (the selected children with a placement by the as-at
/// date), from each child's latest episode. `label` names a child on the chart (the id, or the id
/// and name when names are shown). The wait is the whole journey (accommodated to legal
/// permanence), done or so far.
pub fn history_rows(
    ds: &Dataset,
    table: &StageTable,
    histories: &[PlacementHistory],
    label: impl Fn(&Child) -> String,
) -> Vec<HistoryRow> {
    let mut latest: HashMap<&str, usize> = HashMap::with_capacity(ds.children.len());
    for (r, c) in ds.children.iter().enumerate() {
        let best = latest.entry(c.child_id.as_str()).or_insert(r);
        if ds.episode_key(*best) < ds.episode_key(r) {
            *best = r;
        }
    }
    let journey = StageId::AccommodatedToOrder.index();
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(histories.len());
    histories
        .iter()
        .filter_map(|h| {
            let id = h.child_id.as_str();
            if seen.insert(id, ()).is_some() {
                return None;
            }
            let r = *latest.get(id)?;
            let c = &ds.children[r];
            let placements = table
                .placements_of(r)
                .iter()
                .map(|&i| &ds.placements[i as usize])
                .filter(|p| p.start <= table.as_at)
                .map(|p| PlacementSpan { start: p.start, end: p.end, placement_type: p.placement_type })
                .collect();
            let wait_days = match table.cell(r, journey).status {
                Status::Complete { days, .. } | Status::Waiting { days } => Some(f64::from(days)),
                _ => None,
            };
            Some(HistoryRow {
                child_id: c.child_id.clone(),
                label: label(c),
                accommodated: c.date(Milestone::FirstAccommodated),
                wait_days,
                placements,
            })
        })
        .collect()
}

/// Puts `rows` in the order the chart draws them (the same order [`super::PlacementHistorySpec`]
/// sorts by), counting the rows it cannot draw: no placements, or, lined up at accommodation, no
/// first-accommodated date. No geometry is built, so this stays cheap for every child.
pub fn order_history_rows(rows: Vec<HistoryRow>, align: HistoryAlign, sort: HistorySort) -> OrderedHistoryRows {
    let aligned = align == HistoryAlign::SinceAccommodation;
    let (mut drawable, mut left_out) = (Vec::with_capacity(rows.len()), Vec::new());
    let (mut no_placements, mut no_accommodation) = (0, 0);
    for r in rows {
        if r.placements.is_empty() {
            no_placements += 1;
            left_out.push(r);
        } else if aligned && r.accommodated.is_none() {
            no_accommodation += 1;
            left_out.push(r);
        } else {
            drawable.push(r);
        }
    }
    let mut refs: Vec<&HistoryRow> = drawable.iter().collect();
    sort_rows(&mut refs, sort);
    let mut ordered: Vec<HistoryRow> = refs.into_iter().cloned().collect();
    let n = ordered.len();
    ordered.extend(left_out);
    OrderedHistoryRows {
        rows: ordered,
        drawable: n,
        omitted_no_placements: no_placements,
        omitted_no_accommodation: no_accommodation,
    }
}

impl OrderedHistoryRows {
    /// How many rows are drawn (`shown` of the drawable ones) and who is left out, in words.
    pub fn count_note(&self, shown: usize) -> String {
        let mut s = if self.drawable == 0 {
            "No child in the selection has a placement to show.".to_string()
        } else if shown < self.drawable {
            format!("Showing the first {shown} of {} children, to keep the chart readable.", self.drawable)
        } else {
            format!("Showing all {shown} children.")
        };
        if self.omitted_no_accommodation > 0 {
            s.push_str(&format!(
                " {} with no first-accommodated date {} left out while rows are lined up at accommodation.",
                children(self.omitted_no_accommodation),
                if self.omitted_no_accommodation == 1 { "is" } else { "are" }
            ));
        }
        if self.omitted_no_placements > 0 {
            s.push_str(&format!(
                " {} no placements recorded.",
                match self.omitted_no_placements {
                    1 => "1 child has".to_string(),
                    n => format!("{n} children have"),
                }
            ));
        }
        s
    }
}

fn children(n: usize) -> String {
    if n == 1 { "1 child".into() } else { format!("{n} children") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Settings, analyse_table};
    use crate::model::{Placement, PlacementType};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn row(id: &str, accommodated: Option<NaiveDate>, starts: &[NaiveDate]) -> HistoryRow {
        HistoryRow {
            child_id: id.into(),
            label: id.into(),
            accommodated,
            wait_days: None,
            placements: starts
                .iter()
                .map(|&s| PlacementSpan { start: s, end: None, placement_type: PlacementType::FosterLa })
                .collect(),
        }
    }

    #[test]
    fn rows_are_ordered_by_start_and_the_undrawable_go_last_and_are_counted() {
        // By hand: C (accommodated 2020) before A (2021); B has no placements; D has placements
        // but no M1, drawn by calendar (its first placement, 2022, sorts it last of the drawn).
        let rows = vec![
            row("A", Some(d(2021, 1, 1)), &[d(2021, 1, 1)]),
            row("B", Some(d(2019, 1, 1)), &[]),
            row("C", Some(d(2020, 1, 1)), &[d(2020, 1, 1), d(2020, 6, 1)]),
            row("D", None, &[d(2022, 1, 1)]),
        ];
        let o = order_history_rows(rows.clone(), HistoryAlign::Calendar, HistorySort::Start);
        let ids: Vec<&str> = o.rows.iter().map(|r| r.child_id.as_str()).collect();
        assert_eq!(ids, ["C", "A", "D", "B"]);
        assert_eq!((o.drawable, o.omitted_no_placements, o.omitted_no_accommodation), (3, 1, 0));
        assert_eq!(o.count_note(3), "Showing all 3 children. 1 child has no placements recorded.");

        // Lined up at accommodation, D cannot be placed; by moves, C (1 move) comes first.
        let o = order_history_rows(rows, HistoryAlign::SinceAccommodation, HistorySort::Moves);
        let ids: Vec<&str> = o.rows.iter().map(|r| r.child_id.as_str()).collect();
        assert_eq!(ids, ["C", "A", "B", "D"]);
        assert_eq!(
            o.count_note(1),
            "Showing the first 1 of 2 children, to keep the chart readable. 1 child with no first-accommodated \
             date is left out while rows are lined up at accommodation. 1 child has no placements recorded."
        );
    }

    #[test]
    fn nobody_to_draw_says_so() {
        let o = order_history_rows(
            vec![row("B", None, &[]), row("E", None, &[])],
            HistoryAlign::Calendar,
            HistorySort::Start,
        );
        assert_eq!(
            o.count_note(0),
            "No child in the selection has a placement to show. 2 children have no placements recorded."
        );
    }

    #[test]
    fn a_child_with_two_episodes_is_one_row_from_the_latest_episode() {
        // Child 7 has episode 1 (accommodated 2019) and episode 2 (accommodated 2022): one row,
        // from episode 2, whose journey has run from 01/03/2022 to the as-at date 01/03/2023,
        // 365 days.
        let mut first = Child { child_id: "7".into(), episode_no: 1, ..Child::default() };
        first.set_date(Milestone::FirstAccommodated, Some(d(2019, 1, 1)));
        first.set_date(Milestone::LastAccommodated, Some(d(2019, 1, 1)));
        let mut second = Child { child_id: "7".into(), episode_no: 2, ..Child::default() };
        second.set_date(Milestone::FirstAccommodated, Some(d(2019, 1, 1)));
        second.set_date(Milestone::LastAccommodated, Some(d(2022, 3, 1)));
        let placement = |start| Placement {
            child_id: "7".into(),
            start,
            end: None,
            placement_type: PlacementType::FosterLa,
            placement_type_raw: "".into(),
            carer_ref: None,
            end_reason: None,
            source: Default::default(),
        };
        let ds = Dataset {
            children: vec![second, first],
            placements: vec![placement(d(2019, 1, 1)), placement(d(2022, 3, 1))],
            ..Dataset::default()
        };
        let table = StageTable::build(&ds, &Settings::default(), d(2023, 3, 1));
        let analysis = analyse_table(&ds, &table, &Settings::default());
        let rows = history_rows(&ds, &table, &analysis.placement_histories, |c| format!("id {}", c.child_id));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].label, "id 7");
        assert_eq!(rows[0].wait_days, Some(365.0));
    }
}
