//! Learn: run chart exercises, a sandbox and a printable handout, all on the same engine as the
//! real analysis (docs/learn.md).
//!
//! - [`exercises`]: the exercises, as data. Each has a synthetic story about permanence, a
//!   series, the [`RunChartConfig`] to read it with, a question, answer options and the points
//!   to highlight. Every option carries a [`Claim`] the engine can check, and the tests require
//!   that exactly the correct option's claim holds on the engine's analysis, and that the
//!   highlights are exactly the engine's findings, so the content cannot drift from the rules
//!   (docs/runchart-rules.md).
//! - [`check_answer`]: whether an answer is right, the explanation and what to highlight.
//! - [`sandbox`](sandbox::sandbox): the figures and rules of any series, IHI and Anhøj side by
//!   side, with pure editing helpers for the values box and the chart.
//! - [`handout_html`]: the A4 handout (rules, limits tables, exercises, answer sheet).
//!
//! Nothing here keeps state: progress is the caller's.

mod exercises;
pub mod handout;
pub mod page;
pub mod sandbox;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::chart::{RunChartSpec, runchart_model::WaitingSpec, svg::run_chart_svg};
use crate::runchart::{
    Assessment, RuleFamily, RunChartAnalysis, RunChartConfig, RunChartError, Series, SignalKind, VerdictStatus,
    analyse, chart_spec,
};

pub use exercises::exercises;
pub use handout::{handout_body, handout_html};
pub use sandbox::{
    ParsedValues, RuleLine, RunsLimits, SandboxInput, SandboxPhase, SandboxView, Unreadable, add_phase, add_point,
    move_point, parse_values, remove_phase, remove_point, sandbox, set_baseline_end, values_text,
};

/// What an exercise teaches. The list of topics is the list of variants; a test checks
/// that each is taught by at least one exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// What the median is and why a run chart uses it.
    Median,
    /// Useful observations, and points on the median.
    UsefulObservations,
    /// IHI shift.
    Shift,
    /// IHI trend.
    Trend,
    /// IHI too few or too many runs, with the runs table.
    Runs,
    /// Astronomical points (and data-entry errors that look like them).
    Astronomical,
    /// Anhøj's longest run and crossings.
    AnhoejRules,
    /// Why Anhøj's limits grow with the number of points.
    LimitsGrowWithN,
    /// Freezing a baseline median and extending it.
    FrozenBaseline,
    /// Phases after a test of change.
    Phases,
    /// One point per child, ordered by the end milestone.
    OnePointPerChild,
    /// What the waiting bars add.
    WaitingBars,
    /// Too few points for the rules.
    TooFewPoints,
    /// Why the rule sets can disagree, and each one's risk of a false signal on long series.
    RuleSetsDisagree,
}

impl Topic {
    /// Every topic, in teaching order.
    pub const ALL: [Topic; 14] = [
        Topic::Median,
        Topic::UsefulObservations,
        Topic::Shift,
        Topic::Trend,
        Topic::Runs,
        Topic::Astronomical,
        Topic::AnhoejRules,
        Topic::LimitsGrowWithN,
        Topic::FrozenBaseline,
        Topic::Phases,
        Topic::OnePointPerChild,
        Topic::WaitingBars,
        Topic::TooFewPoints,
        Topic::RuleSetsDisagree,
    ];

    /// The topic in a few plain words.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Median => "the median",
            Topic::UsefulObservations => "useful observations and points on the median",
            Topic::Shift => "shifts",
            Topic::Trend => "trends",
            Topic::Runs => "runs and the runs table",
            Topic::Astronomical => "astronomical points",
            Topic::AnhoejRules => "Anhøj's longest run and crossings",
            Topic::LimitsGrowWithN => "why Anhøj's limits grow with the number of points",
            Topic::FrozenBaseline => "freezing and extending a baseline",
            Topic::Phases => "phases after a test of change",
            Topic::OnePointPerChild => "one point per child, ordered by the end milestone",
            Topic::WaitingBars => "what the waiting bars add",
            Topic::TooFewPoints => "too few points",
            Topic::RuleSetsDisagree => "when the rule sets disagree",
        }
    }
}

/// Something an answer says about a chart, checked against the engine's analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "claim")]
pub enum Claim {
    /// The chart's verdict (latest phase; it follows the Anhøj rules when both sets are applied).
    Verdict { status: VerdictStatus },
    /// Some phase has a finding of this kind (and this assessment, when given).
    Finds { kind: SignalKind, assessment: Option<Assessment> },
    /// No phase has a finding from this rule family.
    NoSignal { family: RuleFamily },
    /// The centre line of a phase (0-based) is this value.
    Median { phase: usize, value: f64 },
    /// A phase has this many useful observations.
    Useful { phase: usize, n: usize },
    /// A phase has this many runs about its centre line.
    Runs { phase: usize, count: usize },
    /// The chart has this many points.
    Points { n: usize },
    /// Point `point` (1-based) is left out of the median and the rules.
    Excluded { point: usize },
    /// This many children still waiting have waited longer than any child on the run chart.
    WaitingBeyondAll { n: usize },
    /// Every one of these holds.
    All { claims: Vec<Claim> },
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerOption {
    pub text: String,
    /// What the option says about the chart, so the tests can check it against the engine.
    pub claim: Claim,
}

/// The rule (or reason) that makes a highlighted stretch of points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HighlightRule {
    /// IHI shift.
    Shift,
    /// IHI trend.
    Trend,
    /// IHI too few runs (the whole phase).
    TooFewRuns,
    /// IHI too many runs (the whole phase).
    TooManyRuns,
    /// IHI astronomical point, marked by the user.
    Astronomical,
    /// Anhøj unusually long run.
    LongRun,
    /// Anhøj too few crossings (the whole phase).
    FewCrossings,
    /// A point left out of the median and the rules (by the user, or with no value).
    Excluded,
}

impl HighlightRule {
    /// The rule family, `None` for an excluded point.
    pub fn family(self) -> Option<RuleFamily> {
        match self {
            HighlightRule::LongRun | HighlightRule::FewCrossings => Some(RuleFamily::Anhoej),
            HighlightRule::Excluded => None,
            _ => Some(RuleFamily::Ihi),
        }
    }

    /// A label that names the family: "Shift (IHI)", "Unusually long run (Anhøj)".
    pub fn label(self) -> &'static str {
        match self {
            HighlightRule::Shift => "Shift (IHI)",
            HighlightRule::Trend => "Trend (IHI)",
            HighlightRule::TooFewRuns => "Too few runs (IHI)",
            HighlightRule::TooManyRuns => "Too many runs (IHI)",
            HighlightRule::Astronomical => "Astronomical point (IHI)",
            HighlightRule::LongRun => "Unusually long run (Anhøj)",
            HighlightRule::FewCrossings => "Too few crossings (Anhøj)",
            HighlightRule::Excluded => "Left out",
        }
    }
}

impl From<SignalKind> for HighlightRule {
    fn from(k: SignalKind) -> Self {
        match k {
            SignalKind::Shift => HighlightRule::Shift,
            SignalKind::Trend => HighlightRule::Trend,
            SignalKind::TooFewRuns => HighlightRule::TooFewRuns,
            SignalKind::TooManyRuns => HighlightRule::TooManyRuns,
            SignalKind::Astronomical => HighlightRule::Astronomical,
            SignalKind::LongRun => HighlightRule::LongRun,
            SignalKind::FewCrossings => HighlightRule::FewCrossings,
        }
    }
}

/// Points to highlight: `first` to `last` (1-based point numbers, as people count) in phase
/// `phase` (0-based), made by `rule`. Rules about a whole phase (runs, crossings) cover it all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Highlight {
    pub phase: usize,
    pub first: usize,
    pub last: usize,
    pub rule: HighlightRule,
}

impl Highlight {
    pub fn new(rule: HighlightRule, first: usize, last: usize) -> Highlight {
        Highlight { phase: 0, first, last, rule }
    }
}

/// One exercise. Built by [`exercises`], which numbers them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exercise {
    pub number: usize,
    /// "Exercise N: ...".
    pub title: String,
    /// A short synthetic story about permanence (no real children).
    pub story: String,
    pub topics: Vec<Topic>,
    /// The points in chart order (one per child).
    pub series: Series,
    /// How the series is read: rule sets, baseline, phases, direction, exclusions.
    pub config: RunChartConfig,
    /// Days waited so far by children still waiting, for the waiting bars; empty for none.
    pub waiting: Vec<f64>,
    /// The end milestone, for the x-axis title.
    pub end_milestone: String,
    pub question: String,
    pub options: Vec<AnswerOption>,
    /// Index into `options` of the right answer.
    pub correct: usize,
    pub explanation: String,
    /// What to highlight once answered: exactly the engine's findings (tested).
    pub highlights: Vec<Highlight>,
}

impl Exercise {
    /// The engine's analysis of the exercise's series.
    pub fn analysis(&self) -> Result<RunChartAnalysis, RunChartError> {
        analyse(&self.series, &self.config)
    }
}

/// What to tell a participant after an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feedback {
    pub correct: bool,
    /// Whether the answer was right, the right answer, and why.
    pub explanation: String,
    /// The points that make each finding, to highlight on the chart.
    pub highlights: Vec<Highlight>,
    /// The text of the right option.
    pub answer: String,
    /// The engine's own sentences for the chart, as the real analysis would show them.
    pub sentences: Vec<String>,
}

/// Checks answer `chosen` (an index into the options). An index with no option is a wrong
/// answer, and the feedback says so.
pub fn check_answer(exercise: &Exercise, chosen: usize) -> Feedback {
    let answer = exercise.options.get(exercise.correct).map(|o| o.text.clone()).unwrap_or_default();
    let correct = chosen == exercise.correct;
    let opening = if correct {
        format!("Right: {answer}.")
    } else {
        match exercise.options.get(chosen) {
            Some(o) => format!("Not quite. You chose \u{201c}{}\u{201d}; the answer is: {answer}.", o.text),
            None => format!("There is no option {}. The answer is: {answer}.", chosen + 1),
        }
    };
    let sentences = exercise.analysis().map(|a| a.signals).unwrap_or_default();
    Feedback {
        correct,
        explanation: format!("{opening} {}", exercise.explanation),
        highlights: exercise.highlights.clone(),
        answer,
        sentences,
    }
}

/// Every finding of an analysis as highlights, plus its excluded points, in order. This is what
/// an exercise's highlights must equal, and what the sandbox highlights.
pub fn engine_highlights(analysis: &RunChartAnalysis) -> Vec<Highlight> {
    let mut out = Vec::new();
    for phase in &analysis.phases {
        for f in &phase.findings {
            out.push(Highlight {
                phase: phase.index,
                first: f.first.unwrap_or(phase.first),
                last: f.last.unwrap_or(phase.last),
                rule: f.kind.into(),
            });
        }
    }
    for p in analysis.points.iter().filter(|p| p.excluded.is_some()) {
        out.push(Highlight { phase: p.phase, first: p.number, last: p.number, rule: HighlightRule::Excluded });
    }
    out.sort();
    out
}

/// True when `claim` holds for the exercise's chart, as analysed by the engine.
pub fn claim_holds(claim: &Claim, exercise: &Exercise, a: &RunChartAnalysis) -> bool {
    let phase = |k: usize| a.phases.get(k);
    match claim {
        Claim::Verdict { status } => a.verdict.status == *status,
        Claim::Finds { kind, assessment } => a
            .phases
            .iter()
            .flat_map(|p| &p.findings)
            .any(|f| f.kind == *kind && assessment.is_none_or(|x| x == f.assessment)),
        Claim::NoSignal { family } => !a.phases.iter().flat_map(|p| &p.findings).any(|f| f.rule_set == *family),
        Claim::Median { phase: k, value } => phase(*k).and_then(|p| p.centre).is_some_and(|c| (c - value).abs() < 1e-9),
        Claim::Useful { phase: k, n } => phase(*k).is_some_and(|p| p.n_useful == *n),
        Claim::Runs { phase: k, count } => phase(*k).and_then(|p| p.crossings).is_some_and(|c| c + 1 == *count),
        Claim::Points { n } => a.points.len() == *n,
        Claim::Excluded { point } => a.points.get(point.wrapping_sub(1)).is_some_and(|p| p.excluded.is_some()),
        Claim::WaitingBeyondAll { n } => {
            let longest = a.points.iter().filter(|p| p.value.is_finite()).map(|p| p.value).fold(f64::MIN, f64::max);
            exercise.waiting.iter().filter(|&&w| w > longest).count() == *n
        }
        Claim::All { claims } => claims.iter().all(|c| claim_holds(c, exercise, a)),
    }
}

/// The exercise's run chart, as the chart model's plain-data input. With `reveal` false (while
/// the question is open, and on the handout) the signal markers are cleared and the median's
/// label gives no value, so the chart does not give the answer away.
pub fn exercise_chart(exercise: &Exercise, reveal: bool) -> Option<RunChartSpec> {
    let analysis = exercise.analysis().ok()?;
    let id = format!("learn-ex{}", exercise.number);
    let mut spec = chart_spec(&analysis, &id, &exercise.title, &exercise.end_milestone);
    if !exercise.waiting.is_empty() {
        spec.waiting = Some(
            exercise
                .waiting
                .iter()
                .enumerate()
                .map(|(i, &days)| WaitingSpec { child_id: format!("W{}", i + 1), days, start: None })
                .collect(),
        );
    }
    if !reveal {
        for p in &mut spec.points {
            p.flags.in_shift = false;
            p.flags.in_trend = false;
            p.flags.signal = None;
        }
        for c in &mut spec.centre_lines {
            let word = if c.baseline_last < c.last { "Baseline median" } else { "Median" };
            c.label = Some(word.to_string());
        }
    }
    Some(spec)
}

/// The exercise's run chart as a standalone SVG document (see [`exercise_chart`]).
pub fn exercise_svg(exercise: &Exercise, reveal: bool) -> Option<String> {
    exercise_chart(exercise, reveal).map(|s| run_chart_svg(&s.build()))
}
