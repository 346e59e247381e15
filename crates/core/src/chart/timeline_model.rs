//! Child timeline geometry (docs/domain.md#child-timeline).
//!
//! One row per child on a shared date axis, so siblings can be compared. Each row has a band of
//! placement segments coloured by placement type (every move visible), milestone markers above
//! the band, event ticks (LAC reviews, hearings) below it, shaded gaps where no milestone was
//! reached for longer than a threshold ("no decision progress"), and an optional age scale.
//! The axis runs from the earliest date to legal permanence (M8) or the as-at date.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::ChartMeta;
use super::geom::{
    Anchor, AxisTick, ClassedPath, Label, LegendEntry, LegendKey, Line, MarkerShape, PathBuilder, Rect, layout_legend,
    round1, text_width,
};
use super::placement_class;
use super::scale::DateScale;
use super::ticks::{date_ticks, format_day};
use crate::model::{Child, Dataset, Event, Milestone, Placement, PlacementType, rows_of};

/// One placement as a time span; `end: None` means ongoing at the as-at date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementSpan {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub placement_type: PlacementType,
}

impl PlacementSpan {
    /// One child's placements from the placements sheet, earliest first.
    pub fn of_child(child: &Child, placements: &[Placement]) -> Vec<PlacementSpan> {
        let mut spans: Vec<PlacementSpan> = rows_of(placements, &child.child_id)
            .map(|p| PlacementSpan { start: p.start, end: p.end, placement_type: p.placement_type })
            .collect();
        crate::order::sort_by_key(&mut spans, |p| p.start);
        spans
    }
}

/// A dated event shown as a small tick (LAC review, hearing, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEvent {
    pub date: NaiveDate,
    pub label: String,
}

/// One child's dates for the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineChild {
    pub child_id: String,
    /// Row label; the child id unless the user deliberately shows names.
    pub label: String,
    pub date_of_birth: Option<NaiveDate>,
    pub milestones: Vec<(Milestone, NaiveDate)>,
    pub placements: Vec<PlacementSpan>,
    pub events: Vec<TimelineEvent>,
}

impl TimelineChild {
    /// Gathers one child's milestones, and the placements and events with the same child id.
    pub fn from_records(child: &Child, placements: &[Placement], events: &[Event]) -> TimelineChild {
        let milestones = Milestone::ALL.iter().filter_map(|&m| child.date(m).map(|d| (m, d))).collect();
        let mut es: Vec<TimelineEvent> = rows_of(events, &child.child_id)
            .map(|e| TimelineEvent { date: e.date, label: e.label.clone().unwrap_or_else(|| e.event_type.to_string()) })
            .collect();
        crate::order::sort_by_key(&mut es, |e| e.date);
        TimelineChild {
            child_id: child.child_id.clone(),
            label: child.child_id.clone(),
            date_of_birth: child.date_of_birth,
            milestones,
            placements: PlacementSpan::of_child(child, placements),
            events: es,
        }
    }

    /// [`Self::from_records`] for a child of `ds`, with England's dates (placement order, match,
    /// placed for adoption, moving in, the decision's reversal) as marked events when the data
    /// holds them (docs/domain.md#england-stages).
    pub fn of(child: &Child, ds: &Dataset) -> TimelineChild {
        let mut t = TimelineChild::from_records(child, &ds.placements, &ds.events);
        if let Some(e) = ds.england.get(&child.child_id) {
            let dates = [
                (e.placement_order, "Placement order"),
                (e.matched, "Matched with adopters"),
                (e.placed_for_adoption, "Placed for adoption"),
                (e.moved_in.filter(|m| Some(*m) != e.placed_for_adoption), "Moved in with the adoptive family"),
                (e.decision_reversed, "Adoption decision reversed"),
            ];
            for (date, label) in dates {
                if let Some(date) = date {
                    t.events.push(TimelineEvent { date, label: label.to_string() });
                }
            }
            t.events.sort_by_key(|e| e.date);
        }
        t
    }

    fn date_of(&self, m: Milestone) -> Option<NaiveDate> {
        self.milestones.iter().find(|(k, _)| *k == m).map(|(_, d)| *d)
    }

    /// Where this child's timeline ends: legal permanence (M8), else the as-at date.
    pub fn end(&self, as_at: NaiveDate) -> NaiveDate {
        self.date_of(Milestone::OrderGranted).unwrap_or(as_at)
    }

    fn all_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.milestones
            .iter()
            .map(|(_, d)| *d)
            .chain(self.placements.iter().flat_map(|p| std::iter::once(p.start).chain(p.end)))
            .chain(self.events.iter().map(|e| e.date))
    }
}

/// Sizes of the timeline in viewBox units. The height grows with the number of children.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimelineLayout {
    pub width: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    pub margin_top: f64,
    pub row_height: f64,
}

impl Default for TimelineLayout {
    fn default() -> Self {
        TimelineLayout { width: 960.0, margin_left: 110.0, margin_right: 24.0, margin_top: 12.0, row_height: 96.0 }
    }
}

/// Everything needed to draw one or more children's timelines on a shared axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineSpec {
    /// Prefix for element ids; unique on the page.
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub children: Vec<TimelineChild>,
    pub as_at: NaiveDate,
    /// Gaps between consecutive milestones longer than this are shaded.
    pub gap_threshold_days: i64,
    /// Draw an age scale under each child with a date of birth.
    pub show_age: bool,
    pub layout: TimelineLayout,
}

impl TimelineSpec {
    /// A spec with a 180-day gap threshold, no age scale and the default layout.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        children: Vec<TimelineChild>,
        as_at: NaiveDate,
    ) -> Self {
        TimelineSpec {
            id: id.into(),
            title: title.into(),
            description: None,
            children,
            as_at,
            gap_threshold_days: 180,
            show_age: false,
            layout: TimelineLayout::default(),
        }
    }

    /// Builds the timeline geometry.
    pub fn build(&self) -> TimelineModel {
        build(self)
    }
}

/// A placement segment in a child's band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineSegment {
    pub rect: Rect,
    pub placement_type: PlacementType,
    pub class: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Still ongoing at the as-at date.
    pub open: bool,
    /// Accessible text, e.g. "Kinship carers, 1 Jan 2021 to 31 Dec 2021 (ongoing)".
    pub text: String,
}

/// A milestone marker (diamond) with its short code above it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneMarker {
    pub milestone: Milestone,
    pub date: NaiveDate,
    pub x: f64,
    pub y: f64,
    pub shape: MarkerShape,
    /// "M3" etc., class "ts-milestone-label".
    pub code: Label,
    /// "Permanence recommendation, 1 Dec 2020".
    pub text: String,
}

/// An event tick below the band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventTick {
    pub date: NaiveDate,
    pub line: Line,
    pub text: String,
}

/// A shaded period without decision progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub rect: Rect,
    pub days: i64,
    pub from: Milestone,
    /// `None` when the gap runs on to the as-at date (still no progress).
    pub to: Option<Milestone>,
    /// Shown only when it fits inside the gap.
    pub label: Option<Label>,
    pub text: String,
}

/// One child's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    pub child_id: String,
    /// Top of the row.
    pub y: f64,
    pub label: Label,
    /// The band outline behind the segments (class "ts-band").
    pub band: Rect,
    pub segments: Vec<TimelineSegment>,
    /// A white gap at every move (segment boundary), so moves show without relying on colour.
    /// Class "ts-move".
    pub moves_path: String,
    pub milestones: Vec<MilestoneMarker>,
    pub events: Vec<EventTick>,
    /// All event ticks as one path (class "ts-event").
    pub events_path: String,
    pub gaps: Vec<Gap>,
    /// Age ticks for this child (empty without a date of birth or when the age scale is off).
    pub age_ticks: Vec<AxisTick>,
}

/// Timeline geometry for one or more children.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineModel {
    /// Id, title, description and size (serialised flat, as the fields were).
    #[serde(flatten)]
    pub meta: ChartMeta,
    pub x_scale: Option<DateScale>,
    pub plot: Rect,
    pub rows: Vec<TimelineRow>,
    /// Date ticks; each line is a vertical grid line through every row.
    pub x_ticks: Vec<AxisTick>,
    pub axis_line: Line,
    /// The as-at date line, when it lies on the axis (class "ts-as-at").
    pub as_at_line: Option<Line>,
    pub legend: Vec<LegendEntry>,
    pub message: Option<String>,
}

// Offsets inside a row, from its top.
const LABEL_Y: f64 = 18.0;
const MARKER_Y: f64 = 30.0;
const BAND_Y: f64 = 40.0;
const BAND_H: f64 = 20.0;
const EVENT_Y1: f64 = 62.0;
const EVENT_Y2: f64 = 70.0;
const GAP_Y1: f64 = 4.0;
const GAP_Y2: f64 = 72.0;
const AGE_Y: f64 = 74.0;

fn build(spec: &TimelineSpec) -> TimelineModel {
    let lay = spec.layout;
    let n = spec.children.len().max(1);
    let plot = Rect::new(
        lay.margin_left,
        lay.margin_top,
        lay.width - lay.margin_left - lay.margin_right,
        n as f64 * lay.row_height,
    );
    let axis_y = plot.bottom();
    let start = spec.children.iter().flat_map(|c| c.all_dates()).min();
    let end = spec
        .children
        .iter()
        .map(|c| c.end(spec.as_at))
        .chain(spec.children.iter().flat_map(|c| c.all_dates()).filter(|&d| d <= spec.as_at))
        .max();

    let (Some(start), Some(mut end)) = (start, end) else {
        let (legend, y) = (Vec::new(), axis_y);
        return TimelineModel {
            meta: ChartMeta {
                id: spec.id.clone(),
                title: spec.title.clone(),
                description: spec.description.clone().unwrap_or_else(|| "No dates recorded for this timeline.".into()),
                width: lay.width,
                height: y + 40.0,
            },
            x_scale: None,
            plot,
            rows: Vec::new(),
            x_ticks: Vec::new(),
            axis_line: Line::new(plot.x, axis_y, plot.right(), axis_y),
            as_at_line: None,
            legend,
            message: Some("No dates recorded for this timeline".into()),
        };
    };
    if end <= start {
        end = start.succ_opt().unwrap_or(start);
    }
    let xs = DateScale::new(start, end, (plot.x, plot.right()));
    let clamp_x = |d: NaiveDate| xs.map(d.clamp(start, end));

    let rows: Vec<TimelineRow> = spec
        .children
        .iter()
        .enumerate()
        .map(|(i, c)| build_row(spec, c, plot.y + i as f64 * lay.row_height, &xs, &clamp_x, plot))
        .collect();

    let max_ticks = ((plot.w / 90.0).floor() as usize).clamp(2, 10);
    let (_, dts) = date_ticks(start, end, max_ticks);
    let x_ticks = dts
        .into_iter()
        .map(|t| {
            let x = xs.map(t.date);
            AxisTick {
                pos: round1(x),
                line: Line::new(x, plot.y, x, axis_y + 5.0),
                label: Label::new(x, axis_y + 18.0, t.label, Anchor::Middle, "ts-tick-label"),
            }
        })
        .collect();
    let as_at_line = (spec.as_at >= start && spec.as_at <= end).then(|| {
        let x = xs.map(spec.as_at);
        Line::new(x, plot.y, x, axis_y)
    });

    // Legend: placement types present, then the marks.
    let mut items: Vec<(LegendKey, &'static str, String)> = Vec::new();
    for t in PlacementType::ALL {
        if rows.iter().any(|r| r.segments.iter().any(|s| s.placement_type == t)) {
            items.push((LegendKey::Swatch, placement_class(t), t.label().to_string()));
        }
    }
    if rows.iter().any(|r| !r.milestones.is_empty()) {
        items.push((LegendKey::Marker(MarkerShape::Diamond), "ts-milestone", "Milestone".into()));
    }
    if rows.iter().any(|r| !r.events.is_empty()) {
        items.push((LegendKey::Line, "ts-event-key", "Review or hearing".into()));
    }
    if rows.iter().any(|r| !r.gaps.is_empty()) {
        items.push((
            LegendKey::Swatch,
            "ts-gap",
            format!("No decision progress for over {} days", spec.gap_threshold_days),
        ));
    }
    let (legend, last_y) = layout_legend(&items, plot.x, axis_y + 44.0, lay.width - lay.margin_right, 18.0);

    let description = spec.description.clone().unwrap_or_else(|| describe(spec, &rows, start, end));
    TimelineModel {
        meta: ChartMeta {
            id: spec.id.clone(),
            title: spec.title.clone(),
            description,
            width: lay.width,
            height: round1(last_y + 16.0),
        },
        x_scale: Some(xs),
        plot,
        rows,
        x_ticks,
        axis_line: Line::new(plot.x, axis_y, plot.right(), axis_y),
        as_at_line,
        legend,
        message: None,
    }
}

fn build_row(
    spec: &TimelineSpec,
    c: &TimelineChild,
    y0: f64,
    xs: &DateScale,
    clamp_x: &dyn Fn(NaiveDate) -> f64,
    plot: Rect,
) -> TimelineRow {
    let band = Rect::new(plot.x, y0 + BAND_Y, plot.w, BAND_H);
    let (start, end) = (xs.start, xs.end);

    let segments: Vec<TimelineSegment> = c
        .placements
        .iter()
        .filter_map(|p| {
            let open = p.end.is_none();
            let pend = p.end.unwrap_or(spec.as_at);
            if pend < p.start || pend < start || p.start > end {
                return None;
            }
            let x0 = clamp_x(p.start);
            let x1 = clamp_x(pend);
            let text = format!(
                "{}, {} to {}{}",
                p.placement_type.label(),
                format_day(p.start),
                format_day(pend),
                if open { " (ongoing)" } else { "" }
            );
            Some(TimelineSegment {
                rect: Rect::new(x0, y0 + BAND_Y, (x1 - x0).max(1.0), BAND_H),
                placement_type: p.placement_type,
                class: placement_class(p.placement_type),
                start: p.start,
                end: pend,
                open,
                text,
            })
        })
        .collect();

    let mut mp = PathBuilder::new();
    for s in segments.iter().skip(1) {
        mp.move_to(s.rect.x, s.rect.y).line_to(s.rect.x, s.rect.y + s.rect.h);
    }

    // Milestones in date order, codes staggered on two levels when they would collide.
    let mut ms: Vec<(Milestone, NaiveDate)> = c.milestones.clone();
    crate::order::sort_by_key(&mut ms, |&(m, d)| (d, m));
    let mut last_x = [f64::NEG_INFINITY; 2];
    let milestones = ms
        .iter()
        .filter(|(_, d)| *d >= start && *d <= end)
        .map(|&(m, d)| {
            let x = xs.map(d);
            let level = if x - last_x[0] >= 22.0 {
                0
            } else if x - last_x[1] >= 22.0 {
                1
            } else {
                0
            };
            last_x[level] = x;
            MilestoneMarker {
                milestone: m,
                date: d,
                x: round1(x),
                y: round1(y0 + MARKER_Y),
                shape: MarkerShape::Diamond,
                code: Label::new(x, y0 + LABEL_Y - 10.0 * level as f64, m.code(), Anchor::Middle, "ts-milestone-label"),
                text: format!("{}, {}", m.label(), format_day(d)),
            }
        })
        .collect();

    let mut ep = PathBuilder::new();
    let events = c
        .events
        .iter()
        .filter(|e| e.date >= start && e.date <= end)
        .map(|e| {
            let x = xs.map(e.date);
            ep.move_to(x, y0 + EVENT_Y1).line_to(x, y0 + EVENT_Y2);
            EventTick {
                date: e.date,
                line: Line::new(x, y0 + EVENT_Y1, x, y0 + EVENT_Y2),
                text: format!("{}, {}", e.label, format_day(e.date)),
            }
        })
        .collect();

    let gaps = gaps_for(spec, c, &ms, y0, clamp_x);

    let age_ticks = match (spec.show_age, c.date_of_birth) {
        (true, Some(dob)) => age_ticks(dob, start, end, xs, y0 + AGE_Y),
        _ => Vec::new(),
    };

    TimelineRow {
        child_id: c.child_id.clone(),
        y: round1(y0),
        label: Label::new(plot.x - 8.0, y0 + BAND_Y + BAND_H / 2.0 + 4.0, c.label.clone(), Anchor::End, "ts-row-label"),
        band,
        segments,
        moves_path: mp.finish(),
        milestones,
        events,
        events_path: ep.finish(),
        gaps,
        age_ticks,
    }
}

/// Gaps longer than the threshold between consecutive milestone dates, and from the last
/// milestone to the as-at date while the child has neither legal permanence nor left care.
fn gaps_for(
    spec: &TimelineSpec,
    c: &TimelineChild,
    ms: &[(Milestone, NaiveDate)],
    y0: f64,
    clamp_x: &dyn Fn(NaiveDate) -> f64,
) -> Vec<Gap> {
    let mut out = Vec::new();
    let mut push = |from: (Milestone, NaiveDate), to: Option<(Milestone, NaiveDate)>, until: NaiveDate| {
        let days = (until - from.1).num_days();
        if days <= spec.gap_threshold_days {
            return;
        }
        let (x0, x1) = (clamp_x(from.1), clamp_x(until));
        if x1 <= x0 {
            return;
        }
        let short = format!("No decision progress: {days} days");
        let label = (text_width(&short, 11.0) + 8.0 <= x1 - x0)
            .then(|| Label::new((x0 + x1) / 2.0, y0 + BAND_Y - 3.0, short, Anchor::Middle, "ts-gap-label"));
        let text = match to {
            Some((m, _)) => format!(
                "No decision progress for {days} days, from {} ({}) to {} ({})",
                from.0.code(),
                format_day(from.1),
                m.code(),
                format_day(until)
            ),
            None => format!(
                "No decision progress for {days} days, from {} ({}) to the as-at date ({})",
                from.0.code(),
                format_day(from.1),
                format_day(until)
            ),
        };
        out.push(Gap {
            rect: Rect::new(x0, y0 + GAP_Y1, x1 - x0, GAP_Y2 - GAP_Y1),
            days,
            from: from.0,
            to: to.map(|t| t.0),
            label,
            text,
        });
    };
    for w in ms.windows(2) {
        push(w[0], Some(w[1]), w[1].1);
    }
    let finished = c.date_of(Milestone::OrderGranted).is_some() || c.date_of(Milestone::CeasedLookedAfter).is_some();
    if let Some(&last) = ms.last()
        && !finished
        && spec.as_at > last.1
    {
        push(last, None, spec.as_at);
    }
    out
}

/// Birthday ticks: yearly, or every six months when fewer than two birthdays fall on the axis.
fn age_ticks(dob: NaiveDate, start: NaiveDate, end: NaiveDate, xs: &DateScale, y: f64) -> Vec<AxisTick> {
    let collect = |step_months: u32| {
        let mut out = Vec::new();
        let mut k = 0u32;
        while let Some(d) = dob.checked_add_months(Months::new(k * step_months)) {
            if d > end || k > 2400 {
                break;
            }
            if d >= start {
                let months = k * step_months;
                let (years, half) = (months / 12, !months.is_multiple_of(12));
                let text = if half { format!("Age {years}½") } else { format!("Age {years}") };
                let x = xs.map(d);
                out.push(AxisTick {
                    pos: round1(x),
                    line: Line::new(x, y, x, y + 4.0),
                    label: Label::new(x, y + 14.0, text, Anchor::Middle, "ts-age-label"),
                });
            }
            k += 1;
        }
        out
    };
    let yearly = collect(12);
    if yearly.len() >= 2 { yearly } else { collect(6) }
}

fn describe(spec: &TimelineSpec, rows: &[TimelineRow], start: NaiveDate, end: NaiveDate) -> String {
    let mut s = format!(
        "Timeline of {} from {} to {}.",
        if rows.len() == 1 { "1 child".to_string() } else { format!("{} children", rows.len()) },
        format_day(start),
        format_day(end)
    );
    for r in rows {
        let moves = r.segments.len().saturating_sub(1);
        let codes: Vec<&str> = r.milestones.iter().map(|m| m.milestone.code()).collect();
        s.push_str(&format!(
            " {}: {} placement{} ({} move{}); milestones {}; {} period{} without decision progress for over {} days.",
            r.child_id,
            r.segments.len(),
            if r.segments.len() == 1 { "" } else { "s" },
            moves,
            if moves == 1 { "" } else { "s" },
            if codes.is_empty() { "none".to_string() } else { codes.join(", ") },
            r.gaps.len(),
            if r.gaps.len() == 1 { "" } else { "s" },
            spec.gap_threshold_days
        ));
    }
    s
}

/// The gap shading merged into one path for a whole chart (class "ts-gap").
pub fn gaps_path(model: &TimelineModel) -> ClassedPath {
    let mut p = PathBuilder::new();
    for g in model.rows.iter().flat_map(|r| &r.gaps) {
        p.rect(g.rect.x, g.rect.y, g.rect.w, g.rect.h);
    }
    ClassedPath { class: "ts-gap", d: p.finish() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.051
    }

    /// Plot from x 100 to 830: 730 units for 1 Jan 2020 .. 31 Dec 2021 (366 + 364 = 730 days),
    /// so one unit per day and x = 100 + days since 1 Jan 2020.
    fn layout() -> TimelineLayout {
        TimelineLayout { width: 960.0, margin_left: 100.0, margin_right: 130.0, margin_top: 10.0, row_height: 96.0 }
    }

    fn child_a() -> TimelineChild {
        TimelineChild {
            child_id: "A".into(),
            label: "A".into(),
            date_of_birth: Some(d(2018, 7, 1)),
            milestones: vec![
                (Milestone::FirstReferral, d(2020, 1, 1)),
                (Milestone::FirstAccommodated, d(2020, 3, 1)),
                (Milestone::PermanenceRecommendation, d(2020, 12, 1)),
                (Milestone::AdmDecision, d(2021, 2, 1)),
            ],
            placements: vec![
                PlacementSpan { start: d(2020, 1, 1), end: Some(d(2020, 3, 1)), placement_type: PlacementType::AtHome },
                PlacementSpan {
                    start: d(2020, 3, 1),
                    end: Some(d(2021, 1, 1)),
                    placement_type: PlacementType::FosterLa,
                },
                PlacementSpan { start: d(2021, 1, 1), end: None, placement_type: PlacementType::Kinship },
            ],
            events: vec![TimelineEvent { date: d(2020, 6, 1), label: "LAC review".into() }],
        }
    }

    fn spec(children: Vec<TimelineChild>) -> TimelineSpec {
        let mut s = TimelineSpec::new("tl", "Timeline", children, d(2021, 12, 31));
        s.layout = layout();
        s
    }

    #[test]
    fn three_placements_by_hand() {
        let m = spec(vec![child_a()]).build();
        let xs = m.x_scale.unwrap();
        assert_eq!((xs.start, xs.end), (d(2020, 1, 1), d(2021, 12, 31)));
        let seg: Vec<_> = m.rows[0].segments.iter().map(|s| (s.rect.x, s.rect.w, s.class, s.open)).collect();
        // At home: 1 Jan → 1 Mar 2020 is 31 + 29 = 60 days → x 100..160.
        // Foster (LA): 1 Mar 2020 → 1 Jan 2021 is 366 − 60 = 306 days → x 160..466.
        // Kinship, ongoing: 1 Jan → 31 Dec 2021 is 364 days → x 466..830.
        assert_eq!(
            seg,
            [
                (100.0, 60.0, "ts-pt-at-home", false),
                (160.0, 306.0, "ts-pt-foster-la", false),
                (466.0, 364.0, "ts-pt-kinship", true),
            ]
        );
        // Row 0 starts at the top margin (10); band at +40, 20 high.
        assert_eq!((m.rows[0].segments[0].rect.y, m.rows[0].segments[0].rect.h), (50.0, 20.0));
        assert!(m.rows[0].segments[2].text.contains("(ongoing)"));
        // Two moves, drawn as lines at x 160 and 466 across the band (y 50 to 70).
        assert_eq!(m.rows[0].moves_path, "M160 50L160 70M466 50L466 70");
        // M3 on 1 Dec 2020: 335 days → x 435. Review on 1 Jun 2020: 31+29+31+30+31 = 152 → x 252.
        let m3 = m.rows[0].milestones.iter().find(|k| k.milestone == Milestone::PermanenceRecommendation).unwrap();
        assert_eq!(m3.x, 435.0);
        assert_eq!(m3.code.text, "M3");
        assert_eq!(m.rows[0].events[0].line.x1, 252.0);
        assert_eq!(m.rows[0].events_path, "M252 72L252 80");
        // The as-at date is the axis end.
        assert_eq!(m.as_at_line.unwrap().x1, 830.0);
    }

    #[test]
    fn gaps_are_shaded_between_slow_milestones() {
        let m = spec(vec![child_a()]).build();
        let gaps: Vec<_> = m.rows[0].gaps.iter().map(|g| (g.from, g.to, g.days, g.rect.x, g.rect.w)).collect();
        // M0→M1 60 days and M3→M5 62 days are under 180; M1→M3 is 275 days (x 160..435);
        // no M8, so M5 (1 Feb 2021, x 497) → as-at 31 Dec 2021 is an open gap of 333 days.
        assert_eq!(
            gaps,
            [
                (Milestone::FirstAccommodated, Some(Milestone::PermanenceRecommendation), 275, 160.0, 275.0),
                (Milestone::AdmDecision, None, 333, 497.0, 333.0),
            ]
        );
        assert!(m.rows[0].gaps[1].text.contains("as-at date"));
        // A higher threshold shades only the 333-day gap.
        let mut s = spec(vec![child_a()]);
        s.gap_threshold_days = 300;
        assert_eq!(s.build().rows[0].gaps.len(), 1);
        // With legal permanence there is no open gap, and the axis ends at M8.
        let mut c = child_a();
        c.milestones.push((Milestone::OrderGranted, d(2021, 6, 1)));
        let m = spec(vec![c]).build();
        assert_eq!(m.x_scale.unwrap().end, d(2021, 6, 1));
        assert!(m.rows[0].gaps.iter().all(|g| g.to.is_some()));
        assert_eq!(gaps_path(&m).d.matches('Z').count(), m.rows[0].gaps.len());
    }

    #[test]
    fn age_axis_marks_birthdays() {
        let mut s = spec(vec![child_a()]);
        s.show_age = true;
        let m = s.build();
        let ages: Vec<_> = m.rows[0].age_ticks.iter().map(|t| (t.label.text.as_str(), t.pos)).collect();
        // 2nd birthday 1 Jul 2020: 182 days → 282. 3rd: 1 Jul 2021: 366 + 181 = 547 → 647.
        assert_eq!(ages, [("Age 2", 282.0), ("Age 3", 647.0)]);
        // Off by default.
        assert!(spec(vec![child_a()]).build().rows[0].age_ticks.is_empty());
    }

    #[test]
    fn siblings_share_one_axis() {
        let mut b = child_a();
        b.child_id = "B".into();
        b.label = "B".into();
        b.milestones = vec![(Milestone::FirstReferral, d(2019, 7, 1))];
        b.placements =
            vec![PlacementSpan { start: d(2019, 7, 1), end: None, placement_type: PlacementType::Residential }];
        b.events.clear();
        let m = spec(vec![child_a(), b]).build();
        let xs = m.x_scale.unwrap();
        // The axis starts at B's referral; A's first segment moves right accordingly.
        assert_eq!(xs.start, d(2019, 7, 1));
        let span = (d(2021, 12, 31) - d(2019, 7, 1)).num_days() as f64; // 914
        assert_eq!(span, 914.0);
        let a0 = &m.rows[0].segments[0];
        assert!(close(a0.rect.x, 100.0 + 184.0 * 730.0 / span)); // 184 days from 1 Jul 2019 to 1 Jan 2020
        // Rows stacked: the second row is one row height lower.
        assert_eq!(m.rows[1].y - m.rows[0].y, 96.0);
        assert_eq!(m.rows[1].segments[0].rect.y, m.rows[0].segments[0].rect.y + 96.0);
        // Grid lines run through both rows.
        assert!(m.x_ticks.iter().all(|t| t.line.y1 == 10.0 && t.line.y2 >= 10.0 + 2.0 * 96.0));
        assert!(m.meta.description.contains("2 children"));
    }

    #[test]
    fn from_records_picks_this_childs_rows() {
        use crate::model::SourceRow;
        let mut c = Child { child_id: "A".into(), ..Default::default() };
        c.set_date(Milestone::FirstAccommodated, Some(d(2020, 3, 1)));
        let pl = |id: &str, s: NaiveDate| Placement {
            child_id: id.into(),
            start: s,
            end: None,
            placement_type: PlacementType::Kinship,
            placement_type_raw: "Kinship".into(),
            carer_ref: None,
            end_reason: None,
            source: SourceRow::default(),
        };
        let ev = Event {
            child_id: "A".into(),
            date: d(2020, 4, 1),
            event_type: "lac_review".into(),
            label: None,
            source: SourceRow::default(),
        };
        let t = TimelineChild::from_records(&c, &[pl("B", d(2020, 1, 1)), pl("A", d(2020, 3, 1))], &[ev]);
        assert_eq!(t.placements.len(), 1);
        assert_eq!(t.milestones, vec![(Milestone::FirstAccommodated, d(2020, 3, 1))]);
        assert_eq!(t.events[0].label, "lac_review");
    }

    #[test]
    fn englands_dates_are_marked_in_date_order() {
        use crate::model::EnglandDates;
        let c = Child { child_id: "E".into(), ..Default::default() };
        let mut ds = Dataset { children: vec![c.clone()], ..Default::default() };
        // Matched 01/02/2022 before the order 10/02/2022; moved in on the day placed: one mark.
        let e = EnglandDates {
            placement_order: Some(d(2022, 2, 10)),
            matched: Some(d(2022, 2, 1)),
            placed_for_adoption: Some(d(2022, 3, 1)),
            moved_in: Some(d(2022, 3, 1)),
            ..Default::default()
        };
        ds.england.insert("E".into(), e);
        let labels: Vec<String> = TimelineChild::of(&c, &ds).events.into_iter().map(|e| e.label).collect();
        assert_eq!(labels, ["Matched with adopters", "Placement order", "Placed for adoption"]);
    }

    #[test]
    fn no_dates_gives_a_message() {
        let c = TimelineChild {
            child_id: "Z".into(),
            label: "Z".into(),
            date_of_birth: None,
            milestones: vec![],
            placements: vec![],
            events: vec![],
        };
        let m = spec(vec![c]).build();
        assert!(m.message.is_some());
        assert!(m.rows.is_empty());
    }
}
