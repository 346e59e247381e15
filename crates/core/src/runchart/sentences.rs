//! Plain-English sentences for signals, naming point numbers (1-based, as users count) and,
//! when the points are dated, their dates in UK format (dd/mm/yyyy).
//!
//! A signal's sentence says what changed, when, and whether for the better or worse, following
//! the rules in docs/runchart-rules.md#assessing-a-signals-direction. Example:
//! "From point 8 on, waits were longer: points 1 to 7 (children who reached the milestone between
//! 01/06/2018 and 01/05/2019) sit below the median of 30 days, the later points mostly above it.
//! This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::analysis::Assessment;
use super::centre::CentreKind;
use super::movement::RunPlace;
use super::rules::shift::Side;
use crate::dates::uk_date;
use crate::text::lower_first;

/// How sentences describe values and dates. `{from}`, `{to}` and `{date}` are replaced by dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    /// Unit after values, such as "days". `None` for plain numbers.
    pub unit: Option<String>,
    /// Describes the dates of several points, e.g. "dated {from} to {to}".
    pub dated_range: String,
    /// Describes the date of one point, e.g. "dated {date}".
    pub dated_one: String,
    /// Describes several points all dated the same day, e.g. "all dated {date}": a national
    /// cohort often has several children reach a milestone on one day.
    #[serde(default = "default_same_day")]
    pub dated_same_day: String,
    /// Says the values were higher, e.g. "values were higher" or "waits were longer".
    #[serde(default = "default_higher")]
    pub higher: String,
    /// Says the values were lower, e.g. "values were lower" or "waits were shorter".
    #[serde(default = "default_lower")]
    pub lower: String,
    /// Says the values rose point after point, e.g. "values grew steadily higher" or "waits grew
    /// steadily longer" (an IHI trend).
    #[serde(default = "default_rising")]
    pub rising: String,
    /// Says the values fell point after point, e.g. "waits grew steadily shorter".
    #[serde(default = "default_falling")]
    pub falling: String,
}

fn default_same_day() -> String {
    "all dated {date}".into()
}

fn default_higher() -> String {
    "values were higher".into()
}

fn default_lower() -> String {
    "values were lower".into()
}

fn default_rising() -> String {
    "values grew steadily higher".into()
}

fn default_falling() -> String {
    "values grew steadily lower".into()
}

impl Default for Wording {
    /// Neutral wording for any series.
    fn default() -> Self {
        Wording {
            unit: None,
            dated_range: "dated {from} to {to}".into(),
            dated_one: "dated {date}".into(),
            dated_same_day: default_same_day(),
            higher: default_higher(),
            lower: default_lower(),
            rising: default_rising(),
            falling: default_falling(),
        }
    }
}

impl Wording {
    /// Wording for permanence timescales: days taken, dated by when the child reached the end
    /// milestone.
    pub fn permanence_days() -> Wording {
        Wording {
            unit: Some("days".into()),
            dated_range: "children who reached the milestone between {from} and {to}".into(),
            dated_one: "the child who reached the milestone on {date}".into(),
            dated_same_day: "children who all reached the milestone on {date}".into(),
            higher: "waits were longer".into(),
            lower: "waits were shorter".into(),
            rising: "waits grew steadily longer".into(),
            falling: "waits grew steadily shorter".into(),
        }
    }

    /// "waits were longer" for values above, "waits were shorter" for values below.
    fn moved(&self, side: Side) -> &str {
        match side {
            Side::Above => &self.higher,
            Side::Below => &self.lower,
        }
    }

    /// A value with its unit: "182 days", "182.5 days", "3.25".
    pub fn value(&self, x: f64) -> String {
        let num = number(x);
        match &self.unit {
            Some(u) if x == 1.0 && u.ends_with('s') => format!("{num} {}", &u[..u.len() - 1]),
            Some(u) => format!("{num} {u}"),
            None => num,
        }
    }
}

/// A number without needless decimals: 182, 182.5, 0.33 (two decimals at most).
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "no value".into();
    }
    // Whole numbers and halves (every median of whole days) are written with integer
    // formatting: the exact float formatting below is slow in the browser, and a national
    // chart words thousands of signals. -0 keeps its sign, as `{:.0}` writes it.
    let negative = x.is_sign_negative();
    let (whole, half) = (x.abs().trunc(), x.abs().fract());
    if whole < 1e15 && (half == 0.0 || half == 0.5) {
        let sign = if negative { "-" } else { "" };
        let tail = if half == 0.5 { ".5" } else { "" };
        return format!("{sign}{}{tail}", whole as u64);
    }
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What a sentence needs to know about its phase.
pub(crate) struct Context<'a> {
    pub wording: &'a Wording,
    /// `Some(k)` (1-based) when the chart has more than one phase.
    pub phase_number: Option<usize>,
    pub centre: f64,
    pub centre_kind: CentreKind,
    pub n_useful: usize,
    /// The frozen baseline's first and last points (0-based) when its median is extended over
    /// later points, for sentences judged against it.
    pub frozen_baseline: Option<(usize, usize)>,
    /// Dates of every point of the series, by 0-based index.
    pub dates: &'a dyn Fn(usize) -> Option<NaiveDate>,
}

impl Context<'_> {
    fn centre_phrase(&self) -> String {
        match self.centre_kind {
            CentreKind::Median => format!("the median of {}", self.wording.value(self.centre)),
            CentreKind::Fixed => format!("the fixed centre line of {}", self.wording.value(self.centre)),
        }
    }

    fn centre_word(&self) -> &'static str {
        match self.centre_kind {
            CentreKind::Median => "median",
            CentreKind::Fixed => "centre line",
        }
    }

    /// "Points 14 to 20 (dated ...)" from 0-based indices.
    fn points(&self, first: usize, last: usize) -> String {
        let (a, b) = ((self.dates)(first), (self.dates)(last));
        if first == last {
            let when =
                a.map(|d| format!(" ({})", self.wording.dated_one.replace("{date}", &uk_date(d)))).unwrap_or_default();
            return format!("Point {}{when}", first + 1);
        }
        let when = match (a, b) {
            (Some(a), Some(b)) if a == b => {
                format!(" ({})", self.wording.dated_same_day.replace("{date}", &uk_date(a)))
            }
            (Some(a), Some(b)) => {
                format!(" ({})", self.wording.dated_range.replace("{from}", &uk_date(a)).replace("{to}", &uk_date(b)))
            }
            _ => String::new(),
        };
        format!("Points {} to {}{when}", first + 1, last + 1)
    }

    /// As [`Context::points`], starting in lower case for the middle of a sentence.
    fn points_lower(&self, first: usize, last: usize) -> String {
        lower_first(&self.points(first, last))
    }

    /// The line a run is judged against, for [`RunPlace::AgainstReference`]: "the fixed centre
    /// line of 30 days" or "the median of the baseline (points 1 to 12), 30 days, extended".
    fn reference_phrase(&self) -> String {
        match (self.centre_kind, self.frozen_baseline) {
            (CentreKind::Median, Some((a, b))) => format!(
                "the median of the baseline (points {} to {}), {}, extended",
                a + 1,
                b + 1,
                self.wording.value(self.centre)
            ),
            _ => self.centre_phrase(),
        }
    }

    /// Prefixes "In phase k, " when there are several phases.
    fn finish(&self, body: String) -> String {
        match self.phase_number {
            Some(k) => format!("In phase {k}, {}", lower_first(&body)),
            None => body,
        }
    }
}

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Above => "above",
        Side::Below => "below",
    }
}

/// The "which suggests ..." clause.
pub fn suggests(a: Assessment) -> &'static str {
    match a {
        Assessment::Improvement => "which suggests a real improvement",
        Assessment::Deterioration => "which suggests things have got worse",
        Assessment::Change => "which suggests a real change",
    }
}

fn on_centre_clause(ctx: &Context, skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => format!(", apart from 1 point on the {}", ctx.centre_word()),
        k => format!(", apart from {k} points on the {}", ctx.centre_word()),
    }
}

/// The closing words of a signal's sentence: "and an improvement", "and a deterioration", or
/// "a real change" when neither direction is better.
pub fn outcome(a: Assessment) -> &'static str {
    match a {
        Assessment::Improvement => "and an improvement",
        Assessment::Deterioration => "and a deterioration",
        Assessment::Change => "a real change",
    }
}

/// What a finding's sentence is made from, kept until the analysis knows which sentences are
/// wanted: every one for the run chart screen and reports, only those the verdict quotes for a
/// dashboard card ([`super::analysis::Words`]).
pub(crate) enum FindingWords {
    /// An IHI shift of at least `min_len` points.
    Shift { run: RunSignal, min_len: usize, a: Assessment },
    /// An Anhøj run of `len` useful points, longer than `max`.
    LongRun { run: RunSignal, len: usize, max: usize, a: Assessment },
    /// An IHI trend; `repeats` when repeated values inside it counted once.
    Trend { trend: super::rules::trend::Trend, repeats: bool, min_len: usize, a: Assessment },
    /// The IHI runs table: `count` runs against limits `lower` to `upper`.
    Runs { count: usize, lower: usize, upper: usize },
    /// A point the user marked as astronomical (0-based `index`).
    Astronomical { index: usize, note: String, a: Option<Assessment> },
    /// Anhøj: `crossings` against a minimum of `min`.
    FewCrossings { crossings: usize, min: usize },
}

impl FindingWords {
    /// The finding's sentence.
    pub(crate) fn sentence(&self, ctx: &Context) -> String {
        match self {
            FindingWords::Shift { run, min_len, a } => run_signal(ctx, run, &shift_rule(*min_len), *a),
            FindingWords::LongRun { run, len, max, a } => run_signal(ctx, run, &long_run_rule(ctx, *len, *max), *a),
            FindingWords::Trend { trend: t, repeats, min_len, a } => trend(ctx, t, *repeats, *min_len, *a),
            FindingWords::Runs { count, lower, upper } => runs(ctx, *count, *lower, *upper),
            FindingWords::Astronomical { index, note, a } => astronomical(ctx, *index, note, *a),
            FindingWords::FewCrossings { crossings, min } => few_crossings(ctx, *crossings, *min),
        }
    }
}

/// A run of useful points on one side of the centre line that makes a signal.
pub(crate) struct RunSignal {
    /// 0-based indices of the run's first and last useful points.
    pub first: usize,
    pub last: usize,
    pub side: Side,
    /// Points on the centre line inside the run's range.
    pub skipped: usize,
    pub place: RunPlace,
}

/// The sentence of a shift or a long run, in time order: what changed, from when, and which
/// way (docs/runchart-rules.md#assessing-a-signals-direction). `rule` names the signal and its
/// rule, as in "a shift (IHI rule: 6 or more points in a row on one side)".
pub(crate) fn run_signal(ctx: &Context, run: &RunSignal, rule: &str, a: Assessment) -> String {
    let side = side_word(run.side);
    let other = side_word(opposite(run.side));
    let pts = ctx.points_lower(run.first, run.last);
    let skipped = on_centre_clause(ctx, run.skipped);
    let outcome = match run.place {
        RunPlace::Period => "a change that did not last",
        _ => outcome(a),
    };
    let what = match run.place {
        RunPlace::AgainstReference => {
            format!("Against {}, {}: {pts} sit {side} it{skipped}", ctx.reference_phrase(), ctx.wording.moved(run.side))
        }
        RunPlace::FromHereOn => format!(
            "From point {} on, {}: {pts} sit {side} {}{skipped}",
            run.first + 1,
            ctx.wording.moved(run.side),
            ctx.centre_phrase()
        ),
        RunPlace::UntilHere { next } => format!(
            "From point {} on, {}: {pts} sit {side} {}{skipped}, the later points mostly {other} it",
            next + 1,
            ctx.wording.moved(opposite(run.side)),
            ctx.centre_phrase()
        ),
        RunPlace::Period => format!(
            "For a time, {}: {pts} sit {side} {}{skipped}; the later points do not stay {side} it",
            ctx.wording.moved(run.side),
            ctx.centre_phrase()
        ),
    };
    ctx.finish(format!("{what}. This is {rule}, {outcome}."))
}

/// The rule clause of an IHI shift.
pub(crate) fn shift_rule(min_len: usize) -> String {
    format!("a shift (IHI rule: {min_len} or more points in a row on one side)")
}

/// The rule clause of an Anhøj long run.
pub(crate) fn long_run_rule(ctx: &Context, len: usize, max: usize) -> String {
    format!(
        "an unusually long run (Anhøj rules: {len} useful points in a row, where with {} useful points a run longer than {max} is unlikely by chance)",
        ctx.n_useful
    )
}

fn opposite(side: Side) -> Side {
    match side {
        Side::Above => Side::Below,
        Side::Below => Side::Above,
    }
}

/// An IHI trend: which way it runs, over which points and when.
pub(crate) fn trend(
    ctx: &Context,
    t: &super::rules::trend::Trend,
    repeats: bool,
    min_len: usize,
    a: Assessment,
) -> String {
    let repeats = if repeats { ", counting repeated values once" } else { "" };
    let steadily = if t.rising { &ctx.wording.rising } else { &ctx.wording.falling };
    ctx.finish(format!(
        "{}: {steadily} over {} points{repeats}. This is a trend (IHI rule: {min_len} or more points all rising or all falling), {}.",
        ctx.points(t.first, t.last),
        t.len,
        outcome(a)
    ))
}

pub(crate) fn runs(ctx: &Context, count: usize, lower: usize, upper: usize) -> String {
    let plural = if count == 1 { "run" } else { "runs" };
    if count < lower {
        ctx.finish(format!(
            "There are only {count} {plural} about {} across {} useful points, fewer than the {lower} expected at least by chance: too few runs (IHI runs table), which suggests a real change.",
            ctx.centre_phrase(),
            ctx.n_useful
        ))
    } else {
        ctx.finish(format!(
            "There are {count} {plural} about {} across {} useful points, more than the {upper} expected at most by chance: too many runs (IHI runs table), which suggests the data may mix different groups or the process is being over-adjusted.",
            ctx.centre_phrase(),
            ctx.n_useful
        ))
    }
}

pub(crate) fn runs_not_covered(ctx: &Context) -> String {
    ctx.finish(format!(
        "With {} useful points the IHI runs table (10 to 60 points) does not apply, so the too-few or too-many runs rule was not checked.",
        ctx.n_useful
    ))
}

pub(crate) fn astronomical(ctx: &Context, index: usize, note: &str, a: Option<Assessment>) -> String {
    let note = if note.trim().is_empty() { String::new() } else { format!(" ({})", note.trim()) };
    let clause = a.map(|a| format!(", {}", suggests(a))).unwrap_or_default();
    ctx.finish(format!("{} was marked as an astronomical point{note}{clause}.", ctx.points(index, index)))
}

pub(crate) fn few_crossings(ctx: &Context, crossings: usize, min: usize) -> String {
    let times = if crossings == 1 { "once".to_string() } else { format!("{crossings} times") };
    ctx.finish(format!(
        "The points cross {} only {times}; with {} useful points fewer than {min} crossings is unlikely by chance: too few crossings (Anhøj rules), which suggests a real change.",
        ctx.centre_phrase(),
        ctx.n_useful
    ))
}

/// Said before the findings when a phase has signals pointing both ways.
pub(crate) fn mixed(ctx: &Context, improvements: usize, deteriorations: usize) -> String {
    let signals = |k: usize| if k == 1 { "1 signal".to_string() } else { format!("{k} signals") };
    ctx.finish(format!(
        "The picture is mixed: {} below point to an improvement and {} to a deterioration, so no single direction holds; read them in order of time.",
        signals(improvements),
        signals(deteriorations)
    ))
}

/// Said when one rule set finds a signal and the other does not: why, and which one the verdict
/// follows (docs/runchart-rules.md#when-the-rule-sets-disagree).
pub(crate) fn disagreement(ctx: &Context, ihi_found: bool) -> String {
    let n = ctx.n_useful;
    if ihi_found {
        let why = if n > 30 {
            format!(
                "on a series this long ({n} useful points) the IHI shift and trend rules often fire by chance, while Anhøj's limits grow with the number of points to keep the risk of a false signal near 5%"
            )
        } else {
            "the IHI rules look for fixed patterns (a shift of 6, a trend of 5) whatever the length, while Anhøj's limits grow with the number of points to keep the risk of a false signal near 5%".to_string()
        };
        ctx.finish(format!(
            "The rule sets disagree: the IHI rules find a signal and the Anhøj rules do not. This is common: {why}. The verdict follows the Anhøj rules: no clear signal yet."
        ))
    } else {
        ctx.finish(
            "The rule sets disagree: the Anhøj rules find a signal and the IHI rules do not. Anhøj's rules look at the runs and crossings of the whole phase, and can pick up a sustained change that falls short of an IHI shift or trend. The verdict follows the Anhøj rules."
                .into(),
        )
    }
}

pub(crate) fn no_signal_ihi(ctx: &Context) -> String {
    ctx.finish("No signal under the IHI rules: no shift, no trend and no unusual number of runs, so the variation looks random.".into())
}

pub(crate) fn no_signal_anhoej(ctx: &Context) -> String {
    ctx.finish("No signal under the Anhøj rules: no unusually long run and no unusually few crossings, so the variation looks random.".into())
}

pub(crate) fn too_few_points(ctx: &Context) -> String {
    let n = ctx.n_useful;
    let pts = if n == 1 { "point is" } else { "points are" };
    ctx.finish(format!(
        "Only {n} {pts} off the {} so far; the runs rules are not meaningful until there are at least 10, so treat these figures as provisional.",
        ctx.centre_word()
    ))
}

pub(crate) fn no_centre(ctx: &Context) -> String {
    ctx.finish(
        "There is no centre line because the baseline has no usable points, so the runs rules could not be applied."
            .into(),
    )
}

/// What is special about one point, in words, for the data tables behind the charts
/// ("on the centre line", "in a shift", "left out: <reason>").
pub fn point_notes(p: &super::analysis::PointResult) -> Vec<String> {
    let mut notes = Vec::new();
    if p.on_centre {
        notes.push("on the centre line".to_string());
    }
    if p.in_shift {
        notes.push("in a shift".to_string());
    }
    if p.in_trend {
        notes.push("in a trend".to_string());
    }
    if p.in_long_run {
        notes.push("in a long run".to_string());
    }
    if let Some(note) = &p.astronomical {
        notes.push(format!("astronomical point: {note}"));
    }
    if let Some(reason) = &p.excluded {
        notes.push(format!("left out: {reason}"));
    }
    notes
}

#[cfg(test)]
mod tests {
    #[test]
    fn point_notes_say_what_is_special_about_a_point() {
        use crate::runchart::{PointNote, RunChartConfig, Series, analyse};
        // 5, 1, 9 with point 3 left out: the median of 5 and 1 is 3, so no point sits on it;
        // left out point 3 says why. Without the exclusion the median is 5: point 1 is on it.
        let series = Series::from_values(&[5.0, 1.0, 9.0]);
        let plain = analyse(&series, &RunChartConfig::default()).unwrap();
        assert_eq!(super::point_notes(&plain.points[0]), vec!["on the centre line".to_string()]);
        assert!(super::point_notes(&plain.points[1]).is_empty());
        let config = RunChartConfig {
            excluded: vec![PointNote { index: 2, note: "typing error".into() }],
            ..RunChartConfig::default()
        };
        let left_out = analyse(&series, &config).unwrap();
        assert_eq!(super::point_notes(&left_out.points[2]), vec!["left out: typing error".to_string()]);
        assert!(super::point_notes(&left_out.points[0]).is_empty());
    }

    use super::*;

    #[test]
    fn numbers_and_values() {
        assert_eq!(number(182.0), "182");
        assert_eq!(number(182.5), "182.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-4.0), "-4");
        // By hand, the integer path against what `{:.0}` and `{:.2}` wrote before it.
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "-0");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(1e15), "1000000000000000");
        assert_eq!(number(2.25), "2.25");
        for x in [0.0_f64, 3.0, 7.5, -12.5, 999_999.5, 123_456_789.0, -1.0] {
            let before = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") };
            assert_eq!(number(x), before, "{x}");
        }
        let w = Wording::permanence_days();
        assert_eq!(w.value(182.0), "182 days");
        assert_eq!(w.value(1.0), "1 day");
        assert_eq!(Wording::default().value(2.5), "2.5");
    }

    fn ctx_with<'a>(w: &'a Wording, d: &'a dyn Fn(usize) -> Option<NaiveDate>) -> Context<'a> {
        Context {
            wording: w,
            phase_number: None,
            centre: 182.0,
            centre_kind: CentreKind::Median,
            n_useful: 30,
            frozen_baseline: None,
            dates: d,
        }
    }

    #[test]
    fn shift_sentences_follow_time() {
        let d = |i: usize| NaiveDate::from_ymd_opt(2021, 1, 1).map(|d| d + chrono::Days::new(i as u64 * 10));
        let w = Wording::permanence_days();
        let ctx = ctx_with(&w, &d);
        let rule = shift_rule(6);
        // Indices 13..=19 are points 14 to 20; dates 1 Jan 2021 + 130 days = 11/05/2021, + 190 = 10/07/2021.
        let run = |place| RunSignal { first: 13, last: 19, side: Side::Below, skipped: 0, place };
        assert_eq!(
            run_signal(&ctx, &run(RunPlace::FromHereOn), &rule, Assessment::Improvement),
            "From point 14 on, waits were shorter: points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) sit below the median of 182 days. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
        );
        // The same run followed by longer waits from point 22 (index 21).
        assert_eq!(
            run_signal(&ctx, &run(RunPlace::UntilHere { next: 21 }), &rule, Assessment::Deterioration),
            "From point 22 on, waits were longer: points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) sit below the median of 182 days, the later points mostly above it. This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."
        );
        assert_eq!(
            run_signal(&ctx, &run(RunPlace::Period), &rule, Assessment::Change),
            "For a time, waits were shorter: points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) sit below the median of 182 days; the later points do not stay below it. This is a shift (IHI rule: 6 or more points in a row on one side), a change that did not last."
        );
        // Against a frozen baseline of points 1 to 12 (indices 0..=11).
        let frozen = Context { frozen_baseline: Some((0, 11)), ..ctx_with(&w, &d) };
        assert_eq!(
            run_signal(&frozen, &run(RunPlace::AgainstReference), &rule, Assessment::Improvement),
            "Against the median of the baseline (points 1 to 12), 182 days, extended, waits were shorter: points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) sit below it. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
        );
        // Several phases: the phase comes first; an on-median point inside the run is named.
        let ctx2 = Context { phase_number: Some(2), ..ctx_with(&w, &d) };
        let above = RunSignal { first: 13, last: 19, side: Side::Above, skipped: 1, place: RunPlace::FromHereOn };
        assert_eq!(
            run_signal(&ctx2, &above, &rule, Assessment::Deterioration),
            "In phase 2, from point 14 on, waits were longer: points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) sit above the median of 182 days, apart from 1 point on the median. This is a shift (IHI rule: 6 or more points in a row on one side), and a deterioration."
        );
        // Points 14 to 20 all dated 11/05/2021: one day, not "between 11/05/2021 and 11/05/2021".
        let one_day = |_: usize| NaiveDate::from_ymd_opt(2021, 5, 11);
        assert_eq!(
            run_signal(&ctx_with(&w, &one_day), &run(RunPlace::FromHereOn), &rule, Assessment::Improvement),
            "From point 14 on, waits were shorter: points 14 to 20 (children who all reached the milestone on 11/05/2021) sit below the median of 182 days. This is a shift (IHI rule: 6 or more points in a row on one side), and an improvement."
        );
        // Only the first letter of an ordinary word is lowered; rule names keep their capitals.
        assert_eq!(
            no_signal_ihi(&ctx2),
            "In phase 2, no signal under the IHI rules: no shift, no trend and no unusual number of runs, so the variation looks random."
        );
        assert!(no_signal_anhoej(&ctx2).starts_with("In phase 2, no signal under the Anhøj rules"));
    }

    #[test]
    fn plain_series_and_neutral_direction_use_neutral_words() {
        let d = |_: usize| None;
        let w = Wording::default();
        let ctx = Context { centre: 3.5, ..ctx_with(&w, &d) };
        let run =
            RunSignal { first: 0, last: 5, side: Side::Above, skipped: 0, place: RunPlace::UntilHere { next: 7 } };
        assert_eq!(
            run_signal(&ctx, &run, &shift_rule(6), Assessment::Change),
            "From point 8 on, values were lower: points 1 to 6 sit above the median of 3.5, the later points mostly below it. This is a shift (IHI rule: 6 or more points in a row on one side), a real change."
        );
    }

    #[test]
    fn a_wording_saved_before_trend_wordings_existed_still_reads() {
        let w: Wording = serde_json::from_str(
            r#"{"unit":"days","dated_range":"from {from} to {to}","dated_one":"on {date}","higher":"waits were longer","lower":"waits were shorter"}"#,
        )
        .unwrap();
        assert_eq!(
            (w.rising.as_str(), w.falling.as_str()),
            ("values grew steadily higher", "values grew steadily lower")
        );
        assert_eq!(w.dated_same_day, "all dated {date}");
    }

    #[test]
    fn trend_sentences_say_which_way_and_when() {
        let d = |i: usize| NaiveDate::from_ymd_opt(2021, 3, 1).map(|d| d + chrono::Days::new(i as u64));
        let w = Wording::permanence_days();
        let ctx = ctx_with(&w, &d);
        let t = crate::runchart::rules::trend::Trend { first: 2, last: 8, rising: true, len: 6 };
        assert_eq!(
            trend(&ctx, &t, true, 5, Assessment::Deterioration),
            "Points 3 to 9 (children who reached the milestone between 03/03/2021 and 09/03/2021): waits grew steadily longer over 6 points, counting repeated values once. This is a trend (IHI rule: 5 or more points all rising or all falling), and a deterioration."
        );
        let falling = crate::runchart::rules::trend::Trend { rising: false, ..t };
        assert!(
            trend(&ctx, &falling, false, 5, Assessment::Improvement)
                .contains(": waits grew steadily shorter over 6 points. This is a trend")
        );
    }

    #[test]
    fn mixed_and_disagreement_sentences() {
        let d = |_: usize| None;
        let w = Wording::permanence_days();
        let ctx = Context { n_useful: 108, ..ctx_with(&w, &d) };
        assert_eq!(
            mixed(&ctx, 3, 1),
            "The picture is mixed: 3 signals below point to an improvement and 1 signal to a deterioration, so no single direction holds; read them in order of time."
        );
        assert_eq!(
            disagreement(&ctx, true),
            "The rule sets disagree: the IHI rules find a signal and the Anhøj rules do not. This is common: on a series this long (108 useful points) the IHI shift and trend rules often fire by chance, while Anhøj's limits grow with the number of points to keep the risk of a false signal near 5%. The verdict follows the Anhøj rules: no clear signal yet."
        );
        let short = Context { n_useful: 20, ..ctx_with(&w, &d) };
        assert!(
            disagreement(&short, true).contains("the IHI rules look for fixed patterns (a shift of 6, a trend of 5)")
        );
        assert!(disagreement(&short, false).starts_with("The rule sets disagree: the Anhøj rules find a signal"));
    }
}
