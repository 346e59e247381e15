//! The whole run chart analysis: phases, centre lines, both rule sets, per-point flags for the
//! chart and sentences. Everything is O(n) in the number of points.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::centre::{self, Baseline, CentreKind};
use super::movement::SideCounts;
use super::phases::{self, PhaseBreak, PhaseRange};
use super::rules::shift::{self, Side, SideRun, SideRuns};
use super::rules::{anhoej, runs_table, trend};
use super::sentences::{self, Context, FindingWords, RunSignal, Wording};
use super::series::Series;

/// The useful-point count from which the runs rules are meaningful.
pub const MIN_USEFUL_FOR_RULES: usize = 10;

/// Which rule family to apply. Each verdict is labelled with its family; they are never merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSet {
    /// IHI / Perla, Provost and Murray (2011): shift, trend, runs table, astronomical point.
    Ihi,
    /// Anhøj (qicharts2): longest run and crossings.
    Anhoej,
    /// Both families, reported separately.
    #[default]
    Both,
}

impl RuleSet {
    /// True when the IHI rules are applied.
    pub fn ihi(self) -> bool {
        matches!(self, RuleSet::Ihi | RuleSet::Both)
    }
    /// True when the Anhøj rules are applied.
    pub fn anhoej(self) -> bool {
        matches!(self, RuleSet::Anhoej | RuleSet::Both)
    }
}

impl std::str::FromStr for RuleSet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "ihi" => Ok(RuleSet::Ihi),
            "anhoej" | "anhøj" | "anhoj" => Ok(RuleSet::Anhoej),
            "both" => Ok(RuleSet::Both),
            _ => Err(format!("'{s}' is not a rule set (use ihi, anhoej or both)")),
        }
    }
}

/// The single family that produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleFamily {
    Ihi,
    Anhoej,
}

/// Which way is better. For days taken, lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    LowerIsBetter,
    HigherIsBetter,
    /// Signals are described as changes, not improvements or deteriorations.
    Neutral,
}

impl std::str::FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "lower" | "lower_is_better" | "down" => Ok(Direction::LowerIsBetter),
            "higher" | "higher_is_better" | "up" => Ok(Direction::HigherIsBetter),
            "neutral" | "none" => Ok(Direction::Neutral),
            _ => Err(format!("'{s}' is not a direction (use lower, higher or neutral)")),
        }
    }
}

impl Direction {
    /// The assessment of a signal that moves the values down (`false`) or up (`true`).
    pub fn assess(self, up: bool) -> Assessment {
        match (self, up) {
            (Direction::Neutral, _) => Assessment::Change,
            (Direction::LowerIsBetter, false) | (Direction::HigherIsBetter, true) => Assessment::Improvement,
            _ => Assessment::Deterioration,
        }
    }
}

/// What a signal means for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    Improvement,
    Deterioration,
    /// A real change without a better/worse direction (neutral series, or a signal such as too
    /// few crossings that has no side).
    Change,
}

/// A note attached to one point: an exclusion reason or an astronomical-point annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointNote {
    /// 0-based point index (point number `index + 1`).
    pub index: usize,
    pub note: String,
}

/// Everything the analysis can be told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunChartConfig {
    pub rules: RuleSet,
    pub direction: Direction,
    /// Baseline of the first phase. Later phases carry their own in [`PhaseBreak::baseline`].
    pub baseline: Baseline,
    /// Where new phases start.
    pub phases: Vec<PhaseBreak>,
    /// A fixed centre line (for example a target) used instead of the median in every phase.
    pub fixed_centre: Option<f64>,
    /// IHI shift length, 6 (published) to 8.
    pub shift_length: usize,
    /// IHI trend length, 5 (published) to 7.
    pub trend_length: usize,
    /// Points the user excluded, with the reason. They stay in the output, flagged.
    pub excluded: Vec<PointNote>,
    /// Points the user marked as astronomical (IHI rule 4 is a judgement, never computed).
    pub astronomical: Vec<PointNote>,
    pub wording: Wording,
    /// Which findings get a sentence. Not saved: it is the caller's, not the user's, choice.
    #[serde(skip)]
    pub words: Words,
}

/// Which findings an analysis words. Wording is most of the analysis's time on a long series
/// with many signals, and a dashboard card shows only the verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Words {
    /// Every finding has its sentence (the run chart screen, reports, the CLI).
    #[default]
    Every,
    /// Only the findings the verdict may quote have a sentence: in the latest phase, the latest
    /// finding of each rule set and direction. The others' `sentence` is empty and they are left
    /// out of the phase's `signals`; the verdict is the same as with [`Words::Every`].
    VerdictOnly,
}

impl Default for RunChartConfig {
    fn default() -> Self {
        RunChartConfig {
            rules: RuleSet::Both,
            direction: Direction::LowerIsBetter,
            baseline: Baseline::All,
            phases: Vec::new(),
            fixed_centre: None,
            shift_length: 6,
            trend_length: 5,
            excluded: Vec::new(),
            astronomical: Vec::new(),
            wording: Wording::default(),
            words: Words::Every,
        }
    }
}

/// Why a configuration cannot be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunChartError {
    ShiftLength(usize),
    TrendLength(usize),
    /// A frozen baseline of zero points.
    EmptyFreeze,
    FixedCentreNotFinite,
    /// A date-based option was used but this point (1-based) has no date.
    NeedsDates {
        what: String,
        point: usize,
    },
    /// A date-based option was used but this point (1-based) is dated before the one before it.
    DatesOutOfOrder {
        point: usize,
    },
    /// An excluded or astronomical point number (1-based) beyond the series.
    NoSuchPoint {
        what: &'static str,
        point: usize,
    },
}

impl fmt::Display for RunChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunChartError::ShiftLength(k) => write!(f, "the shift length must be 6, 7 or 8 points (got {k})"),
            RunChartError::TrendLength(k) => write!(f, "the trend length must be 5, 6 or 7 points (got {k})"),
            RunChartError::EmptyFreeze => write!(f, "a frozen baseline needs at least 1 point"),
            RunChartError::FixedCentreNotFinite => write!(f, "the fixed centre line must be a number"),
            RunChartError::NeedsDates { what, point } => {
                write!(f, "{what} needs every point dated, but point {point} has no date")
            }
            RunChartError::DatesOutOfOrder { point } => {
                write!(f, "point {point} is dated before the point before it; put the points in date order")
            }
            RunChartError::NoSuchPoint { what, point } => write!(f, "there is no point {point} to mark as {what}"),
        }
    }
}

impl std::error::Error for RunChartError {}

/// The kind of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// IHI: shift_length or more useful points in a row on one side.
    Shift,
    /// IHI: trend_length or more points all rising or all falling.
    Trend,
    /// IHI: fewer runs than the table's lower limit.
    TooFewRuns,
    /// IHI: more runs than the table's upper limit.
    TooManyRuns,
    /// IHI: a user-marked astronomical point.
    Astronomical,
    /// Anhøj: a run longer than round(log2 n) + 3.
    LongRun,
    /// Anhøj: fewer crossings than qbinom(0.05, n - 1, 0.5).
    FewCrossings,
}

/// One signal, labelled with its rule family, with a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub rule_set: RuleFamily,
    pub kind: SignalKind,
    /// 0-based phase index.
    pub phase: usize,
    /// First and last point numbers (1-based) the signal covers, when it has a range.
    pub first: Option<usize>,
    pub last: Option<usize>,
    pub assessment: Assessment,
    pub sentence: String,
}

/// The Anhøj verdict for one phase (statistics `None` when there are no useful points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnhoejResult {
    /// round(log2 n_useful) + 3: a longer run is a signal.
    pub longest_run_max: Option<usize>,
    /// qbinom(0.05, n_useful - 1, 0.5): fewer crossings is a signal.
    pub crossings_min: Option<usize>,
    pub long_run_signal: bool,
    pub crossings_signal: bool,
    /// Either of the two.
    pub signal: bool,
}

/// The IHI runs test for one phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IhiRuns {
    /// crossings + 1 (`None` with no useful points).
    pub count: Option<usize>,
    /// Table limits, `None` when the table does not cover n_useful.
    pub lower: Option<usize>,
    pub upper: Option<usize>,
    /// False when n_useful is outside 10..=60, the table's range: then there is no signal.
    pub covered: bool,
    pub signal: bool,
}

/// The IHI verdict for one phase. Ranges are `[first, last]` point numbers (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IhiResult {
    /// Each shift from its first to its last useful point; on-centre points between them are
    /// inside the range but do not count towards its length.
    pub shifts: Vec<[usize; 2]>,
    pub trends: Vec<[usize; 2]>,
    pub runs: IhiRuns,
    /// Point numbers the user marked as astronomical.
    pub astronomical: Vec<usize>,
    pub shift_length: usize,
    pub trend_length: usize,
    /// Any IHI signal: a shift, a trend, the runs test or an astronomical point.
    pub signal: bool,
}

/// The points that set a phase's centre line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaselineInfo {
    pub kind: Baseline,
    /// Positional range of the baseline (1-based point numbers).
    pub first: usize,
    pub last: usize,
    /// Points that entered the median (not excluded, with a value).
    pub n: usize,
    /// True when the baseline ends before the phase does: the median is extended (dashed).
    pub extended: bool,
}

/// One phase's analysis. The field names are the CLI's JSON keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseAnalysis {
    /// 0-based phase index.
    pub index: usize,
    pub label: Option<String>,
    /// First and last point numbers (1-based).
    pub first: usize,
    pub last: usize,
    /// Median of the baseline points (reported even when a fixed centre is used).
    pub median: Option<f64>,
    /// The line the rules use: the median, or the fixed centre.
    pub centre: Option<f64>,
    pub centre_kind: CentreKind,
    pub baseline: BaselineInfo,
    /// Points in the phase, including excluded ones.
    pub n: usize,
    pub n_excluded: usize,
    pub n_on_centre: usize,
    /// Points neither excluded nor on the centre line.
    pub n_useful: usize,
    /// False below 10 useful points: figures are reported but are not yet meaningful.
    pub rules_meaningful: bool,
    pub longest_run: Option<usize>,
    pub crossings: Option<usize>,
    /// `None` when the Anhøj rules were not selected.
    pub anhoej: Option<AnhoejResult>,
    /// `None` when the IHI rules were not selected.
    pub ihi: Option<IhiResult>,
    pub findings: Vec<Signal>,
    /// Plain sentences: the findings, then notes such as "no signal" or "too few points".
    pub signals: Vec<String>,
}

/// Per-point output for the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointResult {
    /// 1-based point number.
    pub number: usize,
    /// The value (null in JSON when missing).
    pub value: f64,
    pub date: Option<chrono::NaiveDate>,
    pub label: Option<String>,
    pub id: Option<String>,
    /// 0-based phase index.
    pub phase: usize,
    /// The phase's centre line.
    pub centre: Option<f64>,
    /// Side of the centre line; `None` when on it, excluded or without a centre.
    pub side: Option<Side>,
    pub on_centre: bool,
    /// The exclusion reason ("no value" for a missing value).
    pub excluded: Option<String>,
    /// True when the point entered the phase's median (false with a fixed centre).
    pub is_baseline: bool,
    /// Counted in an IHI shift (on-centre points inside a shift's range are not flagged).
    pub in_shift: bool,
    /// Inside an IHI trend (repeats inside included; excluded points are not).
    pub in_trend: bool,
    /// Counted in an Anhøj run longer than the limit.
    pub in_long_run: bool,
    /// The user's astronomical-point note.
    pub astronomical: Option<String>,
    /// The point's signal, if any: shift or long run first, then trend, then astronomical.
    pub signal: Option<Assessment>,
}

/// The result of [`analyse`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunChartAnalysis {
    pub rules: RuleSet,
    pub direction: Direction,
    pub phases: Vec<PhaseAnalysis>,
    pub points: Vec<PointResult>,
    /// Every sentence, phase by phase, then general notes.
    pub signals: Vec<String>,
    /// Notes about the configuration (for example a phase date after the last point).
    pub notes: Vec<String>,
    /// What the latest phase shows, under the rule set the verdict follows.
    pub verdict: super::verdict::Verdict,
}

impl RunChartAnalysis {
    /// True when any phase has a finding under the selected rules.
    pub fn any_signal(&self) -> bool {
        self.phases.iter().any(|p| !p.findings.is_empty())
    }
}

fn validate(series: &Series, cfg: &RunChartConfig) -> Result<(), RunChartError> {
    if !(6..=8).contains(&cfg.shift_length) {
        return Err(RunChartError::ShiftLength(cfg.shift_length));
    }
    if !(5..=7).contains(&cfg.trend_length) {
        return Err(RunChartError::TrendLength(cfg.trend_length));
    }
    if cfg.fixed_centre.is_some_and(|c| !c.is_finite()) {
        return Err(RunChartError::FixedCentreNotFinite);
    }
    let baselines = std::iter::once(cfg.baseline).chain(cfg.phases.iter().map(|p| p.baseline));
    for b in baselines {
        match b {
            Baseline::FirstN(0) => return Err(RunChartError::EmptyFreeze),
            Baseline::UpTo(_) => phases::require_dated_in_order(series, "a baseline up to a date")?,
            _ => {}
        }
    }
    for (what, list) in [("excluded", &cfg.excluded), ("astronomical", &cfg.astronomical)] {
        if let Some(p) = list.iter().find(|p| p.index >= series.len()) {
            return Err(RunChartError::NoSuchPoint { what, point: p.index + 1 });
        }
    }
    Ok(())
}

/// Analyses a series: splits it into phases, sets each phase's centre line and applies the
/// selected rules to each phase separately. O(n) time and memory.
pub fn analyse(series: &Series, cfg: &RunChartConfig) -> Result<RunChartAnalysis, RunChartError> {
    validate(series, cfg)?;
    let n = series.len();
    let (ranges, notes) = phases::split(series, cfg.baseline, &cfg.phases)?;

    // Exclusions: the user's, then missing values.
    let mut excluded: Vec<Option<String>> = vec![None; n];
    for e in &cfg.excluded {
        excluded[e.index] = Some(e.note.clone());
    }
    for (i, p) in series.points.iter().enumerate() {
        if !p.value.is_finite() && excluded[i].is_none() {
            excluded[i] = Some("no value".into());
        }
    }
    let mut astronomical: Vec<Option<String>> = vec![None; n];
    for a in &cfg.astronomical {
        astronomical[a.index] = Some(a.note.clone());
    }

    let mut points: Vec<PointResult> = series
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| PointResult {
            number: i + 1,
            value: p.value,
            date: p.date,
            label: p.label.clone(),
            id: p.id.clone(),
            phase: 0,
            centre: None,
            side: None,
            on_centre: false,
            excluded: excluded[i].take(),
            is_baseline: false,
            in_shift: false,
            in_trend: false,
            in_long_run: false,
            astronomical: astronomical[i].take(),
            signal: None,
        })
        .collect();

    let multi = ranges.len() > 1;
    let mut phases_out = Vec::with_capacity(ranges.len());
    for (k, r) in ranges.iter().enumerate() {
        let latest = k + 1 == ranges.len();
        phases_out.push(analyse_phase(series, cfg, (k, r), multi, latest, &mut points));
    }

    let mut signals: Vec<String> = phases_out.iter().flat_map(|p| p.signals.iter().cloned()).collect();
    signals.extend(notes.iter().cloned());
    let verdict = super::verdict::verdict(cfg.rules, &phases_out);
    Ok(RunChartAnalysis {
        rules: cfg.rules,
        direction: cfg.direction,
        phases: phases_out,
        points,
        signals,
        notes,
        verdict,
    })
}

fn baseline_end(series: &Series, r: &PhaseRange) -> usize {
    match r.baseline {
        Baseline::All => r.end,
        Baseline::FirstN(k) => r.start + k.min(r.end - r.start),
        Baseline::UpTo(d) => {
            r.start + series.points[r.start..r.end].partition_point(|p| p.date.is_some_and(|pd| pd <= d))
        }
    }
}

/// Phase `k` (its range `r`). `multi` when the chart has several phases, `latest` for the last,
/// whose findings the verdict reads.
fn analyse_phase(
    series: &Series,
    cfg: &RunChartConfig,
    (k, r): (usize, &PhaseRange),
    multi: bool,
    latest: bool,
    points: &mut [PointResult],
) -> PhaseAnalysis {
    let pts = &mut points[r.start..r.end];
    let b_end = baseline_end(series, r);

    // Centre line: the median of the baseline's usable points, or the user's fixed value.
    let mut base_values: Vec<f64> = (r.start..b_end)
        .filter(|&i| points_ok(&series.points[i].value, &pts[i - r.start].excluded))
        .map(|i| series.points[i].value)
        .collect();
    let baseline_n = base_values.len();
    let median = centre::median(&mut base_values);
    let (centre, centre_kind) = match cfg.fixed_centre {
        Some(c) => (Some(c), CentreKind::Fixed),
        None => (median, CentreKind::Median),
    };
    let (n_excluded, n_on_centre) = set_sides(pts, k, r.start, b_end, centre, centre_kind);
    let runs = shift::side_runs(pts.iter().enumerate().filter_map(|(j, p)| p.side.map(|s| (r.start + j, s))));
    let n_useful = runs.n_useful;

    let dates = |i: usize| series.points.get(i).and_then(|p| p.date);
    let ctx = Context {
        wording: &cfg.wording,
        phase_number: multi.then_some(k + 1),
        centre: centre.unwrap_or(f64::NAN),
        centre_kind,
        n_useful,
        frozen_baseline: (centre_kind == CentreKind::Median && b_end < r.end && b_end > r.start)
            .then(|| (r.start, b_end - 1)),
        dates: &dates,
    };
    let frame = Frame {
        cfg,
        k,
        start: r.start,
        end: r.end,
        b_end,
        centre_kind,
        counts: SideCounts::new(pts.iter().map(|p| p.side)),
    };
    let mut found: Vec<Found> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let ihi = cfg.rules.ihi().then(|| ihi_rules(&frame, &ctx, &runs, pts, &mut found, &mut notes));
    let anhoej_res = cfg.rules.anhoej().then(|| anhoej_rules(&frame, &runs, pts, &mut found));
    // Each rule set's findings in order of time, so the sentences read as a story.
    crate::order::sort_by_key(&mut found, |f| (f.0.rule_set == RuleFamily::Anhoej, f.0.first.unwrap_or(usize::MAX)));
    let findings = word_findings(&ctx, found, cfg.words, latest);
    let rules_meaningful = n_useful >= MIN_USEFUL_FOR_RULES;
    let verdicts =
        Verdicts { has_centre: centre.is_some(), rules_meaningful, ihi: ihi.as_ref(), anhoej: anhoej_res.as_ref() };
    let signals = phase_sentences(&ctx, &verdicts, &findings, notes);

    PhaseAnalysis {
        index: k,
        label: r.label.clone(),
        first: r.start + 1,
        last: r.end,
        median,
        centre,
        centre_kind,
        baseline: BaselineInfo {
            kind: r.baseline,
            first: r.start + 1,
            last: b_end,
            n: baseline_n,
            extended: b_end < r.end,
        },
        n: r.end - r.start,
        n_excluded,
        n_on_centre,
        n_useful,
        rules_meaningful,
        longest_run: (n_useful > 0).then_some(runs.longest),
        crossings: (n_useful > 0).then_some(runs.crossings),
        anhoej: anhoej_res,
        ihi,
        findings,
        signals,
    }
}

/// What the rules of one phase need besides its points.
struct Frame<'a> {
    cfg: &'a RunChartConfig,
    /// 0-based phase index.
    k: usize,
    /// The phase's points are series indices `start..end`; its baseline's are `start..b_end`.
    start: usize,
    end: usize,
    b_end: usize,
    centre_kind: CentreKind,
    counts: SideCounts,
}

/// A finding with what its sentence is made from, before it is worded.
type Found = (Signal, FindingWords);

/// The findings in order, worded as `words` asks: every one, or for [`Words::VerdictOnly`] in
/// the latest phase the latest of each rule set and direction, which are all the verdict can
/// quote (it takes the latest of one direction, or of several; see `verdict::latest_sentence`).
fn word_findings(ctx: &Context, found: Vec<Found>, words: Words, latest: bool) -> Vec<Signal> {
    let quoted = match words {
        Words::VerdictOnly if latest => super::digest::latest_of_each_kind(found.iter().map(|f| &f.0)),
        _ => Vec::new(),
    };
    found
        .into_iter()
        .enumerate()
        .map(|(i, (mut signal, how))| {
            if words == Words::Every || quoted.contains(&i) {
                signal.sentence = how.sentence(ctx);
            }
            signal
        })
        .collect()
}

impl Frame<'_> {
    /// A finding, not yet worded.
    fn signal(
        &self,
        kind: SignalKind,
        range: Option<(usize, usize)>,
        assessment: Assessment,
        words: FindingWords,
    ) -> Found {
        let rule_set = match kind {
            SignalKind::LongRun | SignalKind::FewCrossings => RuleFamily::Anhoej,
            _ => RuleFamily::Ihi,
        };
        let signal = Signal {
            rule_set,
            kind,
            phase: self.k,
            first: range.map(|(a, _)| a + 1),
            last: range.map(|(_, b)| b + 1),
            assessment,
            sentence: String::new(),
        };
        (signal, words)
    }

    /// A run of useful points placed in time: judged against a reference line when the centre
    /// is fixed or the run reaches past a frozen baseline, otherwise by what came before and
    /// after it (docs/runchart-rules.md#assessing-a-signals-direction).
    fn run_signal(&self, pts: &[PointResult], run: &SideRun) -> RunSignal {
        let skipped = pts[run.first - self.start..=run.last - self.start].iter().filter(|p| p.on_centre).count();
        let reference = self.centre_kind == CentreKind::Fixed || (self.b_end < self.end && run.last >= self.b_end);
        let place = self.counts.place(run.first - self.start, run.last - self.start, run.side, reference, self.start);
        RunSignal { first: run.first, last: run.last, side: run.side, skipped, place }
    }
}

/// Sets each point's phase, centre and side; returns the excluded and on-centre counts.
fn set_sides(
    pts: &mut [PointResult],
    k: usize,
    start: usize,
    b_end: usize,
    centre: Option<f64>,
    centre_kind: CentreKind,
) -> (usize, usize) {
    let (mut n_excluded, mut n_on_centre) = (0, 0);
    for (j, p) in pts.iter_mut().enumerate() {
        p.phase = k;
        p.centre = centre;
        if p.excluded.is_some() {
            n_excluded += 1;
            continue;
        }
        p.is_baseline = centre_kind == CentreKind::Median && start + j < b_end;
        if let Some(c) = centre {
            if p.value > c {
                p.side = Some(Side::Above);
            } else if p.value < c {
                p.side = Some(Side::Below);
            } else {
                p.on_centre = true;
                n_on_centre += 1;
            }
        }
    }
    (n_excluded, n_on_centre)
}

/// The IHI rules over one phase: shifts, trends, the runs table and astronomical points.
fn ihi_rules(
    f: &Frame,
    ctx: &Context,
    runs: &SideRuns,
    pts: &mut [PointResult],
    findings: &mut Vec<Found>,
    notes: &mut Vec<String>,
) -> IhiResult {
    let cfg = f.cfg;
    let mut shifts_out = Vec::new();
    for run in shift::shifts(runs, cfg.shift_length) {
        let rs = f.run_signal(pts, run);
        let a = rs.place.assess(run.side, cfg.direction);
        for p in points_slice(pts, f.start, run.first, run.last).iter_mut().filter(|p| p.side.is_some()) {
            p.in_shift = true;
            p.signal = Some(a);
        }
        shifts_out.push([run.first + 1, run.last + 1]);
        let words = FindingWords::Shift { run: rs, min_len: cfg.shift_length, a };
        findings.push(f.signal(SignalKind::Shift, Some((run.first, run.last)), a, words));
    }
    let trends_out = ihi_trends(f, pts, findings);
    let limits = runs_table::runs_limits(runs.n_useful);
    let count = (runs.n_useful > 0).then_some(runs.crossings + 1);
    let mut runs_signal = false;
    if let (Some(count), Some((lo, hi))) = (count, limits) {
        if count < lo || count > hi {
            runs_signal = true;
            let kind = if count < lo { SignalKind::TooFewRuns } else { SignalKind::TooManyRuns };
            let words = FindingWords::Runs { count, lower: lo, upper: hi };
            findings.push(f.signal(kind, None, Assessment::Change, words));
        }
    } else if runs.n_useful > runs_table::TABLE_MAX_N {
        notes.push(sentences::runs_not_covered(ctx));
    }
    let astro = ihi_astronomical(f, pts, findings);
    let any = !shifts_out.is_empty() || !trends_out.is_empty() || runs_signal || !astro.is_empty();
    IhiResult {
        shifts: shifts_out,
        trends: trends_out,
        runs: IhiRuns {
            count,
            lower: limits.map(|l| l.0),
            upper: limits.map(|l| l.1),
            covered: limits.is_some(),
            signal: runs_signal,
        },
        astronomical: astro,
        shift_length: cfg.shift_length,
        trend_length: cfg.trend_length,
        signal: any,
    }
}

fn ihi_trends(f: &Frame, pts: &mut [PointResult], findings: &mut Vec<Found>) -> Vec<[usize; 2]> {
    let trend_points =
        pts.iter().enumerate().filter(|(_, p)| p.excluded.is_none()).map(|(j, p)| (f.start + j, p.value));
    let mut out = Vec::new();
    for t in trend::trends(trend_points, f.cfg.trend_length) {
        let a = f.cfg.direction.assess(t.rising);
        let mut inside = 0;
        for p in points_slice(pts, f.start, t.first, t.last).iter_mut().filter(|p| p.excluded.is_none()) {
            inside += 1;
            p.in_trend = true;
            p.signal.get_or_insert(a);
        }
        out.push([t.first + 1, t.last + 1]);
        let words = FindingWords::Trend { trend: t, repeats: inside > t.len, min_len: f.cfg.trend_length, a };
        findings.push(f.signal(SignalKind::Trend, Some((t.first, t.last)), a, words));
    }
    out
}

fn ihi_astronomical(f: &Frame, pts: &mut [PointResult], findings: &mut Vec<Found>) -> Vec<usize> {
    let mut astro = Vec::new();
    for (j, p) in pts.iter_mut().enumerate() {
        let Some(note) = p.astronomical.clone() else { continue };
        let i = f.start + j;
        // A single point: its side against the centre line says whether it is better or worse.
        let a = p.side.map(|s| f.cfg.direction.assess(s == Side::Above));
        p.signal.get_or_insert(a.unwrap_or(Assessment::Change));
        astro.push(i + 1);
        let words = FindingWords::Astronomical { index: i, note, a };
        findings.push(f.signal(SignalKind::Astronomical, Some((i, i)), a.unwrap_or(Assessment::Change), words));
    }
    astro
}

/// The Anhøj rules over one phase: the longest run and the number of crossings.
fn anhoej_rules(f: &Frame, runs: &SideRuns, pts: &mut [PointResult], findings: &mut Vec<Found>) -> AnhoejResult {
    let n_useful = runs.n_useful;
    if n_useful == 0 {
        return AnhoejResult {
            longest_run_max: None,
            crossings_min: None,
            long_run_signal: false,
            crossings_signal: false,
            signal: false,
        };
    }
    let max = anhoej::longest_run_max(n_useful);
    let min = anhoej::crossings_min(n_useful);
    let long = runs.longest > max;
    let few = runs.crossings < min;
    for run in runs.runs.iter().filter(|run| run.len > max) {
        let rs = f.run_signal(pts, run);
        let a = rs.place.assess(run.side, f.cfg.direction);
        for p in points_slice(pts, f.start, run.first, run.last).iter_mut().filter(|p| p.side.is_some()) {
            p.in_long_run = true;
            if p.signal.is_none() || !p.in_shift {
                p.signal = Some(a);
            }
        }
        let words = FindingWords::LongRun { run: rs, len: run.len, max, a };
        findings.push(f.signal(SignalKind::LongRun, Some((run.first, run.last)), a, words));
    }
    if few {
        let words = FindingWords::FewCrossings { crossings: runs.crossings, min };
        findings.push(f.signal(SignalKind::FewCrossings, None, Assessment::Change, words));
    }
    AnhoejResult {
        longest_run_max: Some(max),
        crossings_min: Some(min),
        long_run_signal: long,
        crossings_signal: few,
        signal: long || few,
    }
}

/// What a phase's sentences need to know about its verdicts.
struct Verdicts<'a> {
    has_centre: bool,
    rules_meaningful: bool,
    ihi: Option<&'a IhiResult>,
    anhoej: Option<&'a AnhoejResult>,
}

/// A phase's sentences in reading order: a caveat about the figures (so nobody reads a
/// provisional signal without it), a summary when the signals point both ways, the findings,
/// why the rule sets disagree, then the notes.
fn phase_sentences(ctx: &Context, v: &Verdicts, findings: &[Signal], mut notes: Vec<String>) -> Vec<String> {
    let caveat = if !v.has_centre {
        Some(sentences::no_centre(ctx))
    } else if !v.rules_meaningful {
        Some(sentences::too_few_points(ctx))
    } else {
        None
    };
    let count = |a: Assessment| findings.iter().filter(|f| f.assessment == a).count();
    let (better, worse) = (count(Assessment::Improvement), count(Assessment::Deterioration));
    let mixed = (better > 0 && worse > 0).then(|| sentences::mixed(ctx, better, worse));
    let mut disagreement = None;
    if v.has_centre {
        if v.ihi.is_some_and(|r| !r.signal) {
            notes.push(sentences::no_signal_ihi(ctx));
        }
        if v.anhoej.is_some_and(|r| !r.signal) && ctx.n_useful > 0 {
            notes.push(sentences::no_signal_anhoej(ctx));
        }
        if let (Some(i), Some(a)) = (v.ihi, v.anhoej)
            && v.rules_meaningful
            && i.signal != a.signal
        {
            disagreement = Some(sentences::disagreement(ctx, i.signal));
        }
    }
    caveat
        .into_iter()
        .chain(mixed)
        // Unworded findings (see `Words::VerdictOnly`) are left out.
        .chain(findings.iter().filter(|f| !f.sentence.is_empty()).map(|f| f.sentence.clone()))
        .chain(disagreement)
        .chain(notes)
        .collect()
}

fn points_ok(v: &f64, excluded: &Option<String>) -> bool {
    v.is_finite() && excluded.is_none()
}

/// The points from 0-based series index `first` to `last` inclusive, within a phase slice that
/// starts at `offset`.
fn points_slice(pts: &mut [PointResult], offset: usize, first: usize, last: usize) -> &mut [PointResult] {
    &mut pts[first - offset..=last - offset]
}
