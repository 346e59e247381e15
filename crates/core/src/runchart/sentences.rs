//! Plain-English sentences for signals, naming point numbers (1-based, as users count) and,
//! when the points are dated, their dates in UK format (dd/mm/yyyy).
//!
//! Example: "Points 14 to 20 (children who reached the milestone between 03/02/2021 and
//! 11/06/2021) are all below the median of 182 days: a shift (IHI rule: 6 or more points in a
//! row on one side), which suggests a real improvement."

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::analysis::Assessment;
use super::centre::CentreKind;
use super::rules::shift::Side;

/// How sentences describe values and dates. `{from}`, `{to}` and `{date}` are replaced by dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    /// Unit after values, such as "days". `None` for plain numbers.
    pub unit: Option<String>,
    /// Describes the dates of several points, e.g. "dated {from} to {to}".
    pub dated_range: String,
    /// Describes the date of one point, e.g. "dated {date}".
    pub dated_one: String,
}

impl Default for Wording {
    /// Neutral wording for any series.
    fn default() -> Self {
        Wording { unit: None, dated_range: "dated {from} to {to}".into(), dated_one: "dated {date}".into() }
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
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A UK date.
pub fn uk_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// What a sentence needs to know about its phase.
pub(crate) struct Context<'a> {
    pub wording: &'a Wording,
    /// `Some(k)` (1-based) when the chart has more than one phase.
    pub phase_number: Option<usize>,
    pub centre: f64,
    pub centre_kind: CentreKind,
    pub n_useful: usize,
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
            (Some(a), Some(b)) => {
                format!(" ({})", self.wording.dated_range.replace("{from}", &uk_date(a)).replace("{to}", &uk_date(b)))
            }
            _ => String::new(),
        };
        format!("Points {} to {}{when}", first + 1, last + 1)
    }

    /// Prefixes "In phase k, " when there are several phases.
    fn finish(&self, body: String) -> String {
        match self.phase_number {
            Some(k) => {
                let mut c = body.chars();
                let first = c.next().map(|f| f.to_lowercase().collect::<String>()).unwrap_or_default();
                format!("In phase {k}, {first}{}", c.as_str())
            }
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

pub(crate) fn shift(
    ctx: &Context,
    first: usize,
    last: usize,
    side: Side,
    skipped: usize,
    min_len: usize,
    a: Assessment,
) -> String {
    ctx.finish(format!(
        "{} are all {} {}{}: a shift (IHI rule: {min_len} or more points in a row on one side), {}.",
        ctx.points(first, last),
        side_word(side),
        ctx.centre_phrase(),
        on_centre_clause(ctx, skipped),
        suggests(a)
    ))
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn trend(
    ctx: &Context,
    first: usize,
    last: usize,
    rising: bool,
    len: usize,
    repeats: bool,
    min_len: usize,
    a: Assessment,
) -> String {
    let repeats = if repeats { ", counting repeated values once" } else { "" };
    ctx.finish(format!(
        "{} {} steadily over {len} points{repeats}: a trend (IHI rule: {min_len} or more points all rising or all falling), {}.",
        ctx.points(first, last),
        if rising { "rise" } else { "fall" },
        suggests(a)
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

pub(crate) fn long_run(
    ctx: &Context,
    first: usize,
    last: usize,
    side: Side,
    len: usize,
    max: usize,
    a: Assessment,
) -> String {
    ctx.finish(format!(
        "{} are {len} useful points in a row {} {}; with {} useful points a run longer than {max} is unlikely by chance: an unusually long run (Anhøj rules), {}.",
        ctx.points(first, last),
        side_word(side),
        ctx.centre_phrase(),
        ctx.n_useful,
        suggests(a)
    ))
}

pub(crate) fn few_crossings(ctx: &Context, crossings: usize, min: usize) -> String {
    let times = if crossings == 1 { "once".to_string() } else { format!("{crossings} times") };
    ctx.finish(format!(
        "The points cross {} only {times}; with {} useful points fewer than {min} crossings is unlikely by chance: too few crossings (Anhøj rules), which suggests a real change.",
        ctx.centre_phrase(),
        ctx.n_useful
    ))
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
        let w = Wording::permanence_days();
        assert_eq!(w.value(182.0), "182 days");
        assert_eq!(w.value(1.0), "1 day");
        assert_eq!(Wording::default().value(2.5), "2.5");
    }

    #[test]
    fn shift_sentence_in_the_documented_form() {
        let d = |i: usize| NaiveDate::from_ymd_opt(2021, 1, 1).map(|d| d + chrono::Days::new(i as u64 * 10));
        let w = Wording::permanence_days();
        let ctx = Context {
            wording: &w,
            phase_number: None,
            centre: 182.0,
            centre_kind: CentreKind::Median,
            n_useful: 30,
            dates: &d,
        };
        // Indices 13..=19 are points 14 to 20; dates 1 Jan 2021 + 130 days = 11/05/2021, + 190 = 10/07/2021.
        let s = shift(&ctx, 13, 19, Side::Below, 0, 6, Assessment::Improvement);
        assert_eq!(
            s,
            "Points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) are all below the median of 182 days: a shift (IHI rule: 6 or more points in a row on one side), which suggests a real improvement."
        );
        let ctx2 = Context { phase_number: Some(2), ..ctx };
        // Only the first letter of an ordinary word is lowered; rule names keep their capitals.
        assert_eq!(
            no_signal_ihi(&ctx2),
            "In phase 2, no signal under the IHI rules: no shift, no trend and no unusual number of runs, so the variation looks random."
        );
        assert!(no_signal_anhoej(&ctx2).starts_with("In phase 2, no signal under the Anhøj rules"));
        assert!(shift(&ctx2, 13, 19, Side::Above, 1, 6, Assessment::Deterioration)
            .starts_with("In phase 2, points 14 to 20 (children who reached the milestone between 11/05/2021 and 10/07/2021) are all above the median of 182 days, apart from 1 point on the median"));
    }
}
