//! The sandbox: any series, read by the real engine, with every figure a participant needs and
//! each rule in one plain sentence, IHI and Anhøj side by side (docs/learn.md#the-sandbox).
//!
//! Nothing here decides a rule: the figures, findings and sentences come from
//! [`analyse`](crate::runchart::analyse), and the limits from `runchart::rules` (the same
//! functions the analysis calls). The editing helpers are pure: each returns a new input, with
//! the point numbers in the settings (phases, baseline, left-out and astronomical points) moved
//! to follow the points.

use serde::Serialize;

use super::{Highlight, engine_highlights};
use crate::runchart::rules::{anhoej, runs_table};
use crate::runchart::{
    Baseline, BreakAt, CentreKind, PhaseAnalysis, PhaseBreak, PointResult, RuleFamily, RunChartAnalysis,
    RunChartConfig, Series, SignalKind, Verdict, analyse,
};

/// What the sandbox is showing: the values and how they are read.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SandboxInput {
    pub values: Vec<f64>,
    pub config: RunChartConfig,
}

/// The IHI runs table's limits for a phase, or why it does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RunsLimits {
    /// Fewer runs than `lower`, or more than `upper`, is a signal.
    Covered { lower: usize, upper: usize },
    /// The table covers 10 to 60 useful points only.
    NotCovered { sentence: String },
}

/// One rule, for one phase, in one plain sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleLine {
    /// The rule's name: "Shift", "Trend", "Runs", "Astronomical point", "Longest run", "Crossings".
    pub rule: &'static str,
    pub family: RuleFamily,
    pub fired: bool,
    pub sentence: String,
    /// Point numbers (1-based) that make the signal; empty when it did not fire.
    pub points: Vec<usize>,
}

/// One phase's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SandboxPhase {
    /// 0-based.
    pub index: usize,
    /// First and last point numbers (1-based).
    pub first: usize,
    pub last: usize,
    pub median: Option<f64>,
    /// The line the rules use: the median, or a fixed centre.
    pub centre: Option<f64>,
    pub n_useful: usize,
    pub n_on_centre: usize,
    pub n_excluded: usize,
    /// False below 10 useful points.
    pub rules_meaningful: bool,
    pub runs: Option<usize>,
    pub crossings: Option<usize>,
    pub longest_run: Option<usize>,
    pub runs_limits: RunsLimits,
    /// Anhøj: a run longer than this is a signal (`None` with no useful points).
    pub longest_run_max: Option<usize>,
    /// Anhøj: fewer crossings than this is a signal.
    pub crossings_min: Option<usize>,
    /// IHI shifts and trends, as `[first, last]` point numbers.
    pub shifts: Vec<[usize; 2]>,
    pub trends: Vec<[usize; 2]>,
    /// Shift, trend, runs and astronomical point (empty when the IHI rules are not applied).
    pub ihi: Vec<RuleLine>,
    /// Longest run and crossings (empty when the Anhøj rules are not applied).
    pub anhoej: Vec<RuleLine>,
}

/// Everything the sandbox shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SandboxView {
    /// Why the series could not be analysed (for example a baseline of 0 points).
    pub error: Option<String>,
    pub phases: Vec<SandboxPhase>,
    pub verdict: Option<Verdict>,
    /// The engine's sentences, as the run chart screen shows them.
    pub sentences: Vec<String>,
    pub highlights: Vec<Highlight>,
    /// The full analysis, for the chart (`runchart::chart_spec`).
    pub analysis: Option<RunChartAnalysis>,
}

/// Reads `values` with `config` through the engine.
pub fn sandbox(values: &[f64], config: &RunChartConfig) -> SandboxView {
    match analyse(&Series::from_values(values), config) {
        Err(e) => SandboxView {
            error: Some(e.to_string()),
            phases: Vec::new(),
            verdict: None,
            sentences: Vec::new(),
            highlights: Vec::new(),
            analysis: None,
        },
        Ok(a) => SandboxView {
            error: None,
            phases: a.phases.iter().map(|p| phase_view(p, &a.points)).collect(),
            verdict: Some(a.verdict.clone()),
            sentences: a.signals.clone(),
            highlights: engine_highlights(&a),
            analysis: Some(a),
        },
    }
}

fn phase_view(p: &PhaseAnalysis, points: &[PointResult]) -> SandboxPhase {
    let n = p.n_useful;
    let runs_limits = match runs_table::runs_limits(n) {
        Some((lower, upper)) => RunsLimits::Covered { lower, upper },
        None => RunsLimits::NotCovered {
            sentence: format!(
                "The IHI runs table covers {} to {} useful points; with {n} it does not apply.",
                runs_table::TABLE_MIN_N,
                runs_table::TABLE_MAX_N
            ),
        },
    };
    let ihi = p.ihi.as_ref().map(|r| (r.shifts.clone(), r.trends.clone())).unwrap_or_default();
    SandboxPhase {
        index: p.index,
        first: p.first,
        last: p.last,
        median: p.median,
        centre: p.centre,
        n_useful: n,
        n_on_centre: p.n_on_centre,
        n_excluded: p.n_excluded,
        rules_meaningful: p.rules_meaningful,
        runs: p.crossings.map(|c| c + 1),
        crossings: p.crossings,
        longest_run: p.longest_run,
        longest_run_max: (n > 0).then(|| anhoej::longest_run_max(n)),
        crossings_min: (n > 0).then(|| anhoej::crossings_min(n)),
        shifts: ihi.0,
        trends: ihi.1,
        ihi: if p.ihi.is_some() { ihi_lines(p, points, &runs_limits) } else { Vec::new() },
        anhoej: if p.anhoej.is_some() { anhoej_lines(p, points) } else { Vec::new() },
        runs_limits,
    }
}

/// The engine's sentences for findings of `kind` in this phase, joined.
fn finding_sentences(p: &PhaseAnalysis, kind: SignalKind) -> Option<String> {
    let s: Vec<&str> = p.findings.iter().filter(|f| f.kind == kind).map(|f| f.sentence.as_str()).collect();
    (!s.is_empty()).then(|| s.join(" "))
}

/// Point numbers of the phase that satisfy `pick`.
fn phase_points(p: &PhaseAnalysis, points: &[PointResult], pick: impl Fn(&PointResult) -> bool) -> Vec<usize> {
    points.iter().filter(|q| q.phase == p.index && pick(q)).map(|q| q.number).collect()
}

fn line(rule: &'static str, family: RuleFamily, found: Option<String>, quiet: String, points: Vec<usize>) -> RuleLine {
    match found {
        Some(sentence) => RuleLine { rule, family, fired: true, sentence, points },
        None => RuleLine { rule, family, fired: false, sentence: quiet, points: Vec::new() },
    }
}

fn centre_word(p: &PhaseAnalysis) -> &'static str {
    match p.centre_kind {
        CentreKind::Median => "median",
        CentreKind::Fixed => "centre line",
    }
}

fn ihi_lines(p: &PhaseAnalysis, points: &[PointResult], limits: &RunsLimits) -> Vec<RuleLine> {
    let Some(r) = &p.ihi else { return Vec::new() };
    let ihi = RuleFamily::Ihi;
    let longest = p.longest_run.unwrap_or(0);
    let word = centre_word(p);
    let runs = p.crossings.map_or(0, |c| c + 1);
    let runs_quiet = match limits {
        RunsLimits::Covered { lower, upper } => {
            format!(
                "No runs signal: {runs} runs, within the {lower} to {upper} the runs table expects for {} useful points.",
                p.n_useful
            )
        }
        RunsLimits::NotCovered { sentence } => sentence.clone(),
    };
    let useful = |q: &PointResult| q.side.is_some();
    vec![
        line(
            "Shift",
            ihi,
            finding_sentences(p, SignalKind::Shift),
            format!(
                "No shift: the longest run is {longest} useful points, and a shift needs {} in a row on one side of the {word}.",
                r.shift_length
            ),
            phase_points(p, points, |q| q.in_shift),
        ),
        line(
            "Trend",
            ihi,
            finding_sentences(p, SignalKind::Trend),
            format!("No trend: no {} points in a row all rise or all fall.", r.trend_length),
            phase_points(p, points, |q| q.in_trend),
        ),
        line(
            "Runs",
            ihi,
            finding_sentences(p, SignalKind::TooFewRuns).or_else(|| finding_sentences(p, SignalKind::TooManyRuns)),
            runs_quiet,
            phase_points(p, points, useful),
        ),
        line(
            "Astronomical point",
            ihi,
            finding_sentences(p, SignalKind::Astronomical),
            "No point is marked as astronomical: that is a judgement you make, never a calculation.".into(),
            phase_points(p, points, |q| q.astronomical.is_some()),
        ),
    ]
}

fn anhoej_lines(p: &PhaseAnalysis, points: &[PointResult]) -> Vec<RuleLine> {
    let Some(r) = &p.anhoej else { return Vec::new() };
    let anhoej = RuleFamily::Anhoej;
    let n = p.n_useful;
    let word = centre_word(p);
    let (long_quiet, cross_quiet) = match (r.longest_run_max, r.crossings_min) {
        (Some(max), Some(min)) => (
            format!(
                "No unusually long run: the longest run is {} useful points, and with {n} useful points only a run longer than {max} would be.",
                p.longest_run.unwrap_or(0)
            ),
            format!(
                "Enough crossings: the points cross the {word} {} times, and with {n} useful points fewer than {min} would be a signal.",
                p.crossings.unwrap_or(0)
            ),
        ),
        _ => {
            let none = "No useful points, so the Anhøj rules cannot be applied.".to_string();
            (none.clone(), none)
        }
    };
    vec![
        line(
            "Longest run",
            anhoej,
            finding_sentences(p, SignalKind::LongRun),
            long_quiet,
            phase_points(p, points, |q| q.in_long_run),
        ),
        line(
            "Crossings",
            anhoej,
            finding_sentences(p, SignalKind::FewCrossings),
            cross_quiet,
            phase_points(p, points, |q| q.side.is_some()),
        ),
    ]
}

/// The text of the "Values" box read into numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ParsedValues {
    pub values: Vec<f64>,
    /// Entries that are not numbers, in order; they are left out of `values`.
    pub unreadable: Vec<Unreadable>,
}

/// An entry of the "Values" box that is not a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// 1-based line of the box.
    pub line: usize,
    /// The entry as typed (trimmed).
    pub text: String,
    pub message: String,
}

/// Reads the "Values" box: one number per line, or numbers separated by commas (semicolons and
/// tabs, as spreadsheets paste them, also separate). Blank entries are ignored; anything else
/// that is not a finite number is reported with its line, never dropped silently.
pub fn parse_values(text: &str) -> ParsedValues {
    let mut out = ParsedValues::default();
    for (i, line) in text.lines().enumerate() {
        for entry in line.split([',', ';', '\t']).map(str::trim).filter(|e| !e.is_empty()) {
            match entry.parse::<f64>() {
                Ok(v) if v.is_finite() => out.values.push(v),
                _ => out.unreadable.push(Unreadable {
                    line: i + 1,
                    text: entry.to_string(),
                    message: format!("line {}: \u{201c}{entry}\u{201d} is not a number, so it was left out", i + 1),
                }),
            }
        }
    }
    out
}

/// The values for the "Values" box, one per line.
pub fn values_text(values: &[f64]) -> String {
    values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("\n")
}

/// Moves every 0-based point index in the settings with `f`; `None` drops a left-out or
/// astronomical mark (its point was removed).
fn remap(config: &RunChartConfig, f: impl Fn(usize) -> Option<usize>) -> RunChartConfig {
    let mut c = config.clone();
    for b in &mut c.phases {
        if let BreakAt::Index(i) = b.at {
            b.at = BreakAt::Index(f(i).unwrap_or(i));
        }
    }
    for notes in [&mut c.excluded, &mut c.astronomical] {
        notes.retain_mut(|n| match f(n.index) {
            Some(i) => {
                n.index = i;
                true
            }
            None => false,
        });
    }
    c
}

/// Adds a point with `value` at 0-based `index` (at the end when `index` is past it). Points
/// after it, and the settings that name them, move up by one; a point added inside a frozen
/// baseline joins it, and one added at a phase's first position ends the phase before.
/// A value that is not a finite number changes nothing.
pub fn add_point(input: &SandboxInput, index: usize, value: f64) -> SandboxInput {
    if !value.is_finite() {
        return input.clone();
    }
    let index = index.min(input.values.len());
    let mut values = input.values.clone();
    values.insert(index, value);
    let mut config = remap(&input.config, |i| Some(if i >= index { i + 1 } else { i }));
    if let Baseline::FirstN(k) = config.baseline
        && index < k
    {
        config.baseline = Baseline::FirstN(k + 1);
    }
    SandboxInput { values, config }
}

/// Sets point `index`'s value (dragging it up or down). An index past the end or a value that is
/// not a finite number changes nothing.
pub fn move_point(input: &SandboxInput, index: usize, value: f64) -> SandboxInput {
    let mut out = input.clone();
    if let Some(v) = out.values.get_mut(index)
        && value.is_finite()
    {
        *v = value;
    }
    out
}

/// Removes point `index`. Later points, and the settings that name them, move down by one; marks
/// on the removed point go with it, and a frozen baseline keeps at least 1 point.
pub fn remove_point(input: &SandboxInput, index: usize) -> SandboxInput {
    if index >= input.values.len() {
        return input.clone();
    }
    let mut values = input.values.clone();
    values.remove(index);
    // A phase break on the removed point stays at `index`: it now starts at the point after it.
    let mut config = remap(&input.config, |i| match i.cmp(&index) {
        std::cmp::Ordering::Less => Some(i),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(i - 1),
    });
    if let Baseline::FirstN(k) = config.baseline
        && index < k
    {
        config.baseline = Baseline::FirstN((k - 1).max(1));
    }
    SandboxInput { values, config }
}

/// Moves the end of the first phase's baseline: `Some(n)` freezes the median on its first `n`
/// points (at least 1) and extends it; `None` uses every point.
pub fn set_baseline_end(input: &SandboxInput, points: Option<usize>) -> SandboxInput {
    let mut out = input.clone();
    out.config.baseline = match points {
        Some(n) => Baseline::FirstN(n.max(1)),
        None => Baseline::All,
    };
    out
}

/// Starts a new phase at 0-based point `index`, with an optional label. A phase already
/// starting there takes the new label.
pub fn add_phase(input: &SandboxInput, index: usize, label: Option<String>) -> SandboxInput {
    let mut out = input.clone();
    out.config.phases.retain(|b| b.at != BreakAt::Index(index));
    out.config.phases.push(PhaseBreak { label, ..PhaseBreak::at_index(index) });
    crate::order::sort_by_key(&mut out.config.phases, |b| match b.at {
        BreakAt::Index(i) => i,
        BreakAt::Date(_) => usize::MAX,
    });
    out
}

/// Removes the phase starting at 0-based point `index`, joining it to the phase before.
pub fn remove_phase(input: &SandboxInput, index: usize) -> SandboxInput {
    let mut out = input.clone();
    out.config.phases.retain(|b| b.at != BreakAt::Index(index));
    out
}
