//! Grouped placement histories (docs/domain.md#placement-history-chart): one row per child, each
//! made of placement-type segments, so many children's moves can be seen together.
//!
//! The x axis is either the calendar or days since first accommodated (M1), which lines every
//! child up at accommodation. Rows sort by start, by number of moves or by wait. Segments are
//! also merged into one path per placement type, so thousands of rows stay cheap to draw.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use super::ChartMeta;
use super::geom::{
    Anchor, AxisTick, ClassedPath, Label, LegendEntry, LegendKey, Line, PathBuilder, Rect, layout_legend, round1,
};
use super::placement_class;
use super::scale::{DateScale, LinearScale};
use super::ticks::{date_ticks, format_number, nice_ticks_with_min_step};
use super::timeline_model::PlacementSpan;
use crate::model::{Child, Milestone, Placement, PlacementType};

/// The x axis of a placement history chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryAlign {
    /// Calendar dates.
    #[default]
    Calendar,
    /// Days since first accommodated (M1); children without M1 are left out and counted.
    SinceAccommodation,
}

/// Row order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HistorySort {
    /// Earliest first accommodated (M1) first, else earliest placement start.
    #[default]
    Start,
    /// Most moves first.
    Moves,
    /// Longest wait first (rows without a wait last).
    Wait,
}

/// One child's placements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryRow {
    pub child_id: String,
    /// Row label; the child id unless names are deliberately shown.
    pub label: String,
    /// First accommodated away from home (M1): the alignment point.
    pub accommodated: Option<NaiveDate>,
    /// Days waiting for the stage the user is looking at, for sorting by wait.
    pub wait_days: Option<f64>,
    pub placements: Vec<PlacementSpan>,
}

impl HistoryRow {
    /// A row from a child and the placements sheet (only this child's placements are kept).
    pub fn from_records(child: &Child, placements: &[Placement]) -> HistoryRow {
        HistoryRow {
            child_id: child.child_id.clone(),
            label: child.child_id.clone(),
            accommodated: child.date(Milestone::FirstAccommodated),
            wait_days: None,
            placements: PlacementSpan::of_child(child, placements),
        }
    }

    /// Number of moves: placements after the first.
    pub fn moves(&self) -> usize {
        self.placements.len().saturating_sub(1)
    }

    fn start_key(&self) -> Option<NaiveDate> {
        self.accommodated.or_else(|| self.placements.iter().map(|p| p.start).min())
    }
}

/// Sizes in viewBox units; the row step shrinks as rows are added, between the two limits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HistoryLayout {
    pub width: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    pub margin_top: f64,
    /// The plot height the rows aim to fit in.
    pub target_plot_height: f64,
    pub max_row_step: f64,
    pub min_row_step: f64,
}

impl Default for HistoryLayout {
    fn default() -> Self {
        HistoryLayout {
            width: 960.0,
            margin_left: 90.0,
            margin_right: 24.0,
            margin_top: 12.0,
            target_plot_height: 600.0,
            max_row_step: 18.0,
            min_row_step: 3.0,
        }
    }
}

/// Everything needed to draw grouped placement histories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementHistorySpec {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub rows: Vec<HistoryRow>,
    /// Ongoing placements end here.
    pub as_at: NaiveDate,
    pub align: HistoryAlign,
    pub sort: HistorySort,
    pub layout: HistoryLayout,
}

impl PlacementHistorySpec {
    /// A calendar-aligned spec sorted by start, with the default layout.
    pub fn new(id: impl Into<String>, title: impl Into<String>, rows: Vec<HistoryRow>, as_at: NaiveDate) -> Self {
        PlacementHistorySpec {
            id: id.into(),
            title: title.into(),
            description: None,
            rows,
            as_at,
            align: HistoryAlign::default(),
            sort: HistorySort::default(),
            layout: HistoryLayout::default(),
        }
    }

    /// Builds the chart geometry.
    pub fn build(&self) -> PlacementHistoryModel {
        build(self)
    }
}

/// One drawn placement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistorySegment {
    pub rect: Rect,
    pub placement_type: PlacementType,
    pub class: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub open: bool,
}

/// One drawn row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryRowModel {
    pub child_id: String,
    /// Top of the row slot.
    pub y: f64,
    pub moves: usize,
    /// Present only when rows are tall enough to label.
    pub label: Option<Label>,
    pub segments: Vec<HistorySegment>,
}

/// Grouped placement histories geometry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementHistoryModel {
    /// Id, title, description and size (serialised flat, as the fields were).
    #[serde(flatten)]
    pub meta: ChartMeta,
    pub align: HistoryAlign,
    pub plot: Rect,
    /// Height of one row slot.
    pub row_step: f64,
    pub rows: Vec<HistoryRowModel>,
    /// All segments merged into one path per placement type (draw these for large groups).
    pub type_paths: Vec<ClassedPath>,
    /// A short white line at every move, so two placements of the same type stay distinct.
    /// Class "ts-move". Empty when rows are too thin (under 6 units) to show it.
    pub moves_path: String,
    /// X ticks; each line is a grid line through all rows.
    pub x_ticks: Vec<AxisTick>,
    pub axis_line: Line,
    /// Day 0 (accommodation) when aligned; class "ts-zero-line".
    pub zero_line: Option<Line>,
    pub axis_title: Label,
    pub legend: Vec<LegendEntry>,
    /// Rows left out: no placements, or (when aligned) no first-accommodated date.
    pub omitted_no_placements: usize,
    pub omitted_no_accommodation: usize,
    pub message: Option<String>,
}

impl PlacementHistoryModel {
    /// The row under a pointer y, for one click handler on the whole chart.
    pub fn row_at(&self, y: f64) -> Option<&HistoryRowModel> {
        if y < self.plot.y || self.row_step <= 0.0 {
            return None;
        }
        self.rows.get(((y - self.plot.y) / self.row_step).floor() as usize)
    }
}

/// Maps a row's date to x (days since that row's M1 when aligned).
type XMap<'a> = Box<dyn Fn(&HistoryRow, NaiveDate) -> f64 + 'a>;

/// The rows drawn, and how many were left out and why.
struct ShownRows<'a> {
    rows: Vec<&'a HistoryRow>,
    omitted_no_placements: usize,
    omitted_no_accommodation: usize,
}

fn build(spec: &PlacementHistorySpec) -> PlacementHistoryModel {
    let lay = spec.layout;
    let mut shown = shown_rows(spec);
    sort_rows(&mut shown.rows, spec.sort);
    let rows = &shown.rows;

    let n = rows.len();
    let row_step = if n == 0 {
        lay.max_row_step
    } else {
        (lay.target_plot_height / n as f64).clamp(lay.min_row_step, lay.max_row_step)
    };
    let plot_w = lay.width - lay.margin_left - lay.margin_right;
    let plot = Rect::new(lay.margin_left, lay.margin_top, plot_w, row_step * n.max(1) as f64);
    let axis_y = plot.bottom();

    let x = x_axis(spec, rows, plot);
    let drawn = draw_rows(spec, rows, &x.x_of, plot, row_step);
    let items: Vec<(LegendKey, &'static str, String)> =
        drawn.types.iter().map(|&t| (LegendKey::Swatch, placement_class(t), t.label().to_string())).collect();
    let (legend, last_y) = layout_legend(&items, plot.x, axis_y + 58.0, lay.width - lay.margin_right, 18.0);

    let message = if n == 0 { Some("No placement histories to show".to_string()) } else { None };
    let description = spec.description.clone().unwrap_or_else(|| describe(spec, &shown, &drawn.rows));

    PlacementHistoryModel {
        meta: ChartMeta {
            id: spec.id.clone(),
            title: spec.title.clone(),
            description,
            width: lay.width,
            height: round1(last_y + 16.0),
        },
        align: spec.align,
        plot,
        row_step,
        rows: drawn.rows,
        type_paths: drawn.type_paths,
        moves_path: drawn.moves_path,
        x_ticks: x.ticks,
        axis_line: Line::new(plot.x, axis_y, plot.right(), axis_y),
        zero_line: x.zero_line,
        axis_title: Label::new(plot.x + plot.w / 2.0, axis_y + 40.0, x.title, Anchor::Middle, "ts-axis-title"),
        legend,
        omitted_no_placements: shown.omitted_no_placements,
        omitted_no_accommodation: shown.omitted_no_accommodation,
        message,
    }
}

/// Rows with placements (and, when aligned, a first-accommodated date), counting the rest.
fn shown_rows(spec: &PlacementHistorySpec) -> ShownRows<'_> {
    let aligned = spec.align == HistoryAlign::SinceAccommodation;
    let mut shown =
        ShownRows { rows: Vec::with_capacity(spec.rows.len()), omitted_no_placements: 0, omitted_no_accommodation: 0 };
    for r in &spec.rows {
        if r.placements.is_empty() {
            shown.omitted_no_placements += 1;
        } else if aligned && r.accommodated.is_none() {
            shown.omitted_no_accommodation += 1;
        } else {
            shown.rows.push(r);
        }
    }
    shown
}

/// Puts rows in the chosen order; ties go by child id.
pub(crate) fn sort_rows(rows: &mut [&HistoryRow], sort: HistorySort) {
    match sort {
        HistorySort::Start => crate::order::sort_by(rows, |a, b| {
            a.start_key().cmp(&b.start_key()).then_with(|| a.child_id.cmp(&b.child_id))
        }),
        HistorySort::Moves => crate::order::sort_by(rows, |a, b| {
            b.moves()
                .cmp(&a.moves())
                .then_with(|| a.start_key().cmp(&b.start_key()))
                .then_with(|| a.child_id.cmp(&b.child_id))
        }),
        HistorySort::Wait => crate::order::sort_by(rows, |a, b| {
            let o = match (a.wait_days, b.wait_days) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            o.then_with(|| a.child_id.cmp(&b.child_id))
        }),
    }
}

/// The end drawn for a placement: its end date, or the as-at date while it is ongoing.
fn end_of(spec: &PlacementHistorySpec, p: &PlacementSpan) -> NaiveDate {
    p.end.unwrap_or(spec.as_at).max(p.start)
}

/// The x axis: how a row's date maps to x, its ticks, the day-0 line when aligned, and its title.
struct XAxis<'a> {
    x_of: XMap<'a>,
    ticks: Vec<AxisTick>,
    zero_line: Option<Line>,
    title: String,
}

/// Days from each row's M1 when aligned, else calendar dates from the earliest start.
fn x_axis<'a>(spec: &'a PlacementHistorySpec, rows: &[&HistoryRow], plot: Rect) -> XAxis<'a> {
    let aligned = spec.align == HistoryAlign::SinceAccommodation;
    let min_start = rows.iter().flat_map(|r| r.placements.iter().map(|p| p.start)).min();
    let max_end = rows.iter().flat_map(|r| r.placements.iter().map(|p| end_of(spec, p))).max();
    let tick_target = ((plot.w / 100.0).floor() as usize).clamp(2, 10);
    let axis_y = plot.bottom();
    let tick = |x: f64, label: String| AxisTick {
        pos: round1(x),
        line: Line::new(x, plot.y, x, axis_y + 5.0),
        label: Label::new(x, axis_y + 18.0, label, Anchor::Middle, "ts-tick-label"),
    };
    match (aligned, min_start, max_end) {
        (_, None, _) | (_, _, None) => {
            XAxis { x_of: Box::new(move |_, _| plot.x), ticks: Vec::new(), zero_line: None, title: String::new() }
        }
        (true, Some(_), Some(_)) => {
            let off = |r: &HistoryRow, d: NaiveDate| {
                // Aligned rows without M1 were left out above; 0 keeps this total anyway.
                r.accommodated.map_or(0.0, |m1| (d - m1).num_days() as f64)
            };
            let lo = rows.iter().flat_map(|r| r.placements.iter().map(move |p| off(r, p.start))).fold(0.0f64, f64::min);
            let hi = rows
                .iter()
                .flat_map(|r| r.placements.iter().map(move |p| off(r, end_of(spec, p))))
                .fold(0.0f64, f64::max);
            let t = nice_ticks_with_min_step(lo, hi, tick_target, 1.0);
            let s = LinearScale::new((t.lo, t.hi), (plot.x, plot.right()));
            let ticks = t.values.iter().map(|&v| tick(s.map(v), format_number(v, t.step))).collect();
            let zx = s.map(0.0);
            XAxis {
                x_of: Box::new(move |r: &HistoryRow, d: NaiveDate| s.map(off(r, d))),
                ticks,
                zero_line: Some(Line::new(zx, plot.y, zx, axis_y)),
                title: "Days since first accommodated (M1)".to_string(),
            }
        }
        (false, Some(a), Some(b)) => {
            let b = if b <= a { a.succ_opt().unwrap_or(a) } else { b };
            let s = DateScale::new(a, b, (plot.x, plot.right()));
            let (_, dts) = date_ticks(a, b, tick_target.min(8));
            let ticks = dts.into_iter().map(|t| tick(s.map(t.date), t.label)).collect();
            XAxis {
                x_of: Box::new(move |_: &HistoryRow, d: NaiveDate| s.map(d)),
                ticks,
                zero_line: None,
                title: "Date".to_string(),
            }
        }
    }
}

/// The drawn rows, the segments merged into one path per placement type (in legend order, with
/// the types in the same order), and the move marks.
struct DrawnRows {
    rows: Vec<HistoryRowModel>,
    types: Vec<PlacementType>,
    type_paths: Vec<ClassedPath>,
    moves_path: String,
}

fn draw_rows(
    spec: &PlacementHistorySpec,
    rows: &[&HistoryRow],
    x_of: &XMap<'_>,
    plot: Rect,
    row_step: f64,
) -> DrawnRows {
    let seg_h = (row_step * 0.7).max(1.0);
    let mut paths: Vec<(PlacementType, PathBuilder)> = Vec::new();
    let show_labels = row_step >= 12.0;
    let mut moves = PathBuilder::new();
    let row_models: Vec<HistoryRowModel> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = plot.y + i as f64 * row_step;
            let sy = y + (row_step - seg_h) / 2.0;
            let segments = r
                .placements
                .iter()
                .map(|p| {
                    let (e, open) = (end_of(spec, p), p.end.is_none());
                    let x0 = x_of(r, p.start);
                    let x1 = x_of(r, e);
                    let rect = Rect::new(x0, sy, (x1 - x0).max(0.5), seg_h);
                    let pb = match paths.iter_mut().position(|(t, _)| *t == p.placement_type) {
                        Some(k) => &mut paths[k].1,
                        None => {
                            paths.push((p.placement_type, PathBuilder::new()));
                            // Invariant, not data: the vector was pushed to on the line above.
                            &mut paths.last_mut().expect("just pushed").1
                        }
                    };
                    pb.rect(rect.x, rect.y, rect.w, rect.h);
                    HistorySegment {
                        rect,
                        placement_type: p.placement_type,
                        class: placement_class(p.placement_type),
                        start: p.start,
                        end: e,
                        open,
                    }
                })
                .collect::<Vec<HistorySegment>>();
            if row_step >= 6.0 {
                for s in segments.iter().skip(1) {
                    moves.move_to(s.rect.x, s.rect.y).line_to(s.rect.x, s.rect.y + s.rect.h);
                }
            }
            HistoryRowModel {
                child_id: r.child_id.clone(),
                y: round1(y),
                moves: r.moves(),
                label: show_labels.then(|| {
                    Label::new(plot.x - 6.0, y + row_step / 2.0 + 4.0, r.label.clone(), Anchor::End, "ts-row-label")
                }),
                segments,
            }
        })
        .collect();
    crate::order::sort_by_key(&mut paths, |(t, _)| PlacementType::ALL.iter().position(|a| a == t));
    let types = paths.iter().map(|(t, _)| *t).collect();
    let type_paths = paths.into_iter().map(|(t, p)| ClassedPath { class: placement_class(t), d: p.finish() }).collect();
    DrawnRows { rows: row_models, types, type_paths, moves_path: moves.finish() }
}

/// The generated accessible description.
fn describe(spec: &PlacementHistorySpec, shown: &ShownRows<'_>, rows: &[HistoryRowModel]) -> String {
    let aligned = spec.align == HistoryAlign::SinceAccommodation;
    let mut s = format!(
        "Placement histories of {} children, {}, sorted by {}.",
        shown.rows.len(),
        if aligned { "aligned at first accommodation (M1)" } else { "by calendar date" },
        match spec.sort {
            HistorySort::Start => "start",
            HistorySort::Moves => "number of moves",
            HistorySort::Wait => "wait",
        }
    );
    let moves: usize = rows.iter().map(|r| r.moves).sum();
    s.push_str(&format!(" {moves} moves in all."));
    if shown.omitted_no_placements > 0 {
        s.push_str(&format!(
            " {} children have no placements recorded and are not shown.",
            shown.omitted_no_placements
        ));
    }
    if shown.omitted_no_accommodation > 0 {
        s.push_str(&format!(
            " {} children have no first-accommodated date and are not shown.",
            shown.omitted_no_accommodation
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(s: NaiveDate, e: Option<NaiveDate>, t: PlacementType) -> PlacementSpan {
        PlacementSpan { start: s, end: e, placement_type: t }
    }

    fn row(id: &str, m1: Option<NaiveDate>, wait: Option<f64>, ps: Vec<PlacementSpan>) -> HistoryRow {
        HistoryRow { child_id: id.into(), label: id.into(), accommodated: m1, wait_days: wait, placements: ps }
    }

    /// A: accommodated 1 Mar 2020; foster 92 days (Mar 31 + Apr 30 + May 31), kinship 273 days
    /// (1 Jun 2020 → 1 Mar 2021). B: accommodated 1 Jan 2021 after 31 days at home, then
    /// residential to the as-at date 31 Dec 2021 (364 days). C: no M1. D: no placements.
    fn rows() -> Vec<HistoryRow> {
        use PlacementType as P;
        vec![
            row(
                "B",
                Some(d(2021, 1, 1)),
                Some(300.0),
                vec![span(d(2020, 12, 1), Some(d(2021, 1, 1)), P::AtHome), span(d(2021, 1, 1), None, P::Residential)],
            ),
            row(
                "A",
                Some(d(2020, 3, 1)),
                Some(90.0),
                vec![
                    span(d(2020, 3, 1), Some(d(2020, 6, 1)), P::FosterLa),
                    span(d(2020, 6, 1), Some(d(2021, 3, 1)), P::Kinship),
                ],
            ),
            row(
                "C",
                None,
                None,
                vec![
                    span(d(2019, 1, 1), Some(d(2019, 2, 1)), P::FosterLa),
                    span(d(2019, 2, 1), Some(d(2019, 3, 1)), P::FosterLa),
                    span(d(2019, 3, 1), Some(d(2019, 5, 1)), P::Residential),
                ],
            ),
            row("D", Some(d(2020, 1, 1)), Some(1000.0), vec![]),
        ]
    }

    /// Plot 500 units wide from x 100: with offsets from −31 to 365 days and 5 ticks wanted,
    /// 396/5 = 79.2 → step 100 → domain −100..400, exactly one unit per day: x = 200 + days.
    fn aligned_spec() -> PlacementHistorySpec {
        let mut s = PlacementHistorySpec::new("ph", "Histories", rows(), d(2021, 12, 31));
        s.layout.width = 620.0;
        s.layout.margin_left = 100.0;
        s.layout.margin_right = 20.0;
        s.align = HistoryAlign::SinceAccommodation;
        s
    }

    #[test]
    fn aligned_at_accommodation_positions() {
        let m = aligned_spec().build();
        assert_eq!(m.omitted_no_accommodation, 1);
        assert_eq!(m.omitted_no_placements, 1);
        let ids: Vec<_> = m.rows.iter().map(|r| r.child_id.as_str()).collect();
        assert_eq!(ids, ["A", "B"]); // by M1: Mar 2020 before Jan 2021
        let segs = |i: usize| m.rows[i].segments.iter().map(|s| (s.rect.x, s.rect.x + s.rect.w)).collect::<Vec<_>>();
        assert_eq!(segs(0), [(200.0, 292.0), (292.0, 565.0)]);
        assert_eq!(segs(1), [(169.0, 200.0), (200.0, 564.0)]);
        assert!(m.rows[1].segments[1].open);
        assert_eq!(m.zero_line.unwrap().x1, 200.0);
        let labels: Vec<_> = m.x_ticks.iter().map(|t| (t.label.text.as_str(), t.pos)).collect();
        assert_eq!(
            labels,
            [("-100", 100.0), ("0", 200.0), ("100", 300.0), ("200", 400.0), ("300", 500.0), ("400", 600.0)]
        );
        assert!(m.meta.description.contains("no first-accommodated date"));
    }

    #[test]
    fn calendar_positions_and_sorting() {
        let mut s = aligned_spec();
        s.align = HistoryAlign::Calendar;
        s.sort = HistorySort::Moves;
        let m = s.build();
        // C (2 moves) first; A and B have one move each, A starts earlier.
        let ids: Vec<_> = m.rows.iter().map(|r| r.child_id.as_str()).collect();
        assert_eq!(ids, ["C", "A", "B"]);
        let xs = DateScale::new(d(2019, 1, 1), d(2021, 12, 31), (100.0, 600.0));
        // 1 Jan 2019 → 31 Dec 2021 = 1095 days over 500 units; A's start (425 days in) at 100 + 425 × 500/1095.
        assert_eq!((d(2020, 3, 1) - d(2019, 1, 1)).num_days(), 425);
        assert!((m.rows[1].segments[0].rect.x - (100.0 + 425.0 * 500.0 / 1095.0)).abs() < 0.051);
        assert!((m.rows[1].segments[0].rect.x - xs.map(d(2020, 3, 1))).abs() < 0.051);
        assert!(m.zero_line.is_none());
        // By wait: B (300) before A (90) before C (none).
        s.sort = HistorySort::Wait;
        let ids: Vec<_> = s.build().rows.iter().map(|r| r.child_id.clone()).collect();
        assert_eq!(ids, ["B", "A", "C"]);
    }

    #[test]
    fn rows_shrink_and_merge_into_type_paths() {
        let m = aligned_spec().build();
        // Two rows: 600/2 = 300, clamped to 18.
        assert_eq!(m.row_step, 18.0);
        assert_eq!(m.rows[1].y, 12.0 + 18.0);
        assert!(m.rows[0].label.is_some());
        assert_eq!(m.row_at(12.0 + 18.0 + 1.0).unwrap().child_id, "B");
        // One move per row: A at x 292, B at x 200; segments 12.6 high, centred in 18-unit rows
        // (top 12 + 2.7 for A, 30 + 2.7 for B).
        assert_eq!(m.moves_path, "M292 14.7L292 27.3M200 32.7L200 45.3");
        // Four types, one path each, in PlacementType order.
        let classes: Vec<_> = m.type_paths.iter().map(|p| p.class).collect();
        assert_eq!(classes, ["ts-pt-at-home", "ts-pt-kinship", "ts-pt-foster-la", "ts-pt-residential"]);
        // 400 rows: 600/400 = 1.5 → clamped to 3; no labels.
        let many: Vec<HistoryRow> =
            (0..400).map(|i| HistoryRow { child_id: format!("X{i}"), ..rows().remove(1) }).collect();
        let m = PlacementHistorySpec::new("ph", "t", many, d(2021, 12, 31)).build();
        assert_eq!(m.row_step, 3.0);
        assert!(m.rows.iter().all(|r| r.label.is_none()));
        assert_eq!(m.type_paths.iter().map(|p| p.d.matches('Z').count()).sum::<usize>(), 800);
    }

    #[test]
    fn nothing_to_show_gives_a_message() {
        let m = PlacementHistorySpec::new("ph", "t", vec![], d(2021, 1, 1)).build();
        assert!(m.message.is_some());
        assert!(m.rows.is_empty() && m.x_ticks.is_empty());
    }
}
