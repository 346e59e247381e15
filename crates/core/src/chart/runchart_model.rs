//! Run chart geometry with the supplementary bar chart of children still waiting.
//!
//! As CELCIS drew it (docs/domain.md#run-chart-and-waiting-bars): one point per child who
//! completed the interval, in the order they reached the end milestone; y is days taken. Median
//! lines per phase, solid over the baseline and dashed where a frozen baseline median is
//! extended. To the right, on the *same* y scale, one bar per child still waiting (days so far),
//! longest first, with the target line drawn across both panels.
//!
//! The input ([`RunChartSpec`]) is plain data, so this module does not depend on the rules
//! engine: the per-point flags and centre lines come from `crate::runchart` or from a test.

use chrono::NaiveDate;
use serde::Serialize;

use super::ChartMeta;
use super::geom::{
    Anchor, AxisTick, ClassedPath, Label, LegendEntry, LegendKey, Line, MarkerShape, PathBuilder, Rect, layout_legend,
    round1, text_width,
};
use super::scale::LinearScale;
use super::ticks::{date_ticks, format_number, nice_ticks_with_min_step};

/// Whether a rule signal is good or bad news (for days taken, lower is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalDirection {
    Improvement,
    Deterioration,
    /// A real change with no better or worse direction (neutral series).
    Change,
}

/// Flags the run chart rules attach to a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PointFlags {
    /// Index of the phase this point belongs to (0 for the first).
    pub phase: usize,
    /// Exactly on the centre line: neither counts towards nor breaks a run.
    pub on_centre: bool,
    /// Excluded by the user: drawn differently, left out of the median and the rules.
    pub excluded: bool,
    pub in_shift: bool,
    pub in_trend: bool,
    /// Set when the point is part of a signal (shift, trend, astronomical point).
    pub signal: Option<SignalDirection>,
}

/// One child who completed the interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunPoint {
    pub child_id: String,
    /// Days taken (the y value). A non-finite value is a missing value: no marker, and the
    /// line breaks around it.
    pub days: f64,
    /// The date the child reached the end milestone, which orders the points.
    pub end_date: Option<NaiveDate>,
    pub flags: PointFlags,
}

/// A centre line for one phase, over points `first..=last` (1-based, as users count).
/// The part up to `baseline_last` is drawn solid; the rest is the frozen median extended, dashed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentreSpec {
    pub phase: usize,
    pub value: f64,
    pub first: usize,
    pub last: usize,
    /// Last point of the baseline; `>= last` means the whole line is solid.
    pub baseline_last: usize,
    /// Text beside the line; defaults to "Median N" or "Baseline median N".
    pub label: Option<String>,
}

/// The aim or target line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSpec {
    pub value: f64,
    pub label: String,
}

/// A phase separator (test of change, programme start) drawn before point `before` (1-based).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeparatorSpec {
    pub before: usize,
    pub label: String,
}

/// A text annotation attached to point `point` (1-based).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotationSpec {
    pub point: usize,
    pub text: String,
}

/// One child still waiting: started the interval but not yet reached the end milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitingSpec {
    pub child_id: String,
    /// Days waiting so far at the as-at date.
    pub days: f64,
    pub start: Option<NaiveDate>,
}

/// What the x axis ticks show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum XAxisMode {
    /// Point numbers 1..n.
    #[default]
    PointNumber,
    /// Calendar ticks ("Mar 2021") placed where the children's end dates cross them.
    /// Falls back to point numbers when any point lacks a date.
    EndDate,
}

/// Sizes of the chart in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RunChartLayout {
    pub width: f64,
    pub height: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
    /// Share of the plot width given to the waiting bars panel.
    pub bar_panel_share: f64,
    pub panel_gap: f64,
    pub marker_radius: f64,
}

impl Default for RunChartLayout {
    fn default() -> Self {
        RunChartLayout {
            width: 960.0,
            height: 420.0,
            margin_left: 72.0,
            margin_right: 16.0,
            margin_top: 56.0,
            margin_bottom: 64.0,
            bar_panel_share: 0.25,
            panel_gap: 24.0,
            marker_radius: 3.5,
        }
    }
}

/// Everything needed to draw a run chart; turn it into geometry with [`RunChartSpec::build`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunChartSpec {
    /// Prefix for element ids; must be unique on the page (e.g. "rc-a2").
    pub id: String,
    pub title: String,
    /// Accessible description; generated from the data when `None`.
    pub description: Option<String>,
    /// Name of the end milestone for the x-axis title, e.g. "permanence recommendation (M3)".
    pub end_milestone: String,
    pub y_title: String,
    /// Replaces the x-axis title ("Children in the order they reached ...") for series that are
    /// not children, such as the general workbench's.
    pub x_title: Option<String>,
    /// Points in x order (point `i` of the chart is `points[i - 1]`).
    pub points: Vec<RunPoint>,
    pub centre_lines: Vec<CentreSpec>,
    pub target: Option<TargetSpec>,
    pub separators: Vec<SeparatorSpec>,
    pub annotations: Vec<AnnotationSpec>,
    /// `None`: no bars panel (the general workbench). `Some(empty)`: panel saying nobody waits.
    pub waiting: Option<Vec<WaitingSpec>>,
    pub x_axis: XAxisMode,
    pub layout: RunChartLayout,
}

impl RunChartSpec {
    /// An empty spec with the default layout and axis titles.
    pub fn new(id: impl Into<String>, title: impl Into<String>, end_milestone: impl Into<String>) -> RunChartSpec {
        RunChartSpec {
            id: id.into(),
            title: title.into(),
            description: None,
            end_milestone: end_milestone.into(),
            y_title: "Days taken".into(),
            x_title: None,
            points: Vec::new(),
            centre_lines: Vec::new(),
            target: None,
            separators: Vec::new(),
            annotations: Vec::new(),
            waiting: None,
            x_axis: XAxisMode::default(),
            layout: RunChartLayout::default(),
        }
    }

    /// Builds the chart geometry.
    pub fn build(&self) -> RunChartModel {
        build(self)
    }
}

/// How a point is drawn. Each kind has its own shape and class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    Normal,
    OnCentre,
    SignalImprovement,
    SignalDeterioration,
    SignalChange,
    Excluded,
}

impl PointKind {
    /// Every kind, in legend order.
    pub const ALL: [PointKind; 6] = [
        PointKind::Normal,
        PointKind::SignalImprovement,
        PointKind::SignalDeterioration,
        PointKind::SignalChange,
        PointKind::OnCentre,
        PointKind::Excluded,
    ];

    /// The kind for a point's flags: excluded, then signal, then on-centre, else normal.
    pub fn from_flags(f: &PointFlags) -> PointKind {
        if f.excluded {
            PointKind::Excluded
        } else if let Some(dir) = f.signal {
            match dir {
                SignalDirection::Improvement => PointKind::SignalImprovement,
                SignalDirection::Deterioration => PointKind::SignalDeterioration,
                SignalDirection::Change => PointKind::SignalChange,
            }
        } else if f.on_centre {
            PointKind::OnCentre
        } else {
            PointKind::Normal
        }
    }

    /// CSS class.
    pub const fn class(self) -> &'static str {
        match self {
            PointKind::Normal => "ts-point",
            PointKind::OnCentre => "ts-point-on-centre",
            PointKind::SignalImprovement => "ts-point-improvement",
            PointKind::SignalDeterioration => "ts-point-deterioration",
            PointKind::SignalChange => "ts-point-change",
            PointKind::Excluded => "ts-point-excluded",
        }
    }

    /// Marker shape, distinct per kind.
    pub const fn shape(self) -> MarkerShape {
        match self {
            PointKind::Normal => MarkerShape::Circle,
            PointKind::OnCentre => MarkerShape::Square,
            PointKind::SignalImprovement => MarkerShape::Diamond,
            PointKind::SignalDeterioration => MarkerShape::TriangleUp,
            PointKind::SignalChange => MarkerShape::TriangleDown,
            PointKind::Excluded => MarkerShape::Cross,
        }
    }

    /// Legend text.
    pub const fn label(self) -> &'static str {
        match self {
            PointKind::Normal => "One child",
            PointKind::OnCentre => "On the median",
            PointKind::SignalImprovement => "Signal: improvement",
            PointKind::SignalDeterioration => "Signal: deterioration",
            PointKind::SignalChange => "Signal: change",
            PointKind::Excluded => "Excluded",
        }
    }
}

/// A drawn point, carrying its child id so a click can open the child's timeline.
/// Points without a value have no marker, so look markers up by `index`, not position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointMarker {
    /// 1-based point number.
    pub index: usize,
    pub child_id: String,
    pub days: f64,
    pub end_date: Option<NaiveDate>,
    pub x: f64,
    pub y: f64,
    pub kind: PointKind,
    pub class: &'static str,
    pub shape: MarkerShape,
}

/// Whether a waiting bar has passed the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BarKind {
    WithinTarget,
    PastTarget,
}

impl BarKind {
    /// CSS class.
    pub const fn class(self) -> &'static str {
        match self {
            BarKind::WithinTarget => "ts-bar-within",
            BarKind::PastTarget => "ts-bar-past-target",
        }
    }

    /// Legend text.
    pub const fn label(self) -> &'static str {
        match self {
            BarKind::WithinTarget => "Waiting, within target",
            BarKind::PastTarget => "Waiting, past target",
        }
    }
}

/// One waiting bar, longest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitingBarMark {
    /// 1-based rank (1 = longest wait).
    pub rank: usize,
    pub child_id: String,
    pub days: f64,
    pub start: Option<NaiveDate>,
    pub rect: Rect,
    pub kind: BarKind,
    pub class: &'static str,
}

/// A centre line as drawn: solid over the baseline, dashed over the extension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentreLine {
    pub phase: usize,
    pub value: f64,
    pub y: f64,
    /// Class "ts-centre".
    pub solid: Line,
    /// Class "ts-centre-extended" (dashed).
    pub extended: Option<Line>,
    pub label: Label,
}

/// The target line across both panels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetLine {
    pub value: f64,
    pub line: Line,
    pub label: Label,
}

/// A vertical phase separator with its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Separator {
    /// The first point of the new phase.
    pub before: usize,
    pub line: Line,
    pub label: Label,
}

/// An annotation: a short leader line from the point and the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    pub point: usize,
    pub leader: Line,
    pub label: Label,
}

/// A panel frame with its id and, when it has nothing to show, a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    pub id: String,
    pub frame: Rect,
    pub message: Option<Label>,
}

/// Run chart geometry: everything the app or [`super::svg::run_chart_svg`] draws.
///
/// Draw order: panels, y grid, centre lines, target, separators, data line, bars, markers,
/// annotations, axes and legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunChartModel {
    /// Id, title, description and size (serialised flat, as the fields were).
    #[serde(flatten)]
    pub meta: ChartMeta,
    pub run_panel: Panel,
    pub bar_panel: Option<Panel>,
    /// Days to y, shared by both panels.
    pub y_scale: LinearScale,
    /// Point number to x.
    pub x_scale: LinearScale,
    /// Y ticks; each line is a grid line spanning both panels.
    pub y_ticks: Vec<AxisTick>,
    /// X ticks under the run panel; each line is a short tick mark.
    pub x_ticks: Vec<AxisTick>,
    /// The y axis line and the bottom axis line(s).
    pub axis_lines: Vec<Line>,
    /// Y title (rotated), x title and bars title.
    pub axis_titles: Vec<Label>,
    /// The data line as one path, with a break (new `M`) at each phase change. Class "ts-data-line".
    pub data_line: String,
    pub markers: Vec<PointMarker>,
    /// The same markers merged into one path per kind: the cheap way to draw thousands.
    pub marker_paths: Vec<ClassedPath>,
    pub centre_lines: Vec<CentreLine>,
    pub target: Option<TargetLine>,
    pub separators: Vec<Separator>,
    pub annotations: Vec<Annotation>,
    pub bars: Vec<WaitingBarMark>,
    /// The same bars merged into one path per kind.
    pub bar_paths: Vec<ClassedPath>,
    /// Width of one bar slot, for mapping a pointer x back to a bar.
    pub bar_band: f64,
    pub legend: Vec<LegendEntry>,
    /// Set when there is nothing at all to draw.
    pub message: Option<String>,
}

impl RunChartModel {
    /// The point nearest to a pointer x inside the run panel, for one click handler on the panel.
    pub fn point_at(&self, x: f64) -> Option<&PointMarker> {
        let f = self.run_panel.frame;
        if self.markers.is_empty() || x < f.x || x > f.right() {
            return None;
        }
        let i = self.x_scale.invert(x).round().max(1.0) as usize;
        self.marker(i)
    }

    /// The marker of point `index` (1-based), if that point has a value.
    pub fn marker(&self, index: usize) -> Option<&PointMarker> {
        self.markers.binary_search_by_key(&index, |m| m.index).ok().map(|k| &self.markers[k])
    }

    /// The bar under a pointer x inside the bars panel.
    pub fn bar_at(&self, x: f64) -> Option<&WaitingBarMark> {
        let f = self.bar_panel.as_ref()?.frame;
        if self.bars.is_empty() || x < f.x || x >= f.right() || self.bar_band <= 0.0 {
            return None;
        }
        self.bars.get(((x - f.x) / self.bar_band).floor() as usize)
    }
}

fn fmt_days(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format_number(v, 1.0) } else { format_number(v, 0.1) }
}

/// The plot area and its panels, in viewBox units.
#[derive(Debug, Clone, Copy)]
struct Frames {
    plot_y: f64,
    plot_h: f64,
    bottom: f64,
    run: Rect,
    /// The waiting bars panel, when the chart has one.
    bar: Option<Rect>,
    /// Right edge of the last panel: grid and target lines run to here.
    right_edge: f64,
}

impl Frames {
    fn new(spec: &RunChartSpec) -> Frames {
        let lay = spec.layout;
        let plot_x = lay.margin_left;
        let plot_y = lay.margin_top;
        let plot_w = (lay.width - lay.margin_left - lay.margin_right).max(10.0);
        let plot_h = (lay.height - lay.margin_top - lay.margin_bottom).max(10.0);
        let (run_w, bar) = match spec.waiting {
            Some(_) => {
                let bw = plot_w * lay.bar_panel_share;
                let rw = plot_w - bw - lay.panel_gap;
                (rw, Some(Rect::new(plot_x + rw + lay.panel_gap, plot_y, bw, plot_h)))
            }
            None => (plot_w, None),
        };
        let run = Rect::new(plot_x, plot_y, run_w, plot_h);
        let right_edge = bar.map_or(run.right(), |b| b.right());
        Frames { plot_y, plot_h, bottom: plot_y + plot_h, run, bar, right_edge }
    }
}

fn build(spec: &RunChartSpec) -> RunChartModel {
    let lay = spec.layout;
    let n = spec.points.len();
    let fr = Frames::new(spec);
    let waiting: &[WaitingSpec] = spec.waiting.as_deref().unwrap_or(&[]);

    let (y_scale, y_ticks) = y_axis(spec, waiting, &fr);
    // X scale: point i at the centre of slot i.
    let x_scale = LinearScale::new((0.5, n.max(1) as f64 + 0.5), (fr.run.x, fr.run.right()));
    let x_ticks = x_ticks(spec, &x_scale, fr.run, fr.bottom);

    let marks = point_marks(spec, &x_scale, &y_scale);
    let centre_lines = centre_lines(spec, &x_scale, &y_scale, fr.run);
    let target = target_line(spec, &y_scale, &fr);
    let separators = separators(spec, &x_scale, &fr);
    let annotations = annotations(spec, &marks.markers, &fr);

    // Waiting bars: longest first, same y scale.
    let mut order: Vec<&WaitingSpec> = waiting.iter().collect();
    crate::order::sort_by(&mut order, |a, b| b.days.total_cmp(&a.days).then_with(|| a.child_id.cmp(&b.child_id)));
    let bars = waiting_bars(spec, &order, fr.bar, &y_scale);

    let (run_panel, bar_panel) = panels(spec, &fr, n, order.len());
    let message =
        (n == 0 && order.is_empty()).then(|| "No children have completed or are waiting for this stage".to_string());
    let (axis_lines, axis_titles) = axes(spec, &fr, order.len());
    let legend = legend(&marks.markers, &centre_lines, target.as_ref(), &bars.bars, lay);
    let description = spec.description.clone().unwrap_or_else(|| describe(spec, &order));

    RunChartModel {
        meta: ChartMeta {
            id: spec.id.clone(),
            title: spec.title.clone(),
            description,
            width: lay.width,
            height: lay.height,
        },
        run_panel,
        bar_panel,
        y_scale,
        x_scale,
        y_ticks,
        x_ticks,
        axis_lines,
        axis_titles,
        data_line: marks.data_line,
        markers: marks.markers,
        marker_paths: marks.marker_paths,
        centre_lines,
        target,
        separators,
        annotations,
        bars: bars.bars,
        bar_paths: bars.bar_paths,
        bar_band: bars.bar_band,
        legend,
        message,
    }
}

/// The y scale, shared by both panels, and its ticks. The domain runs from 0 to the largest of
/// points, bars, target and centre lines, niced; each tick's grid line spans both panels.
fn y_axis(spec: &RunChartSpec, waiting: &[WaitingSpec], fr: &Frames) -> (LinearScale, Vec<AxisTick>) {
    let finite_max = |it: &mut dyn Iterator<Item = f64>| it.filter(|v| v.is_finite()).fold(0.0f64, f64::max);
    let y_max = finite_max(&mut spec.points.iter().map(|p| p.days))
        .max(finite_max(&mut waiting.iter().map(|w| w.days)))
        .max(finite_max(&mut spec.target.iter().map(|t| t.value)))
        .max(finite_max(&mut spec.centre_lines.iter().map(|c| c.value)));
    let y_target = ((fr.plot_h / 60.0).round() as usize).clamp(3, 8);
    let yt = nice_ticks_with_min_step(0.0, y_max, y_target, 1.0);
    let y_scale = LinearScale::new((yt.lo, yt.hi), (fr.bottom, fr.plot_y));
    let y_ticks = yt
        .values
        .iter()
        .zip(yt.labels())
        .map(|(&v, label)| {
            let y = y_scale.map(v);
            AxisTick {
                pos: round1(y),
                line: Line::new(fr.run.x, y, fr.right_edge, y),
                label: Label::new(fr.run.x - 6.0, y + 4.0, label, Anchor::End, "ts-tick-label"),
            }
        })
        .collect();
    (y_scale, y_ticks)
}

/// The data line, the point markers and the markers merged into one path per kind.
struct PointMarks {
    data_line: String,
    markers: Vec<PointMarker>,
    marker_paths: Vec<ClassedPath>,
}

/// The data line breaks at a missing value and at each phase change; markers skip missing values.
fn point_marks(spec: &RunChartSpec, x_scale: &LinearScale, y_scale: &LinearScale) -> PointMarks {
    let n = spec.points.len();
    let r = spec.layout.marker_radius;
    let mut line = PathBuilder::with_capacity(n * 14);
    let mut markers = Vec::with_capacity(n);
    let mut kind_paths: Vec<(PointKind, PathBuilder)> = Vec::new();
    let separator_starts: Vec<usize> = spec.separators.iter().map(|s| s.before).collect();
    let mut pen_down = false;
    for (i, p) in spec.points.iter().enumerate() {
        let idx = i + 1;
        if !p.days.is_finite() {
            pen_down = false;
            continue;
        }
        let x = x_scale.map(idx as f64);
        let y = y_scale.map(p.days);
        let new_phase = !pen_down || spec.points[i - 1].flags.phase != p.flags.phase || separator_starts.contains(&idx);
        pen_down = true;
        if new_phase {
            line.move_to(x, y);
        } else {
            line.line_to(x, y);
        }
        let kind = PointKind::from_flags(&p.flags);
        let pb = match kind_paths.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, pb)) => pb,
            None => {
                kind_paths.push((kind, PathBuilder::with_capacity(n * 24)));
                // Invariant, not data: the vector was pushed to on the line above.
                &mut kind_paths.last_mut().expect("just pushed").1
            }
        };
        kind.shape().push_path(pb, x, y, r);
        markers.push(PointMarker {
            index: idx,
            child_id: p.child_id.clone(),
            days: p.days,
            end_date: p.end_date,
            x: round1(x),
            y: round1(y),
            kind,
            class: kind.class(),
            shape: kind.shape(),
        });
    }
    crate::order::sort_by_key(&mut kind_paths, |(k, _)| PointKind::ALL.iter().position(|a| a == k));
    let marker_paths = kind_paths.into_iter().map(|(k, pb)| ClassedPath { class: k.class(), d: pb.finish() }).collect();
    PointMarks { data_line: line.finish(), markers, marker_paths }
}

/// Centre lines: solid over the baseline, dashed where a frozen baseline median is extended.
fn centre_lines(spec: &RunChartSpec, x_scale: &LinearScale, y_scale: &LinearScale, run: Rect) -> Vec<CentreLine> {
    let slot_edge = |pos: f64| x_scale.map(pos).clamp(run.x, run.right());
    spec.centre_lines
        .iter()
        .filter(|c| c.value.is_finite() && c.first >= 1 && c.last >= c.first)
        .map(|c| {
            let y = y_scale.map(c.value);
            let x0 = slot_edge(c.first as f64 - 0.5);
            let x_end = slot_edge(c.last as f64 + 0.5);
            let base_last = c.baseline_last.clamp(c.first, c.last);
            let x_base = slot_edge(base_last as f64 + 0.5);
            let extended = (base_last < c.last).then(|| Line::new(x_base, y, x_end, y));
            let text = c.label.clone().unwrap_or_else(|| {
                if extended.is_some() {
                    format!("Baseline median {}", fmt_days(c.value))
                } else {
                    format!("Median {}", fmt_days(c.value))
                }
            });
            CentreLine {
                phase: c.phase,
                value: c.value,
                y: round1(y),
                solid: Line::new(x0, y, x_base, y),
                extended,
                label: Label::new(x_end - 3.0, y - 5.0, text, Anchor::End, "ts-centre-label"),
            }
        })
        .collect()
}

/// The target line, across both panels.
fn target_line(spec: &RunChartSpec, y_scale: &LinearScale, fr: &Frames) -> Option<TargetLine> {
    spec.target.as_ref().filter(|t| t.value.is_finite()).map(|t| {
        let y = y_scale.map(t.value);
        TargetLine {
            value: t.value,
            line: Line::new(fr.run.x, y, fr.right_edge, y),
            label: Label::new(fr.right_edge - 3.0, y - 5.0, t.label.clone(), Anchor::End, "ts-target-label"),
        }
    })
}

/// Phase separators between the last point of one phase and the first of the next.
fn separators(spec: &RunChartSpec, x_scale: &LinearScale, fr: &Frames) -> Vec<Separator> {
    let n = spec.points.len();
    spec.separators
        .iter()
        .filter(|s| s.before >= 1 && s.before <= n.max(1))
        .map(|s| {
            let x = x_scale.map(s.before as f64 - 0.5);
            let w = text_width(&s.label, 11.0);
            let label = if x + 4.0 + w > fr.run.right() {
                Label::new(x - 4.0, fr.plot_y + 12.0, s.label.clone(), Anchor::End, "ts-phase-label")
            } else {
                Label::new(x + 4.0, fr.plot_y + 12.0, s.label.clone(), Anchor::Start, "ts-phase-label")
            };
            Separator { before: s.before, line: Line::new(x, fr.plot_y, x, fr.bottom), label }
        })
        .collect()
}

/// Annotations above their point (below it when too close to the top).
fn annotations(spec: &RunChartSpec, markers: &[PointMarker], fr: &Frames) -> Vec<Annotation> {
    let r = spec.layout.marker_radius;
    spec.annotations
        .iter()
        .filter_map(|a| {
            let k = markers.binary_search_by_key(&a.point, |m| m.index).ok()?;
            Some((a, &markers[k]))
        })
        .map(|(a, m)| {
            let (leader, ly) = if m.y - 26.0 < fr.plot_y {
                (Line::new(m.x, m.y + r + 2.0, m.x, m.y + 14.0), m.y + 26.0)
            } else {
                (Line::new(m.x, m.y - r - 2.0, m.x, m.y - 14.0), m.y - 18.0)
            };
            let w = text_width(&a.text, 11.0);
            let anchor = if m.x - w / 2.0 < fr.run.x {
                Anchor::Start
            } else if m.x + w / 2.0 > fr.run.right() {
                Anchor::End
            } else {
                Anchor::Middle
            };
            Annotation { point: a.point, leader, label: Label::new(m.x, ly, a.text.clone(), anchor, "ts-annotation") }
        })
        .collect()
}

/// The waiting bars, one path per kind, and the width of one bar slot.
struct BarMarks {
    bars: Vec<WaitingBarMark>,
    bar_paths: Vec<ClassedPath>,
    bar_band: f64,
}

/// One bar per child still waiting, in `order` (longest first), on the run panel's y scale.
fn waiting_bars(
    spec: &RunChartSpec,
    order: &[&WaitingSpec],
    bar_frame: Option<Rect>,
    y_scale: &LinearScale,
) -> BarMarks {
    let mut out = BarMarks { bars: Vec::with_capacity(order.len()), bar_paths: Vec::new(), bar_band: 0.0 };
    let Some(bf) = bar_frame.filter(|_| !order.is_empty()) else { return out };
    let bar_band = bf.w / order.len() as f64;
    let bw = if bar_band >= 4.0 { bar_band * 0.8 } else { bar_band };
    let y0 = y_scale.map(0.0);
    let mut within = PathBuilder::with_capacity(order.len() * 24);
    let mut past = PathBuilder::new();
    for (i, w) in order.iter().enumerate() {
        let days = if w.days.is_finite() { w.days.max(0.0) } else { 0.0 };
        let y = y_scale.map(days);
        let x = bf.x + i as f64 * bar_band + (bar_band - bw) / 2.0;
        let kind = match &spec.target {
            Some(t) if days > t.value => BarKind::PastTarget,
            _ => BarKind::WithinTarget,
        };
        let rect = Rect::new(x, y, bw, y0 - y);
        match kind {
            BarKind::WithinTarget => within.rect(rect.x, rect.y, rect.w, rect.h),
            BarKind::PastTarget => past.rect(rect.x, rect.y, rect.w, rect.h),
        };
        out.bars.push(WaitingBarMark {
            rank: i + 1,
            child_id: w.child_id.clone(),
            days: w.days,
            start: w.start,
            rect,
            kind,
            class: kind.class(),
        });
    }
    for (kind, pb) in [(BarKind::WithinTarget, within), (BarKind::PastTarget, past)] {
        if !pb.is_empty() {
            out.bar_paths.push(ClassedPath { class: kind.class(), d: pb.finish() });
        }
    }
    out.bar_band = bar_band;
    out
}

/// The run panel and the bars panel, each with a message when it has nothing to show.
fn panels(spec: &RunChartSpec, fr: &Frames, n_points: usize, n_waiting: usize) -> (Panel, Option<Panel>) {
    let centre_msg =
        |f: Rect, text: &str| Label::new(f.x + f.w / 2.0, f.y + f.h / 2.0, text, Anchor::Middle, "ts-message");
    let run_panel = Panel {
        id: format!("{}-run", spec.id),
        frame: fr.run,
        message: (n_points == 0).then(|| centre_msg(fr.run, "No children have completed this stage yet")),
    };
    let bar_panel = fr.bar.map(|f| Panel {
        id: format!("{}-waiting", spec.id),
        frame: f,
        message: (n_waiting == 0).then(|| centre_msg(f, "No children waiting")),
    });
    (run_panel, bar_panel)
}

/// The axis lines and the axis titles (y title rotated, x title, and the bars panel's titles).
fn axes(spec: &RunChartSpec, fr: &Frames, n_waiting: usize) -> (Vec<Line>, Vec<Label>) {
    let (run, bottom) = (fr.run, fr.bottom);
    let mut axis_lines =
        vec![Line::new(run.x, fr.plot_y, run.x, bottom), Line::new(run.x, bottom, run.right(), bottom)];
    let x_title =
        spec.x_title.clone().unwrap_or_else(|| format!("Children in the order they reached {}", spec.end_milestone));
    let mut axis_titles = vec![
        Label::new(18.0, fr.plot_y + fr.plot_h / 2.0, spec.y_title.clone(), Anchor::Middle, "ts-axis-title")
            .rotated(-90.0),
        Label::new(run.x + run.w / 2.0, bottom + 42.0, x_title, Anchor::Middle, "ts-axis-title"),
    ];
    if let Some(bf) = fr.bar {
        axis_lines.push(Line::new(bf.x, bottom, bf.right(), bottom));
        axis_titles.push(Label::new(
            bf.x + bf.w / 2.0,
            bottom + 42.0,
            "Still waiting: days so far",
            Anchor::Middle,
            "ts-axis-title",
        ));
        let count = match n_waiting {
            1 => "1 child".to_string(),
            k => format!("{} children", format_number(k as f64, 1.0)),
        };
        axis_titles.push(Label::new(bf.x + bf.w / 2.0, bottom + 18.0, count, Anchor::Middle, "ts-tick-label"));
    }
    (axis_lines, axis_titles)
}

/// The legend: only what is on the chart.
fn legend(
    markers: &[PointMarker],
    centre_lines: &[CentreLine],
    target: Option<&TargetLine>,
    bars: &[WaitingBarMark],
    lay: RunChartLayout,
) -> Vec<LegendEntry> {
    let mut items: Vec<(LegendKey, &'static str, String)> = Vec::new();
    for k in PointKind::ALL {
        if markers.iter().any(|m| m.kind == k) {
            items.push((LegendKey::Marker(k.shape()), k.class(), k.label().to_string()));
        }
    }
    if !centre_lines.is_empty() {
        items.push((LegendKey::Line, "ts-centre", "Median".into()));
    }
    if centre_lines.iter().any(|c| c.extended.is_some()) {
        items.push((LegendKey::Line, "ts-centre-extended", "Baseline median extended".into()));
    }
    if let Some(t) = target {
        items.push((LegendKey::Line, "ts-target", format!("Target ({} days)", fmt_days(t.value))));
    }
    for k in [BarKind::WithinTarget, BarKind::PastTarget] {
        if bars.iter().any(|b| b.kind == k) {
            items.push((LegendKey::Swatch, k.class(), k.label().to_string()));
        }
    }
    layout_legend(&items, lay.margin_left, 16.0, lay.width - lay.margin_right, 18.0).0
}

fn x_ticks(spec: &RunChartSpec, x_scale: &LinearScale, run: Rect, bottom: f64) -> Vec<AxisTick> {
    let n = spec.points.len();
    if n == 0 {
        return Vec::new();
    }
    let tick = |pos: f64, label: String| AxisTick {
        pos: round1(pos),
        line: Line::new(pos, bottom, pos, bottom + 5.0),
        label: Label::new(pos, bottom + 18.0, label, Anchor::Middle, "ts-tick-label"),
    };
    let max_ticks = ((run.w / 70.0).floor() as usize).max(2);
    let dates: Option<Vec<NaiveDate>> = spec.points.iter().map(|p| p.end_date).collect();
    if let (XAxisMode::EndDate, Some(dates)) = (spec.x_axis, dates) {
        let (first, last) = (dates[0], dates[n - 1]);
        let (_, dts) = date_ticks(first, last, max_ticks.min(8));
        let mut out: Vec<AxisTick> = Vec::new();
        let mut last_idx = 0usize;
        for t in dts {
            // The first child to reach the end milestone on or after the tick date.
            let Some(i) = dates.iter().position(|&d| d >= t.date) else { continue };
            if i < last_idx {
                continue;
            }
            last_idx = i + 1;
            // Between that child and the one before: where the calendar crosses the tick date.
            out.push(tick(x_scale.map(i as f64 + 0.5), t.label));
        }
        return out;
    }
    let t = nice_ticks_with_min_step(1.0, n as f64, max_ticks.min(10), 1.0);
    t.values
        .iter()
        .filter(|&&v| v >= 1.0 && v <= n as f64)
        .map(|&v| tick(x_scale.map(v), format_number(v, 1.0)))
        .collect()
}

fn describe(spec: &RunChartSpec, waiting: &[&WaitingSpec]) -> String {
    let n = spec.points.len();
    let mut s = if n == 0 {
        format!("Run chart: no children have yet reached {}.", spec.end_milestone)
    } else {
        let who = if n == 1 { "1 child".to_string() } else { format!("{} children", format_number(n as f64, 1.0)) };
        format!("Run chart of days taken for {who}, in the order they reached {}.", spec.end_milestone)
    };
    for c in &spec.centre_lines {
        let kind = if c.baseline_last < c.last { "baseline median" } else { "median" };
        s.push_str(&format!(" Points {} to {}: {kind} {} days.", c.first, c.last, fmt_days(c.value)));
    }
    if let Some(t) = &spec.target {
        s.push_str(&format!(" Target {} days.", fmt_days(t.value)));
    }
    if spec.waiting.is_some() {
        let past = spec.target.as_ref().map_or(0, |t| waiting.iter().filter(|w| w.days > t.value).count());
        match waiting.first() {
            None => s.push_str(" No children are still waiting."),
            Some(longest) => {
                s.push_str(&format!(
                    " {} still waiting; the longest wait so far is {} days",
                    if waiting.len() == 1 {
                        "1 child is".to_string()
                    } else {
                        format!("{} children are", waiting.len())
                    },
                    fmt_days(longest.days)
                ));
                if spec.target.is_some() {
                    s.push_str(&format!("; {past} past the target"));
                }
                s.push('.');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pt(id: &str, days: f64) -> RunPoint {
        RunPoint { child_id: id.into(), days, end_date: None, flags: PointFlags::default() }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.051
    }

    /// Default layout with bars: plot x 72..944 (872 wide), y 56..356 (300 high).
    /// Bars panel 872 × 0.25 = 218 wide at x 726..944; run panel 872 − 218 − 24 = 630 wide, x 72..702.
    fn spec_with_bars() -> RunChartSpec {
        let mut s = RunChartSpec::new("rc", "M2 to M3", "permanence recommendation (M3)");
        // Ten points; max 460 days.
        let days = [120.0, 200.0, 90.0, 460.0, 150.0, 180.0, 75.0, 60.0, 100.0, 80.0];
        s.points = days.iter().enumerate().map(|(i, &v)| pt(&format!("C{}", i + 1), v)).collect();
        s.target = Some(TargetSpec { value: 182.0, label: "Target 6 months".into() });
        s.waiting = Some(vec![
            WaitingSpec { child_id: "W1".into(), days: 100.0, start: None },
            WaitingSpec { child_id: "W2".into(), days: 300.0, start: None },
            WaitingSpec { child_id: "W3".into(), days: 182.0, start: None },
            WaitingSpec { child_id: "W4".into(), days: 500.0, start: None },
        ]);
        s
    }

    #[test]
    fn panels_split_the_plot_width() {
        let m = spec_with_bars().build();
        assert_eq!(m.run_panel.frame, Rect { x: 72.0, y: 56.0, w: 630.0, h: 300.0 });
        assert_eq!(m.bar_panel.as_ref().unwrap().frame, Rect { x: 726.0, y: 56.0, w: 218.0, h: 300.0 });
        // Without waiting data, the run panel takes the whole width.
        let mut s = spec_with_bars();
        s.waiting = None;
        let m = s.build();
        assert!(m.bar_panel.is_none());
        assert_eq!(m.run_panel.frame.w, 872.0);
    }

    #[test]
    fn y_domain_covers_bars_and_is_niced() {
        // Max is the 500-day bar; 300 units high → 5 intervals wanted; 500/5 = 100 → step 100.
        let m = spec_with_bars().build();
        assert_eq!((m.y_scale.d0, m.y_scale.d1), (0.0, 500.0));
        let labels: Vec<_> = m.y_ticks.iter().map(|t| t.label.text.as_str()).collect();
        assert_eq!(labels, ["0", "100", "200", "300", "400", "500"]);
        // 0.6 units per day: 200 days is 120 units above the bottom (356).
        assert!(close(m.y_ticks[2].pos, 236.0));
        // Grid lines span both panels.
        assert_eq!((m.y_ticks[2].line.x1, m.y_ticks[2].line.x2), (72.0, 944.0));
    }

    #[test]
    fn target_above_the_data_widens_the_domain() {
        let mut s = RunChartSpec::new("rc", "t", "M3");
        s.points = vec![pt("A", 10.0), pt("B", 20.0)];
        s.target = Some(TargetSpec { value: 730.0, label: "2 years".into() });
        let m = s.build();
        // 730 / 5 = 146 → step 200 (1.46 ≥ √2) → domain 0..800.
        assert_eq!(m.y_scale.d1, 800.0);
        let t = m.target.unwrap();
        // 730 of 800 days over 300 units: 356 − 273.75 = 82.25 (then rounded to a tenth).
        assert!(close(t.line.y1, 82.25));
        assert_eq!((t.line.x1, t.line.x2), (72.0, 944.0));
    }

    #[test]
    fn points_sit_in_equal_slots() {
        let m = spec_with_bars().build();
        // 10 slots over 630 units: 63 each; point 1 at 72 + 31.5, point 10 at 72 + 598.5.
        assert!(close(m.markers[0].x, 103.5));
        assert!(close(m.markers[9].x, 670.5));
        // Point 4 (460 days) at 356 − 460 × 0.6 = 80.
        assert!(close(m.markers[3].y, 80.0));
        assert_eq!(m.markers[3].child_id, "C4");
        assert_eq!(m.point_at(670.0).unwrap().index, 10);
        assert_eq!(m.point_at(136.0).unwrap().index, 2);
        assert!(m.point_at(10.0).is_none());
    }

    #[test]
    fn median_line_y_for_a_known_series() {
        // Sorted: 60 75 80 90 100 120 150 180 200 460 → median (100 + 120) / 2 = 110,
        // worked out by hand here; the rules engine would supply it.
        let mut s = spec_with_bars();
        s.centre_lines =
            vec![CentreSpec { phase: 0, value: 110.0, first: 1, last: 10, baseline_last: 10, label: None }];
        let m = s.build();
        let c = &m.centre_lines[0];
        // 356 − 110 × 0.6 = 290.
        assert!(close(c.y, 290.0));
        assert_eq!((c.solid.x1, c.solid.x2), (72.0, 702.0));
        assert!(c.extended.is_none());
        assert_eq!(c.label.text, "Median 110");
    }

    #[test]
    fn frozen_baseline_is_solid_then_dashed() {
        let mut s = spec_with_bars();
        s.centre_lines = vec![CentreSpec { phase: 0, value: 110.5, first: 1, last: 10, baseline_last: 6, label: None }];
        let m = s.build();
        let c = &m.centre_lines[0];
        // The baseline ends after slot 6: 72 + 6 × 63 = 450.
        assert_eq!((c.solid.x1, c.solid.x2), (72.0, 450.0));
        let e = c.extended.unwrap();
        assert_eq!((e.x1, e.x2), (450.0, 702.0));
        assert_eq!(c.label.text, "Baseline median 110.5");
        assert!(m.legend.iter().any(|l| l.symbol.class == "ts-centre-extended"));
    }

    #[test]
    fn bars_longest_first_on_the_shared_scale() {
        let m = spec_with_bars().build();
        let ids: Vec<_> = m.bars.iter().map(|b| b.child_id.as_str()).collect();
        assert_eq!(ids, ["W4", "W2", "W3", "W1"]);
        // 218 / 4 = 54.5 per slot, bars 80% = 43.6 wide, centred.
        assert!(close(m.bar_band, 54.5));
        let b = &m.bars[0];
        assert!(close(b.rect.x, 726.0 + 5.45));
        assert!(close(b.rect.w, 43.6));
        // 500 days: the full 300 units, from y 56 to 356; 100 days: 60 units.
        assert!(close(b.rect.y, 56.0) && close(b.rect.h, 300.0));
        assert!(close(m.bars[3].rect.h, 60.0));
        // Same scale as the points: the 300-day bar top equals y of a 300-day point.
        assert!(close(m.bars[1].rect.y, m.y_scale.map(300.0)));
        // Past target is strictly more than 182 days: W3 at exactly 182 is within.
        let kinds: Vec<_> = m.bars.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BarKind::PastTarget, BarKind::PastTarget, BarKind::WithinTarget, BarKind::WithinTarget]);
        assert_eq!(m.bars[0].class, "ts-bar-past-target");
        assert_eq!(m.bar_at(726.0 + 54.5 * 2.0 + 1.0).unwrap().child_id, "W3");
        // Merged paths: one per kind, two rectangles each.
        assert_eq!(m.bar_paths.len(), 2);
        assert!(m.bar_paths.iter().all(|p| p.d.matches('Z').count() == 2));
    }

    #[test]
    fn phase_separators_sit_between_points_and_break_the_line() {
        let mut s = spec_with_bars();
        for p in &mut s.points[6..] {
            p.flags.phase = 1;
        }
        s.separators = vec![SeparatorSpec { before: 7, label: "PACE starts".into() }];
        let m = s.build();
        // Between point 6 and point 7: slot edge 6 → 72 + 6 × 63 = 450.
        let sep = &m.separators[0];
        assert_eq!((sep.line.x1, sep.line.x2), (450.0, 450.0));
        assert_eq!((sep.line.y1, sep.line.y2), (56.0, 356.0));
        assert_eq!(sep.label.anchor, Anchor::Start);
        assert_eq!(sep.label.x, 454.0);
        // The data line has two subpaths.
        assert_eq!(m.data_line.matches('M').count(), 2);
        assert!(m.data_line.starts_with("M103.5 284"));
    }

    #[test]
    fn flags_choose_kind_shape_and_class() {
        let mut s = spec_with_bars();
        s.points[0].flags.excluded = true;
        s.points[0].flags.signal = Some(SignalDirection::Improvement);
        s.points[1].flags.signal = Some(SignalDirection::Improvement);
        s.points[2].flags.signal = Some(SignalDirection::Deterioration);
        s.points[3].flags.on_centre = true;
        let m = s.build();
        let kinds: Vec<_> = m.markers[..5].iter().map(|k| k.kind).collect();
        assert_eq!(
            kinds,
            [
                PointKind::Excluded,
                PointKind::SignalImprovement,
                PointKind::SignalDeterioration,
                PointKind::OnCentre,
                PointKind::Normal
            ]
        );
        let shapes: std::collections::HashSet<_> = PointKind::ALL.iter().map(|k| k.shape()).collect();
        assert_eq!(shapes.len(), PointKind::ALL.len(), "every kind has its own shape");
        assert_eq!(m.marker_paths.len(), 5);
        assert_eq!(m.marker_paths[0].class, "ts-point");
        assert_eq!(m.legend.iter().filter(|l| matches!(l.key, LegendKey::Marker(_))).count(), 5);
    }

    #[test]
    fn annotations_point_at_their_point() {
        let mut s = spec_with_bars();
        s.annotations = vec![
            AnnotationSpec { point: 2, text: "Panel backlog".into() },
            AnnotationSpec { point: 4, text: "Court delay".into() },
            AnnotationSpec { point: 99, text: "ignored".into() },
        ];
        let m = s.build();
        assert_eq!(m.annotations.len(), 2);
        // Point 2 at y 356 − 120 = 236: label above.
        assert_eq!(m.annotations[0].label.x, m.markers[1].x);
        assert!(m.annotations[0].label.y < 236.0);
        // Point 4 at y 80 is near the top (56): label goes below.
        assert!(m.annotations[1].label.y > 80.0);
    }

    #[test]
    fn date_axis_ticks_fall_where_the_month_changes() {
        let mut s = RunChartSpec::new("rc", "t", "M3");
        let dates = [d(2021, 1, 10), d(2021, 1, 25), d(2021, 2, 3), d(2021, 2, 20), d(2021, 3, 1), d(2021, 3, 30)];
        s.points = dates
            .iter()
            .enumerate()
            .map(|(i, &dt)| RunPoint { end_date: Some(dt), ..pt(&format!("C{i}"), 10.0) })
            .collect();
        s.x_axis = XAxisMode::EndDate;
        let m = s.build();
        // Full-width run panel 872, 6 slots of 145.33. Feb starts at point 3 → edge between 2 and 3:
        // 72 + 2 × 145.33 = 362.7; Mar starts at point 5 → 72 + 4 × 145.33 = 653.3.
        let got: Vec<_> = m.x_ticks.iter().map(|t| (t.label.text.as_str(), t.pos)).collect();
        assert_eq!(got, [("Feb 2021", 362.7), ("Mar 2021", 653.3)]);
        // Point-number mode for the same series.
        s.x_axis = XAxisMode::PointNumber;
        let m = s.build();
        let labels: Vec<_> = m.x_ticks.iter().map(|t| t.label.text.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3", "4", "5", "6"]);
    }

    #[test]
    fn empty_series_and_no_waiting_give_messages() {
        let mut s = RunChartSpec::new("rc", "t", "M3");
        s.waiting = Some(vec![]);
        let m = s.build();
        assert!(m.message.is_some());
        assert!(m.run_panel.message.is_some());
        assert!(m.bar_panel.as_ref().unwrap().message.is_some());
        assert!(m.markers.is_empty() && m.data_line.is_empty() && m.x_ticks.is_empty());
        assert_eq!(m.y_ticks.last().unwrap().label.text, "1");
        assert!(m.point_at(300.0).is_none() && m.bar_at(800.0).is_none());
        // Points but nobody waiting: no overall message, a panel message.
        s.points = vec![pt("A", 5.0)];
        let m = s.build();
        assert!(m.message.is_none());
        assert!(m.bar_panel.unwrap().message.unwrap().text.contains("No children waiting"));
        assert!(m.meta.description.contains("No children are still waiting"));
    }

    #[test]
    fn description_names_counts_and_target() {
        let mut s = spec_with_bars();
        s.centre_lines =
            vec![CentreSpec { phase: 0, value: 110.0, first: 1, last: 10, baseline_last: 10, label: None }];
        let m = s.build();
        assert!(m.meta.description.contains("10 children"), "{}", m.meta.description);
        assert!(m.meta.description.contains("median 110 days"));
        assert!(m.meta.description.contains("4 children are still waiting"));
        assert!(m.meta.description.contains("longest wait so far is 500 days"));
        assert!(m.meta.description.contains("2 past the target"));
    }

    #[test]
    fn points_without_a_value_break_the_line_and_have_no_marker() {
        let mut s = RunChartSpec::new("rc", "t", "M3");
        s.points = vec![pt("A", 10.0), pt("B", 20.0), pt("C", f64::NAN), pt("D", 30.0), pt("E", 40.0)];
        s.annotations =
            vec![AnnotationSpec { point: 3, text: "missing".into() }, AnnotationSpec { point: 4, text: "ok".into() }];
        let m = s.build();
        assert_eq!(m.markers.iter().map(|k| k.index).collect::<Vec<_>>(), [1, 2, 4, 5]);
        assert_eq!(m.data_line.matches('M').count(), 2);
        assert_eq!(m.annotations.len(), 1);
        assert_eq!(m.annotations[0].point, 4);
        // 5 slots over 872 units (174.4 each): slot 3 (no value) is centred at 72 + 2.5 × 174.4
        // = 508, point 4 at 682.4.
        assert!(m.point_at(508.0).is_none());
        assert_eq!(m.point_at(682.4).unwrap().child_id, "D");
        assert_eq!(m.marker(4).unwrap().x, 682.4);
    }

    #[test]
    fn spec_from_the_rules_engine_maps_phases_baselines_and_flags() {
        use crate::runchart::{Baseline, PhaseBreak, Point, PointNote, RunChartConfig, Series, analyse, chart_spec};
        let phase0 = [100.0, 120.0, 90.0, 110.0, 130.0, 105.0, 95.0, 115.0];
        let phase1 = [60.0, 62.0, 58.0, 61.0, 59.0, 63.0, 57.0, 64.0, 56.0, 65.0, 55.0, 66.0];
        let series = Series::new(
            phase0
                .iter()
                .chain(&phase1)
                .enumerate()
                .map(|(i, &v)| Point {
                    id: Some(format!("K{}", i + 1)),
                    ..Point::dated(v, d(2020, 1, 1) + chrono::Days::new(10 * i as u64))
                })
                .collect(),
        );
        let cfg = RunChartConfig {
            baseline: Baseline::FirstN(4),
            phases: vec![PhaseBreak { label: Some("PACE starts".into()), ..PhaseBreak::at_index(8) }],
            excluded: vec![PointNote { index: 19, note: "data error".into() }],
            astronomical: vec![PointNote { index: 9, note: "Court backlog".into() }],
            ..RunChartConfig::default()
        };
        let a = analyse(&series, &cfg).expect("valid config");
        let s = chart_spec(&a, "rc", "t", "M3");
        // Phase 1 (points 1-8) freezes its first 4: median of 90,100,110,120 = 105, solid over
        // points 1-4 and dashed over 5-8. Phase 2 (points 9-20) leaves out excluded point 20
        // (66): median of 55..65 = 60, solid throughout.
        let c: Vec<_> = s.centre_lines.iter().map(|c| (c.value, c.first, c.last, c.baseline_last)).collect();
        assert_eq!(c, [(105.0, 1, 8, 4), (60.0, 9, 20, 20)]);
        assert_eq!(s.separators, [SeparatorSpec { before: 9, label: "PACE starts".into() }]);
        let notes: Vec<_> = s.annotations.iter().map(|a| (a.point, a.text.as_str())).collect();
        assert_eq!(notes, [(10, "Astronomical: Court backlog"), (20, "Excluded: data error")]);
        assert_eq!(s.points[0].child_id, "K1");
        assert!(s.points[19].flags.excluded);
        assert_eq!(s.points[8].flags.phase, 1);
        assert_eq!(s.x_axis, XAxisMode::EndDate);
        // Point 9 (60) sits on the phase 2 median.
        assert!(s.points[8].flags.on_centre);
        let m = s.build();
        assert_eq!(m.markers[19].kind, PointKind::Excluded);
        assert_eq!(m.markers[8].kind, PointKind::OnCentre);
        assert!(m.centre_lines[0].extended.is_some() && m.centre_lines[1].extended.is_none());
        // The separator sits between points 8 and 9: 20 slots over 872 → 72 + 8 × 43.6 = 420.8.
        assert!(close(m.separators[0].line.x1, 420.8));
        assert_eq!(m.data_line.matches('M').count(), 2);
    }

    /// The whole pipeline on the synthetic cohort: days from last accommodated (M2) to the
    /// recommendation (M3) → rules engine → [`crate::runchart::chart_spec`] → chart model → SVG.
    /// Kept independent of the analysis module's API so its changes do not break this test.
    #[test]
    fn demo_cohort_end_to_end() {
        use crate::demo::{self, DemoOptions};
        use crate::model::Milestone as M;
        use crate::runchart::{Point, RunChartConfig, Series, analyse, chart_spec};
        let opts = DemoOptions { children: 300, ..DemoOptions::default() };
        let ds = demo::generate(opts);
        let mut done: Vec<(NaiveDate, String, f64)> = Vec::new();
        let mut waiting: Vec<WaitingSpec> = Vec::new();
        for c in &ds.children {
            match (c.date(M::LastAccommodated), c.date(M::PermanenceRecommendation)) {
                (Some(s), Some(e)) if e >= s => done.push((e, c.child_id.clone(), (e - s).num_days() as f64)),
                (Some(s), None) if s <= opts.as_at => waiting.push(WaitingSpec {
                    child_id: c.child_id.clone(),
                    days: (opts.as_at - s).num_days() as f64,
                    start: Some(s),
                }),
                _ => {}
            }
        }
        done.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        assert!(done.len() > 20 && !waiting.is_empty(), "demo has both");
        let series =
            Series::new(done.iter().map(|(e, id, v)| Point { id: Some(id.clone()), ..Point::dated(*v, *e) }).collect());
        let a = analyse(&series, &RunChartConfig::default()).expect("analysis");
        let mut spec = chart_spec(&a, "rc-a2", "Aim 2", "permanence recommendation (M3)");
        spec.target = Some(TargetSpec { value: 182.0, label: "Target 182 days".into() });
        spec.waiting = Some(waiting.clone());
        let m = spec.build();
        assert_eq!(m.markers.len(), done.len());
        for (mk, (_, id, v)) in m.markers.iter().zip(&done) {
            assert_eq!((&mk.child_id, mk.days), (id, *v));
        }
        assert_eq!(m.bars.len(), waiting.len());
        let past = waiting.iter().filter(|w| w.days > 182.0).count();
        assert_eq!(m.bars.iter().filter(|b| b.kind == BarKind::PastTarget).count(), past);
        assert!(m.bars.windows(2).all(|w| w[0].days >= w[1].days));
        assert_eq!(m.centre_lines.len(), 1);
        assert_eq!(Some(m.centre_lines[0].value), a.phases[0].centre);
        let svg = crate::chart::svg::run_chart_svg(&m);
        crate::chart::svg::tests::check_xml(&svg).expect("well-formed");
        assert!(!svg.contains("style="));
    }

    #[test]
    fn x_title_replaces_the_children_wording_for_other_series() {
        let mut s = RunChartSpec::new("wb", "Workbench", "the end");
        s.points = vec![pt("1", 3.0), pt("2", 5.0)];
        let titles = |s: &RunChartSpec| s.build().axis_titles.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        assert!(titles(&s).contains(&"Children in the order they reached the end".to_string()));
        s.x_title = Some("Points in the order given".into());
        let t = titles(&s);
        assert!(t.contains(&"Points in the order given".to_string()));
        assert!(!t.iter().any(|x| x.starts_with("Children")));
    }
}
