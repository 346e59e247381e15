//! Kaplan-Meier curve geometry: the proportion still waiting by days since the start milestone,
//! counting the children still waiting as censored (docs/survival.md).
//!
//! One or more curves, each from a survival table ([`crate::survival::KmRow`]): the right-continuous
//! step curve starting at (0, 100%), its 95% confidence band as a closed step polygon (stopping
//! where the table has no interval, once the curve reaches 0), a short vertical tick on the curve
//! at each time with censored children, the median where the curve comes down to 50%, the 50%
//! guide and an optional vertical target line. Curves differ by dash pattern and colour, never
//! colour alone, and the model carries the table behind each curve for screen readers.
//!
//! As with the run chart, the input ([`SurvivalChartSpec`]) is plain data and [`super::svg`]
//! renders the model; `crate::stage_km_chart` builds specs from the stage analysis.

use serde::Serialize;

use super::geom::{
    Anchor, AxisTick, Label, LegendEntry, LegendKey, Line, PathBuilder, Rect, layout_legend, round1, text_width,
};
use super::runchart_model::{Panel, TargetLine, TargetSpec};
use super::scale::LinearScale;
use super::ticks::{format_number, nice_ticks, nice_ticks_with_min_step};
use crate::runchart::sentences::number;
use crate::survival::sentences::median_phrase;
use crate::survival::{KaplanMeier, KmRow, MedianCi};

/// One curve to draw: a name and a survival table in time order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalCurveSpec {
    /// Shown in the legend and the table caption, e.g. "All children" or "New entrants".
    pub name: String,
    /// Durations counted (events plus censored).
    pub n: usize,
    /// The survival table of a fit (see [`crate::survival::kaplan_meier`]).
    pub table: Vec<KmRow>,
}

impl SurvivalCurveSpec {
    /// A curve from a fit.
    pub fn from_fit(name: impl Into<String>, fit: &KaplanMeier) -> SurvivalCurveSpec {
        SurvivalCurveSpec { name: name.into(), n: fit.n, table: fit.table.clone() }
    }

    /// The median and its interval, by the rule of docs/survival.md ("The median").
    pub fn median(&self) -> MedianCi {
        KaplanMeier { table: self.table.clone(), ..KaplanMeier::default() }.median()
    }
}

/// Sizes of the chart in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurvivalChartLayout {
    pub width: f64,
    pub height: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    /// The least room above the plot; more is taken when the legend wraps.
    pub margin_top: f64,
    pub margin_bottom: f64,
    /// Half the height of a censoring tick.
    pub censor_tick: f64,
}

impl Default for SurvivalChartLayout {
    fn default() -> Self {
        SurvivalChartLayout {
            width: 720.0,
            height: 420.0,
            margin_left: 72.0,
            margin_right: 24.0,
            margin_top: 56.0,
            margin_bottom: 64.0,
            censor_tick: 4.0,
        }
    }
}

/// Everything needed to draw a Kaplan-Meier chart; turn it into geometry with
/// [`SurvivalChartSpec::build`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalChartSpec {
    /// Prefix for element ids; must be unique on the page (e.g. "km-a2").
    pub id: String,
    pub title: String,
    /// Accessible description; generated from the data when `None`.
    pub description: Option<String>,
    /// The start milestone, for the x-axis title "Days since ...".
    pub start_milestone: String,
    /// Replaces the x-axis title.
    pub x_title: Option<String>,
    pub y_title: String,
    pub curves: Vec<SurvivalCurveSpec>,
    /// The target in days, drawn as a vertical line.
    pub target: Option<TargetSpec>,
    /// Sentences said with the chart (the result in words, the log-rank result); added to the
    /// generated description.
    pub sentences: Vec<String>,
    pub layout: SurvivalChartLayout,
}

impl SurvivalChartSpec {
    /// An empty spec with the default layout and axis titles.
    pub fn new(id: impl Into<String>, title: impl Into<String>, start_milestone: impl Into<String>) -> Self {
        SurvivalChartSpec {
            id: id.into(),
            title: title.into(),
            description: None,
            start_milestone: start_milestone.into(),
            x_title: None,
            y_title: "Proportion still waiting".into(),
            curves: Vec::new(),
            target: None,
            sentences: Vec::new(),
            layout: SurvivalChartLayout::default(),
        }
    }

    /// Builds the chart geometry.
    pub fn build(&self) -> SurvivalChartModel {
        build(self)
    }
}

/// The classes of one curve style. Curves take the styles in turn; each has its own colour and
/// dash pattern, so colour is never the only signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CurveStyle {
    pub curve: &'static str,
    pub band: &'static str,
    pub censor: &'static str,
}

/// The curve styles, in order: solid blue, dashed dark orange, dotted green (see
/// [`super::svg::CHART_CSS`]). A fourth curve takes the first style again.
pub const CURVE_STYLES: [CurveStyle; 3] = [
    CurveStyle { curve: "ts-km-curve", band: "ts-km-band", censor: "ts-km-censor" },
    CurveStyle { curve: "ts-km-curve-2", band: "ts-km-band-2", censor: "ts-km-censor-2" },
    CurveStyle { curve: "ts-km-curve-3", band: "ts-km-band-3", censor: "ts-km-censor-3" },
];

/// A censoring tick: children counted as "at least this long" at `time`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CensorMark {
    pub time: f64,
    pub count: usize,
    /// Centre of the tick, on the curve.
    pub x: f64,
    pub y: f64,
}

/// Where a curve comes down to 50%: a dotted drop line from the 50% guide to the x axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedianMarker {
    pub value: f64,
    /// Class "ts-km-median".
    pub line: Line,
    pub label: Label,
}

/// One curve as drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalCurve {
    pub name: String,
    pub n: usize,
    pub events: usize,
    pub censored: usize,
    pub style: CurveStyle,
    /// The step curve from (0, 100%). Empty when the table is.
    pub path: String,
    /// The 95% confidence band: one closed step polygon per stretch with an interval.
    pub band: String,
    /// All censoring ticks merged into one path.
    pub censor_path: String,
    pub censor_marks: Vec<CensorMark>,
    pub median_ci: MedianCi,
    /// `None` when the curve never comes down to 50%.
    pub median: Option<MedianMarker>,
}

/// One row of the table behind a curve, with its figures and their text for screen readers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalTableRow {
    pub time: f64,
    pub at_risk: usize,
    pub events: usize,
    pub censored: usize,
    pub survival: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// The cells as text, in the order of [`SURVIVAL_TABLE_HEADERS`].
    pub cells: [String; 6],
}

/// The column headings of the table behind a curve.
pub const SURVIVAL_TABLE_HEADERS: [&str; 6] =
    ["Days", "At risk", "Reached the end", "Censored", "Still waiting", "95% confidence interval"];

/// The table behind one curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalTable {
    pub name: String,
    pub caption: String,
    pub rows: Vec<SurvivalTableRow>,
}

/// Kaplan-Meier chart geometry: everything the app or [`super::svg::survival_chart_svg`] draws.
///
/// Draw order: panel, grid, bands, 50% guide, target, median lines, curves, censoring ticks,
/// axes, labels and legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalChartModel {
    pub id: String,
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub description: String,
    pub panel: Panel,
    /// Days to x.
    pub x_scale: LinearScale,
    /// Proportion still waiting (0 to 1) to y.
    pub y_scale: LinearScale,
    /// Y ticks at 0% to 100%; each line is a grid line across the plot.
    pub y_ticks: Vec<AxisTick>,
    /// X ticks in days; each line is a short tick mark.
    pub x_ticks: Vec<AxisTick>,
    pub axis_lines: Vec<Line>,
    pub axis_titles: Vec<Label>,
    pub curves: Vec<SurvivalCurve>,
    /// The 50% guide (class "ts-km-half"); `None` when there is nothing to draw.
    pub half: Option<TargetLine>,
    /// The vertical target line (class "ts-km-target").
    pub target: Option<TargetLine>,
    pub legend: Vec<LegendEntry>,
    /// The table behind each curve, in curve order.
    pub tables: Vec<SurvivalTable>,
    /// Set when there is nothing at all to draw ("no data").
    pub message: Option<String>,
}

impl SurvivalChartModel {
    /// Id of the `<title>` element (for `aria-labelledby`).
    pub fn title_id(&self) -> String {
        format!("{}-title", self.id)
    }

    /// Id of the `<desc>` element.
    pub fn desc_id(&self) -> String {
        format!("{}-desc", self.id)
    }

    /// Id of the table behind curve `i` (0-based), for `aria-describedby` or a link.
    pub fn table_id(&self, i: usize) -> String {
        format!("{}-table-{}", self.id, i + 1)
    }
}

/// A proportion as a percentage with at most one decimal: 0.6667 -> "66.7%", 1 -> "100%".
pub fn percent1(x: f64) -> String {
    let s = format!("{:.1}", x * 100.0);
    format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
}

/// Table rows with usable values: finite times of at least zero, survival clamped to 0..1.
fn clean_rows(table: &[KmRow]) -> Vec<KmRow> {
    let unit = |v: f64| v.clamp(0.0, 1.0);
    table
        .iter()
        .filter(|r| r.time.is_finite() && r.time >= 0.0 && r.survival.is_finite())
        .map(|r| KmRow {
            survival: unit(r.survival),
            lower: r.lower.filter(|v| v.is_finite()).map(unit),
            upper: r.upper.filter(|v| v.is_finite()).map(unit),
            ..*r
        })
        .collect()
}

/// Path data that leaves out a point equal to the one before it (after rounding).
struct Pen {
    p: PathBuilder,
    last: Option<(f64, f64)>,
}

impl Pen {
    fn new(x: f64, y: f64) -> Pen {
        let mut p = PathBuilder::new();
        p.move_to(x, y);
        Pen { p, last: Some((round1(x), round1(y))) }
    }

    fn to(&mut self, x: f64, y: f64) {
        let pt = (round1(x), round1(y));
        if self.last != Some(pt) {
            self.p.line_to(x, y);
            self.last = Some(pt);
        }
    }

    fn finish(self) -> String {
        self.p.finish()
    }
}

/// The right-continuous step curve: from (0, 1) flat to each time the survival drops, down to the
/// new level, and on to the last time in the table (docs/survival.md, "The survival table").
pub fn step_path(rows: &[KmRow], xs: &LinearScale, ys: &LinearScale) -> String {
    let Some(last) = rows.last() else { return String::new() };
    let mut pen = Pen::new(xs.map(0.0), ys.map(1.0));
    let mut level = 1.0;
    for r in rows {
        if r.survival == level {
            continue;
        }
        let x = xs.map(r.time);
        pen.to(x, ys.map(level));
        pen.to(x, ys.map(r.survival));
        level = r.survival;
    }
    pen.to(xs.map(last.time), ys.map(level));
    pen.finish()
}

/// The 95% band as closed step polygons: along the upper curve from time 0, back along the
/// lower. A row without an interval ends the polygon at its time; a later row with one starts
/// a new polygon.
pub fn band_path(rows: &[KmRow], xs: &LinearScale, ys: &LinearScale) -> String {
    let mut out = String::new();
    // Steps of the current stretch: (time, lower, upper), and whether the stretch is open.
    let mut steps: Vec<(f64, f64, f64)> = vec![(0.0, 1.0, 1.0)];
    let mut open = true;
    for r in rows {
        match (r.lower, r.upper) {
            (Some(lo), Some(hi)) => {
                if !open {
                    steps = vec![(r.time, lo, hi)];
                    open = true;
                } else if steps.last().is_some_and(|&(_, l, h)| l != lo || h != hi) {
                    steps.push((r.time, lo, hi));
                }
            }
            _ => {
                if open {
                    out.push_str(&polygon(&steps, r.time, xs, ys));
                    open = false;
                }
            }
        }
    }
    if open && let Some(last) = rows.last() {
        out.push_str(&polygon(&steps, last.time, xs, ys));
    }
    out
}

fn polygon(steps: &[(f64, f64, f64)], end: f64, xs: &LinearScale, ys: &LinearScale) -> String {
    let Some(&(t0, lo0, hi0)) = steps.first() else { return String::new() };
    // Nothing to fill before the end, or no width anywhere (no event yet, so no uncertainty).
    if end <= t0 || steps.iter().all(|&(_, lo, hi)| lo == hi) {
        return String::new();
    }
    let mut pen = Pen::new(xs.map(t0), ys.map(hi0));
    let mut hi = hi0;
    for &(t, _, h) in &steps[1..] {
        pen.to(xs.map(t), ys.map(hi));
        pen.to(xs.map(t), ys.map(h));
        hi = h;
    }
    pen.to(xs.map(end), ys.map(hi));
    let mut lo = steps.last().map_or(lo0, |s| s.1);
    pen.to(xs.map(end), ys.map(lo));
    for k in (1..steps.len()).rev() {
        let t = steps[k].0;
        pen.to(xs.map(t), ys.map(lo));
        lo = steps[k - 1].1;
        pen.to(xs.map(t), ys.map(lo));
    }
    pen.to(xs.map(t0), ys.map(lo0));
    let mut d = pen.finish();
    d.push('Z');
    d
}

/// One tick per time with censored children, centred on the curve's level after that time.
fn censor_marks(rows: &[KmRow], xs: &LinearScale, ys: &LinearScale, half: f64) -> (Vec<CensorMark>, String) {
    let mut p = PathBuilder::new();
    let marks: Vec<CensorMark> = rows
        .iter()
        .filter(|r| r.censored > 0)
        .map(|r| {
            let (x, y) = (xs.map(r.time), ys.map(r.survival));
            p.move_to(x, y - half).line_to(x, y + half);
            CensorMark { time: r.time, count: r.censored, x: round1(x), y: round1(y) }
        })
        .collect();
    (marks, p.finish())
}

/// The plot area and its scales.
struct Frame {
    plot: Rect,
    xs: LinearScale,
    ys: LinearScale,
}

fn build(spec: &SurvivalChartSpec) -> SurvivalChartModel {
    let lay = spec.layout;
    let rows: Vec<Vec<KmRow>> = spec.curves.iter().map(|c| clean_rows(&c.table)).collect();
    let has_data = rows.iter().any(|r| !r.is_empty());
    let target = spec.target.as_ref().filter(|t| t.value.is_finite() && t.value >= 0.0);

    // Legend first: when it wraps, the plot starts lower.
    let items = legend_items(spec, &rows, target);
    let (legend, last_row) = layout_legend(&items, lay.margin_left, 16.0, lay.width - lay.margin_right, 18.0);
    let plot_y = if legend.is_empty() { lay.margin_top } else { lay.margin_top.max(last_row + 22.0) };
    let plot = Rect::new(
        lay.margin_left,
        plot_y,
        (lay.width - lay.margin_left - lay.margin_right).max(10.0),
        (lay.height - plot_y - lay.margin_bottom).max(10.0),
    );
    let x_max = rows.iter().filter_map(|r| r.last()).map(|r| r.time).chain(target.map(|t| t.value)).fold(0.0, f64::max);
    let xt = nice_ticks_with_min_step(0.0, x_max, ((plot.w / 80.0).round() as usize).clamp(3, 10), 1.0);
    let xs = LinearScale::new((xt.lo, xt.hi), (plot.x, plot.right()));
    let ys = LinearScale::new((0.0, 1.0), (plot.bottom(), plot.y));
    let f = Frame { plot, xs, ys };

    let yt = nice_ticks(0.0, 1.0, 5);
    let y_ticks = yt
        .values
        .iter()
        .map(|&v| AxisTick {
            pos: round1(f.ys.map(v)),
            line: Line::new(plot.x, f.ys.map(v), plot.right(), f.ys.map(v)),
            label: Label::new(plot.x - 6.0, f.ys.map(v) + 4.0, percent1(v), Anchor::End, "ts-tick-label"),
        })
        .collect();
    let x_ticks = xt
        .values
        .iter()
        .zip(xt.labels())
        .map(|(&v, text)| {
            let x = f.xs.map(v);
            AxisTick {
                pos: round1(x),
                line: Line::new(x, plot.bottom(), x, plot.bottom() + 5.0),
                label: Label::new(x, plot.bottom() + 18.0, text, Anchor::Middle, "ts-tick-label"),
            }
        })
        .collect();

    let curves: Vec<SurvivalCurve> =
        spec.curves.iter().zip(&rows).enumerate().map(|(i, (c, r))| curve(spec, i, c, r, &f)).collect();
    let half = has_data.then(|| {
        let y = f.ys.map(0.5);
        TargetLine {
            value: 0.5,
            line: Line::new(plot.x, y, plot.right(), y),
            label: Label::new(plot.right() - 3.0, y - 5.0, "Half still waiting", Anchor::End, "ts-centre-label"),
        }
    });
    let target = target.map(|t| target_line(t, &f));
    let message = (!has_data).then(|| "No data: no children can be counted for this chart yet".to_string());
    let panel = Panel {
        id: format!("{}-plot", spec.id),
        frame: plot,
        message: message
            .as_ref()
            .map(|m| Label::new(plot.x + plot.w / 2.0, plot.y + plot.h / 2.0, m.clone(), Anchor::Middle, "ts-message")),
    };
    let axis_lines = vec![
        Line::new(plot.x, plot.y, plot.x, plot.bottom()),
        Line::new(plot.x, plot.bottom(), plot.right(), plot.bottom()),
    ];
    let x_title = spec.x_title.clone().unwrap_or_else(|| format!("Days since {}", spec.start_milestone));
    let axis_titles = vec![
        Label::new(18.0, plot.y + plot.h / 2.0, spec.y_title.clone(), Anchor::Middle, "ts-axis-title").rotated(-90.0),
        Label::new(plot.x + plot.w / 2.0, plot.bottom() + 42.0, x_title, Anchor::Middle, "ts-axis-title"),
    ];
    let tables = spec.curves.iter().zip(&rows).map(|(c, r)| table(c, r)).collect();
    let description = spec.description.clone().unwrap_or_else(|| describe(spec, &curves, target.as_ref()));
    SurvivalChartModel {
        id: spec.id.clone(),
        width: lay.width,
        height: lay.height,
        title: spec.title.clone(),
        description,
        panel,
        x_scale: f.xs,
        y_scale: f.ys,
        y_ticks,
        x_ticks,
        axis_lines,
        axis_titles,
        curves,
        half,
        target,
        legend,
        tables,
        message,
    }
}

fn legend_items(
    spec: &SurvivalChartSpec,
    rows: &[Vec<KmRow>],
    target: Option<&TargetSpec>,
) -> Vec<(LegendKey, &'static str, String)> {
    let mut items: Vec<(LegendKey, &'static str, String)> = Vec::new();
    for (i, (c, r)) in spec.curves.iter().zip(rows).enumerate() {
        if !r.is_empty() {
            let n = format_number(c.n as f64, 1.0);
            items.push((LegendKey::Line, CURVE_STYLES[i % CURVE_STYLES.len()].curve, format!("{} (n = {n})", c.name)));
        }
    }
    let first_with = |f: fn(&KmRow) -> bool| rows.iter().position(|r| r.iter().any(f));
    if let Some(i) = first_with(|r| r.lower.is_some() && r.upper.is_some() && r.lower != r.upper) {
        let text = if spec.curves.len() > 1 { "95% confidence bands" } else { "95% confidence band" };
        items.push((LegendKey::Swatch, CURVE_STYLES[i % CURVE_STYLES.len()].band, text.into()));
    }
    if let Some(i) = first_with(|r| r.censored > 0) {
        let class = CURVE_STYLES[i % CURVE_STYLES.len()].censor;
        items.push((LegendKey::Tick, class, "Censored: still waiting or left another way".into()));
    }
    if let Some(t) = target {
        items.push((LegendKey::Line, "ts-km-target", format!("Target ({} days)", number(t.value))));
    }
    items
}

fn curve(spec: &SurvivalChartSpec, i: usize, c: &SurvivalCurveSpec, rows: &[KmRow], f: &Frame) -> SurvivalCurve {
    let style = CURVE_STYLES[i % CURVE_STYLES.len()];
    let (censor_marks, censor_path) = censor_marks(rows, &f.xs, &f.ys, spec.layout.censor_tick);
    let median_ci = SurvivalCurveSpec { table: rows.to_vec(), ..c.clone() }.median();
    let median = median_ci.median.map(|m| {
        let x = f.xs.map(m);
        let text = if spec.curves.len() > 1 {
            format!("{}: median {}", c.name, number(m))
        } else {
            format!("Median {}", number(m))
        };
        // Labels stack upwards from the axis, one line per curve.
        let y = f.plot.bottom() - 6.0 - 14.0 * i as f64;
        let label = if x + 4.0 + text_width(&text, 11.0) > f.plot.right() {
            Label::new(x - 4.0, y, text, Anchor::End, "ts-centre-label")
        } else {
            Label::new(x + 4.0, y, text, Anchor::Start, "ts-centre-label")
        };
        MedianMarker { value: m, line: Line::new(x, f.ys.map(0.5), x, f.plot.bottom()), label }
    });
    SurvivalCurve {
        name: c.name.clone(),
        n: c.n,
        events: rows.iter().map(|r| r.events).sum(),
        censored: rows.iter().map(|r| r.censored).sum(),
        style,
        path: step_path(rows, &f.xs, &f.ys),
        band: band_path(rows, &f.xs, &f.ys),
        censor_path,
        censor_marks,
        median_ci,
        median,
    }
}

fn target_line(t: &TargetSpec, f: &Frame) -> TargetLine {
    let x = f.xs.map(t.value);
    let y = f.plot.y + 12.0;
    let label = if x + 4.0 + text_width(&t.label, 11.0) > f.plot.right() {
        Label::new(x - 4.0, y, t.label.clone(), Anchor::End, "ts-target-label")
    } else {
        Label::new(x + 4.0, y, t.label.clone(), Anchor::Start, "ts-target-label")
    };
    TargetLine { value: t.value, line: Line::new(x, f.plot.y, x, f.plot.bottom()), label }
}

fn table(c: &SurvivalCurveSpec, rows: &[KmRow]) -> SurvivalTable {
    let ci = |r: &KmRow| match (r.lower, r.upper) {
        (Some(lo), Some(hi)) => format!("{} to {}", percent1(lo), percent1(hi)),
        _ => "none".to_string(),
    };
    SurvivalTable {
        name: c.name.clone(),
        caption: format!(
            "{}: days since the start, children still followed (at risk), children reaching the end, children \
             censored, and the estimated proportion still waiting with its 95% confidence interval",
            c.name
        ),
        rows: rows
            .iter()
            .map(|r| SurvivalTableRow {
                time: r.time,
                at_risk: r.at_risk,
                events: r.events,
                censored: r.censored,
                survival: r.survival,
                lower: r.lower,
                upper: r.upper,
                cells: [
                    number(r.time),
                    r.at_risk.to_string(),
                    r.events.to_string(),
                    r.censored.to_string(),
                    percent1(r.survival),
                    ci(r),
                ],
            })
            .collect(),
    }
}

fn describe(spec: &SurvivalChartSpec, curves: &[SurvivalCurve], target: Option<&TargetLine>) -> String {
    let mut s = format!(
        "Kaplan-Meier curve{}: the proportion still waiting by days since {}, counting the children still \
         waiting.",
        if curves.len() > 1 { "s" } else { "" },
        spec.start_milestone
    );
    if curves.iter().all(|c| c.path.is_empty()) {
        s.push_str(" No data: no children can be counted yet.");
    }
    for c in curves.iter().filter(|c| !c.path.is_empty()) {
        s.push_str(&format!(
            " {}: {} counted, {} reached the end and {} censored; ",
            c.name,
            if c.n == 1 { "1 child".to_string() } else { format!("{} children", c.n) },
            c.events,
            c.censored
        ));
        match median_phrase(&c.median_ci, "days") {
            Some(m) => s.push_str(&format!("median {m}.")),
            None => s.push_str("median not reached: fewer than half have reached the end."),
        }
    }
    if let Some(t) = target {
        s.push_str(&format!(" Target {} days.", number(t.value)));
    }
    for line in &spec.sentences {
        s.push(' ');
        s.push_str(line);
    }
    s
}

#[cfg(test)]
mod tests;
