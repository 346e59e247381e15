//! What the Learn page shows, worked out here so its components only lay it out
//! (docs/learn.md#the-learn-page): the screens in the address fragment, the highlight boxes
//! drawn over a chart, the table of points behind every chart, the sandbox's figures as
//! label-value pairs, and the chart positions a pointer maps to.

use serde::Serialize;

use super::{Highlight, HighlightRule, RunsLimits, SandboxInput, SandboxPhase, SandboxView};
use crate::chart::geom::num;
use crate::chart::{Anchor, Label, Rect, RunChartModel, RunChartSpec};
use crate::runchart::rules::shift::Side;
use crate::runchart::{Baseline, BreakAt, RuleFamily, RunChartAnalysis, chart_spec};

/// A Learn screen, as named in the address fragment (`#exercise-3`). Only screen names and
/// exercise numbers are ever in the address: there is no child data on the Learn page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnScreen {
    Index,
    /// 1-based exercise number.
    Exercise(usize),
    Sandbox,
    /// The facilitator view of exercise N (1-based).
    Facilitator(usize),
    Handout,
}

impl LearnScreen {
    /// Reads a fragment (with or without `#`): an empty one is the index, exercise numbers are
    /// clamped to 1..=`count`, and anything else (such as the skip link's `#main`) is `None`.
    pub fn parse(fragment: &str, count: usize) -> Option<LearnScreen> {
        let f = fragment.trim_start_matches('#');
        let number = |rest: &str| rest.parse::<usize>().ok().map(|n| n.clamp(1, count.max(1)));
        match f {
            "" | "exercises" => Some(LearnScreen::Index),
            "sandbox" => Some(LearnScreen::Sandbox),
            "handout" => Some(LearnScreen::Handout),
            "facilitator" => Some(LearnScreen::Facilitator(1)),
            _ => {
                if let Some(n) = f.strip_prefix("exercise-").and_then(number) {
                    Some(LearnScreen::Exercise(n))
                } else {
                    f.strip_prefix("facilitator-").and_then(number).map(LearnScreen::Facilitator)
                }
            }
        }
    }

    /// The fragment for this screen, without `#`.
    pub fn fragment(self) -> String {
        match self {
            LearnScreen::Index => "exercises".into(),
            LearnScreen::Exercise(n) => format!("exercise-{n}"),
            LearnScreen::Sandbox => "sandbox".into(),
            LearnScreen::Facilitator(n) => format!("facilitator-{n}"),
            LearnScreen::Handout => "handout".into(),
        }
    }

    /// The fragment as a link target: `#exercise-3`.
    pub fn fragment_href(self) -> String {
        format!("#{}", self.fragment())
    }
}

/// A box drawn round the points that make one finding, with a text label naming the rule, so
/// the highlight never relies on colour: the outline's dash pattern also differs by family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HighlightMark {
    pub rule: HighlightRule,
    pub rect: Rect,
    /// "A: Shift (IHI), points 12 to 20", placed above the box.
    pub label: Label,
    /// `learn-hl learn-hl--ihi`, `--anhoej` or `--excluded` (style/learn.css).
    pub class: &'static str,
}

/// "points 12 to 20", or "point 9".
pub fn points_text(first: usize, last: usize) -> String {
    if first == last { format!("point {first}") } else { format!("points {first} to {last}") }
}

fn family_class(rule: HighlightRule) -> &'static str {
    match rule.family() {
        Some(RuleFamily::Ihi) => "learn-hl learn-hl--ihi",
        Some(RuleFamily::Anhoej) => "learn-hl learn-hl--anhoej",
        None => "learn-hl learn-hl--excluded",
    }
}

/// One box per highlight, lettered A, B, ... in order. The box spans the points' slots and
/// their values (with room for the markers); labels are stacked so that boxes over the same
/// points do not print their labels on top of each other.
pub fn highlight_marks(model: &RunChartModel, highlights: &[Highlight]) -> Vec<HighlightMark> {
    let frame = model.run_panel.frame;
    let pad = 8.0;
    highlights
        .iter()
        .enumerate()
        .filter_map(|(k, h)| {
            let ys: Vec<f64> =
                model.markers.iter().filter(|m| (h.first..=h.last).contains(&m.index)).map(|m| m.y).collect();
            if ys.is_empty() {
                return None;
            }
            let x1 = model.x_scale.map(h.first as f64 - 0.45).max(frame.x);
            let x2 = model.x_scale.map(h.last as f64 + 0.45).min(frame.right());
            let top = (ys.iter().copied().fold(f64::MAX, f64::min) - pad).max(frame.y);
            let bottom = (ys.iter().copied().fold(f64::MIN, f64::max) + pad).min(frame.bottom());
            let letter = char::from(b'A' + (k % 26) as u8);
            let text = format!("{letter}: {}, {}", h.rule.label(), points_text(h.first, h.last));
            let label_y = (top - 4.0 - 13.0 * (k % 3) as f64).max(frame.y + 10.0);
            Some(HighlightMark {
                rule: h.rule,
                rect: Rect::new(x1, top, x2 - x1, bottom - top),
                label: Label::new(x1, label_y, text, Anchor::Start, "learn-hl-label"),
                class: family_class(h.rule),
            })
        })
        .collect()
}

/// One row of the table of points behind a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointRow {
    pub number: usize,
    pub value: String,
    /// 1-based, as people count.
    pub phase: usize,
    /// "above the median", "below the median", "on the median" or "left out".
    pub position: &'static str,
    /// The highlights that include the point, by their labels ("Shift (IHI); Trend (IHI)").
    pub marks: String,
}

/// The table of points: value, phase, side of the median and which highlights include it.
pub fn point_rows(analysis: &RunChartAnalysis, highlights: &[Highlight]) -> Vec<PointRow> {
    analysis
        .points
        .iter()
        .map(|p| {
            let position = if p.excluded.is_some() {
                "left out"
            } else if p.on_centre {
                "on the median"
            } else {
                match p.side {
                    Some(Side::Above) => "above the median",
                    Some(Side::Below) => "below the median",
                    None => "no median yet",
                }
            };
            let marks = highlights
                .iter()
                .filter(|h| (h.first..=h.last).contains(&p.number))
                .map(|h| h.rule.label())
                .collect::<Vec<_>>()
                .join("; ");
            PointRow { number: p.number, value: num(p.value), phase: p.phase + 1, position, marks }
        })
        .collect()
}

/// The values the sandbox starts with: exercise 2's series (a shift at the end), so there is
/// something to read and to change straight away.
pub fn starter_values() -> Vec<f64> {
    super::exercises().get(1).map(|e| e.series.points.iter().map(|p| p.value).collect()).unwrap_or_default()
}

/// The sandbox's chart: the engine's analysis as the chart model's input.
pub fn sandbox_chart(view: &SandboxView) -> Option<RunChartSpec> {
    let a = view.analysis.as_ref()?;
    let mut spec = chart_spec(a, "learn-sandbox", "Your run chart", "the end milestone");
    spec.x_title = Some("Point number (one point per child)".into());
    Some(spec)
}

/// A phase's figures as label-value pairs, in the order the sandbox lists them.
pub fn phase_facts(p: &SandboxPhase) -> Vec<(&'static str, String)> {
    let opt = |v: Option<usize>| v.map_or_else(|| "none".to_string(), |n| n.to_string());
    let stretches = |v: &[[usize; 2]]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter().map(|[a, b]| points_text(*a, *b)).collect::<Vec<_>>().join("; ")
        }
    };
    let limits = match &p.runs_limits {
        RunsLimits::Covered { lower, upper } => format!("{lower} to {upper} runs"),
        RunsLimits::NotCovered { sentence } => sentence.clone(),
    };
    let anhoej = match (p.longest_run_max, p.crossings_min) {
        (Some(l), Some(c)) => format!("longest run at most {l}; at least {c} crossings"),
        _ => "none (no useful points)".to_string(),
    };
    vec![
        ("Points", points_text(p.first, p.last)),
        ("Median", p.median.map_or_else(|| "none".to_string(), num)),
        ("Centre line the rules use", p.centre.map_or_else(|| "none".to_string(), num)),
        ("Useful observations", format!("{} ({} on the median, {} left out)", p.n_useful, p.n_on_centre, p.n_excluded)),
        ("Runs", opt(p.runs)),
        ("Runs table limits (IHI)", limits),
        ("Crossings", opt(p.crossings)),
        ("Longest run", opt(p.longest_run)),
        ("Anhøj limits", anhoej),
        ("Shifts (IHI)", stretches(&p.shifts)),
        ("Trends (IHI)", stretches(&p.trends)),
    ]
}

/// How the sandbox is reading its points, in words: the baseline sentence, then each phase
/// break as its 0-based point index with a sentence.
pub fn settings_text(input: &SandboxInput) -> (String, Vec<(usize, String)>) {
    let baseline = match input.config.baseline {
        Baseline::FirstN(n) => {
            format!("The median is frozen on the first {n} points and extended over the later ones.")
        }
        _ => "The median uses every point of its phase (no frozen baseline).".to_string(),
    };
    let phases = input
        .config
        .phases
        .iter()
        .filter_map(|b| match b.at {
            BreakAt::Index(i) => Some((i, format!("A new phase starts at point {}.", i + 1))),
            BreakAt::Date(_) => None,
        })
        .collect();
    (baseline, phases)
}

/// The value a pointer at height `y` (viewBox units) stands for, in whole days, never below 0.
pub fn value_at(model: &RunChartModel, y: f64) -> f64 {
    model.y_scale.invert(y).round().max(0.0)
}

/// Where a point added at `x` goes: the 0-based index after every point left of `x`.
pub fn insert_index_at(model: &RunChartModel, x: f64) -> usize {
    let n = model.markers.len();
    let pos = model.x_scale.invert(x);
    if pos <= 0.0 { 0 } else { (pos.ceil() as usize).saturating_sub(1).min(n) }
}

/// The 0-based index of the point whose marker is within reach of (`x`, `y`), if any.
pub fn marker_near(model: &RunChartModel, x: f64, y: f64) -> Option<usize> {
    let reach = 12.0_f64;
    model
        .markers
        .iter()
        .map(|m| (m, (m.x - x).hypot(m.y - y)))
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(m, _)| m.index - 1)
}

/// True when (`x`, `y`) is inside the run chart's plotting panel.
pub fn in_plot(model: &RunChartModel, x: f64, y: f64) -> bool {
    let f = model.run_panel.frame;
    x >= f.x && x <= f.right() && y >= f.y && y <= f.bottom()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::sandbox;
    use crate::runchart::RunChartConfig;

    #[test]
    fn routes_round_trip_and_clamp() {
        for r in [
            LearnScreen::Index,
            LearnScreen::Exercise(3),
            LearnScreen::Sandbox,
            LearnScreen::Facilitator(13),
            LearnScreen::Handout,
        ] {
            assert_eq!(LearnScreen::parse(&r.fragment(), 13), Some(r));
        }
        assert_eq!(LearnScreen::parse("#exercise-99", 13), Some(LearnScreen::Exercise(13)));
        assert_eq!(LearnScreen::parse("exercise-0", 13), Some(LearnScreen::Exercise(1)));
        assert_eq!(LearnScreen::parse("facilitator", 13), Some(LearnScreen::Facilitator(1)));
        assert_eq!(LearnScreen::parse("", 13), Some(LearnScreen::Index));
        assert_eq!(LearnScreen::parse("exercise-x", 13), None);
        assert_eq!(LearnScreen::parse("#main", 13), None);
    }

    /// Twelve points: 1..6 then 10 x 6. Worked by hand: sorted, the middle two are 6 and 10, so
    /// the median is 8; points 1 to 6 are below, 7 to 12 above: 2 runs, 1 crossing.
    fn twelve() -> SandboxView {
        let mut values: Vec<f64> = (1..=6).map(f64::from).collect();
        values.extend([10.0; 6]);
        sandbox(&values, &RunChartConfig::default())
    }

    #[test]
    fn rows_say_each_points_side_and_highlights() {
        let v = twelve();
        let Some(a) = v.analysis.as_ref() else { panic!("{:?}", v.error) };
        let rows = point_rows(a, &v.highlights);
        assert_eq!(rows.len(), 12);
        assert_eq!((rows[0].value.as_str(), rows[0].position), ("1", "below the median"));
        assert_eq!(rows[11].position, "above the median");
        assert_eq!(rows[0].phase, 1);
        // Points 1 to 6 are six in a row below the median: a shift (IHI), so point 1 is marked.
        assert!(rows[0].marks.contains("Shift (IHI)"), "{:?}", rows[0]);
    }

    #[test]
    fn facts_give_the_median_runs_and_limits() {
        let v = twelve();
        let facts = phase_facts(&v.phases[0]);
        let get = |k: &str| facts.iter().find(|(l, _)| *l == k).map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!(get("Median"), "8");
        assert_eq!(get("Runs"), "2");
        assert_eq!(get("Crossings"), "1");
        assert_eq!(get("Longest run"), "6");
        assert_eq!(get("Useful observations"), "12 (0 on the median, 0 left out)");
        // docs/runchart-rules.md#limits-table: n = 12 allows 3 to 11 runs (the Perla table); Anhøj allows a longest
        // run of 7 and needs at least 3 crossings.
        assert_eq!(get("Runs table limits (IHI)"), "3 to 11 runs");
        assert_eq!(get("Anhøj limits"), "longest run at most 7; at least 3 crossings");
        assert_eq!(get("Shifts (IHI)"), "points 1 to 6; points 7 to 12");
    }

    #[test]
    fn pointer_positions_map_to_points_and_values() {
        let v = twelve();
        let Some(spec) = sandbox_chart(&v) else { panic!("no chart") };
        let m = spec.build();
        let third = &m.markers[2];
        assert_eq!(marker_near(&m, third.x + 3.0, third.y - 3.0), Some(2));
        assert_eq!(value_at(&m, third.y), 3.0);
        // Half-way between points 3 and 4 a new point goes in as the fourth (index 3).
        assert_eq!(insert_index_at(&m, (m.markers[2].x + m.markers[3].x) / 2.0), 3);
        assert_eq!(insert_index_at(&m, m.markers[11].x + 5.0), 12);
        assert!(in_plot(&m, third.x, third.y));
        let marks = highlight_marks(&m, &v.highlights);
        assert_eq!(marks.len(), v.highlights.len());
        assert!(marks.iter().all(|k| k.rect.w > 0.0 && k.rect.h > 0.0));
        assert!(marks[0].label.text.starts_with("A: "), "{}", marks[0].label.text);
    }

    #[test]
    fn settings_are_said_in_words() {
        let i = SandboxInput { values: vec![1.0; 12], config: RunChartConfig::default() };
        assert_eq!(settings_text(&i).0, "The median uses every point of its phase (no frozen baseline).");
        let i = crate::learn::add_phase(&crate::learn::set_baseline_end(&i, Some(6)), 8, None);
        let (baseline, phases) = settings_text(&i);
        assert_eq!(baseline, "The median is frozen on the first 6 points and extended over the later ones.");
        assert_eq!(phases, vec![(8, "A new phase starts at point 9.".to_string())]);
    }
}
