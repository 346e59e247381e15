//! The dashboard card of one stage, as a view model: its status (with a word and a shape, never
//! colour alone), the verdict sentence, the median of those who completed beside the median
//! counting everyone still waiting, whether the latest children met the target, long waits
//! worth checking, and a small run chart drawn from the same analysis as the full one.
//!
//! The app lays this out; nothing here reads the clock or the browser
//! (docs/architecture.md#the-core-owns-the-view-model).

use serde::Serialize;

use crate::analysis::StageSummary;
use crate::runchart::sentences::number;
use crate::runchart::{RunChartAnalysis, VerdictStatus};

/// Waiting longer than this many days (three years) is flagged as worth checking: such waits
/// are often a missing end date rather than a real wait (docs/domain.md#long-waits).
pub const LONG_WAIT_DAYS: i64 = 3 * 365;

/// How many of the most recent completed children the "latest" line looks at.
pub const LATEST_CHILDREN: usize = 10;

/// The small run chart on a card: geometry only, in a `width` x `height` box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sparkline {
    pub width: f64,
    pub height: f64,
    /// The points: one short vertical stroke per pixel column (from the lowest to the highest
    /// value in that column), or a dot where a column holds one point. One path, however many
    /// children.
    pub points_path: String,
    /// Each phase's centre line.
    pub median_path: String,
    /// The target, as a horizontal line (dashed by the stylesheet).
    pub target_path: Option<String>,
    /// What the chart shows, for screen readers.
    pub description: String,
}

/// One figure on a card: its label and its value in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardFigure {
    pub label: &'static str,
    pub value: String,
    /// A stable hook for tests and styling ("complete-n", "median", ...).
    pub key: &'static str,
}

/// Everything a stage's card shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageCard {
    pub status: VerdictStatus,
    /// "Signal of improvement", "No signal", ...
    pub status_label: &'static str,
    /// A symbol for the status that does not rely on colour.
    pub status_symbol: &'static str,
    pub verdict: String,
    pub figures: Vec<CardFigure>,
    /// Which median the verdict uses, in words.
    pub verdict_basis: &'static str,
    /// "Latest 10 children: 6 within the 182-day target." `None` without a target or children.
    pub latest: Option<String>,
    /// Children waiting longer than [`LONG_WAIT_DAYS`], in a sentence, when there are any.
    pub long_waits: Option<String>,
    /// The time-to-event sentence (Kaplan-Meier, counting everyone still waiting).
    pub km_sentence: String,
    /// Who the stage counts, in plain English (docs/domain.md#aim-4-population).
    pub population: &'static str,
    /// Notes about the figures (recommended before accommodation, not collected in this format).
    pub notes: Vec<String>,
    pub sparkline: Option<Sparkline>,
}

/// A symbol per status, shown beside its word.
pub fn status_symbol(s: VerdictStatus) -> &'static str {
    match s {
        VerdictStatus::Improvement => "▼",
        VerdictStatus::Deterioration => "▲",
        VerdictStatus::Change => "◆",
        VerdictStatus::Mixed => "◇",
        VerdictStatus::NoSignal => "●",
        VerdictStatus::TooFewPoints => "○",
        VerdictStatus::NoData => "–",
    }
}

/// Days in words: "182 days", "64.5 days", "1 day", or a dash.
pub fn days_text(v: Option<f64>) -> String {
    match v {
        Some(1.0) => "1 day".into(),
        Some(d) => format!("{} days", number(d)),
        None => "–".into(),
    }
}

/// A share as a whole percentage ("67%"), or a dash when there is nothing to share.
pub fn percent_text(part: usize, whole: usize) -> String {
    if whole == 0 { "–".into() } else { format!("{:.0}%", 100.0 * part as f64 / whole as f64) }
}

/// The card of a stage. `analysis` is its run chart analysis (`None` when it could not be
/// built); `spark` is the small chart's box (width, height).
pub fn stage_card(s: &StageSummary, analysis: Option<&RunChartAnalysis>, spark: (f64, f64)) -> StageCard {
    let (status, verdict) = match analysis {
        Some(a) => (a.verdict.status, a.verdict.sentence.clone()),
        None => (VerdictStatus::NoData, "No completed children yet, so there is no run chart.".into()),
    };
    StageCard {
        status,
        status_label: status.label(),
        status_symbol: status_symbol(status),
        verdict,
        figures: figures(s),
        verdict_basis: "The verdict reads the run chart of the children who completed.",
        latest: latest_line(s),
        long_waits: long_waits(s),
        km_sentence: s.km.sentence(s.end_milestone),
        population: s.population,
        notes: s.notes(),
        sparkline: analysis.filter(|a| !a.points.is_empty()).map(|a| sparkline(s, a, spark)),
    }
}

fn figures(s: &StageSummary) -> Vec<CardFigure> {
    let within = match (s.complete.within_target, s.target_days) {
        (Some(w), Some(_)) => format!("{} ({w} of {})", percent_text(w, s.complete.n), s.complete.n),
        _ => "No target".into(),
    };
    let over = s.waiting.over_target.map(|o| format!(", {o} past the {}", s.id.target_name())).unwrap_or_default();
    let km = &s.km;
    let km_median = match (km.median, km.median_lower, km.median_upper) {
        (Some(m), lo, hi) => {
            let ci = |v: Option<f64>| v.map(number).unwrap_or_else(|| "not reached".into());
            format!("{} (95% CI {} to {})", days_text(Some(m)), ci(lo), ci(hi))
        }
        (None, _, _) if km.n == 0 => "–".into(),
        (None, _, _) => "Not reached: fewer than half have completed".into(),
    };
    let mut out = vec![
        CardFigure { label: "Completed", value: s.complete.n.to_string(), key: "complete-n" },
        CardFigure { label: "Median of those completed", value: days_text(s.complete.median_days), key: "median" },
    ];
    // England's stages: the adoption scorecard's own figure beside the median.
    if let Some(sc) = &s.scorecard {
        out.push(CardFigure {
            label: "Scorecard figure (three-year mean, adopted children)",
            value: days_text(sc.mean_days),
            key: "scorecard",
        });
    }
    out.extend([
        CardFigure { label: "Median counting those still waiting", value: km_median, key: "km-median" },
        CardFigure {
            label: if s.id.target_name() == "target" { "Within target" } else { "Within the former threshold" },
            value: within,
            key: "within",
        },
        CardFigure { label: "Still waiting", value: format!("{}{over}", s.waiting.n), key: "waiting-n" },
        CardFigure {
            label: "Longest wait",
            value: days_text(s.waiting.longest_days.map(|d| d as f64)),
            key: "longest",
        },
    ]);
    if s.missing_implied.n > 0 {
        out.push(CardFigure { label: "Missing but implied", value: s.missing_implied.n.to_string(), key: "implied" });
    }
    out
}

/// How many of the latest children (by the date they reached the end) met the target.
fn latest_line(s: &StageSummary) -> Option<String> {
    let target = s.target_days?;
    let n = s.points.len().min(LATEST_CHILDREN);
    if n == 0 {
        return None;
    }
    // Points are in chart order: the latest are at the end.
    let met = s.points[s.points.len() - n..].iter().filter(|p| p.days <= target).count();
    let who = if n == 1 { "The latest child".to_string() } else { format!("Latest {n} children") };
    Some(format!("{who}: {met} within the {target}-day {}.", s.id.target_name()))
}

fn long_waits(s: &StageSummary) -> Option<String> {
    let k = s.waiting_bars.iter().filter(|b| b.days_waiting > LONG_WAIT_DAYS).count();
    match k {
        0 => None,
        1 => Some(
            "1 child has waited over 3 years for this stage: worth checking for a data problem, such as an end date not recorded.".into(),
        ),
        k => Some(format!(
            "{k} children have waited over 3 years for this stage: worth checking for data problems, such as end dates not recorded."
        )),
    }
}

/// The small run chart: points, each phase's centre line and the target, on one y scale from 0.
pub fn sparkline(s: &StageSummary, a: &RunChartAnalysis, (width, height): (f64, f64)) -> Sparkline {
    let values: Vec<f64> = a.points.iter().map(|p| p.value).collect();
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let centres = a.phases.iter().filter_map(|p| p.centre);
    let target = s.target_days.map(|t| t as f64);
    let top = finite.chain(centres).chain(target).fold(1.0_f64, f64::max) * 1.05;
    let pad = 2.0;
    let n = values.len().max(1);
    let x = |i: usize| if n == 1 { width / 2.0 } else { pad + (width - 2.0 * pad) * i as f64 / (n - 1) as f64 };
    let y = |v: f64| pad + (height - 2.0 * pad) * (1.0 - v / top);
    let points_path = column_strokes(&values, &x, &y);
    let mut median_path = String::new();
    for p in &a.phases {
        if let Some(c) = p.centre {
            median_path.push_str(&format!("M{} {}H{}", r1(x(p.first - 1)), r1(y(c)), r1(x(p.last - 1))));
        }
    }
    let target_path = target.map(|t| format!("M{} {}H{}", r1(pad), r1(y(t)), r1(width - pad)));
    let median = a.phases.last().and_then(|p| p.centre);
    let description = format!(
        "Small run chart of {} children who completed, median {}{}; {} still waiting.",
        values.len(),
        days_text(median),
        target.map(|t| format!(", target {}", days_text(Some(t)))).unwrap_or_default(),
        s.waiting.n
    );
    Sparkline { width, height, points_path, median_path, target_path, description }
}

/// One stroke per pixel column from its lowest to its highest point; a single point is a dot.
fn column_strokes(values: &[f64], x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) -> String {
    let mut out = String::new();
    let mut col: Option<(i64, f64, f64)> = None;
    let flush = |out: &mut String, c: Option<(i64, f64, f64)>| {
        if let Some((cx, lo, hi)) = c {
            let (top, bottom) = (y(hi), y(lo));
            if (bottom - top).abs() < 1.5 {
                out.push_str(&format!("M{} {}h1.5", cx as f64 - 0.75, r1(top)));
            } else {
                out.push_str(&format!("M{cx} {}V{}", r1(top), r1(bottom)));
            }
        }
    };
    for (i, &v) in values.iter().enumerate() {
        if !v.is_finite() {
            continue;
        }
        let cx = x(i).round() as i64;
        col = match col {
            Some((c, lo, hi)) if c == cx => Some((c, lo.min(v), hi.max(v))),
            prev => {
                flush(&mut out, prev);
                Some((cx, v, v))
            }
        };
    }
    flush(&mut out, col);
    out
}

fn r1(v: f64) -> String {
    number((v * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Settings, StageId, analyse};
    use crate::model::{Child, Dataset, Milestone};
    use crate::stage_chart::{StageChartOptions, stage_chart};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Twelve children accommodated on 1 January 2021 with recommendations on 1 to 12 March
    /// (59 to 70 days), one waiting since 10 January 2021 and one since 1 January 2017.
    fn cohort() -> Dataset {
        let mut ds = Dataset::default();
        let mut add = |id: &str, start: NaiveDate, end: Option<NaiveDate>| {
            let mut c = Child { child_id: id.into(), episode_no: 1, ..Default::default() };
            c.set_date(Milestone::LastAccommodated, Some(start));
            c.set_date(Milestone::PermanenceRecommendation, end);
            ds.children.push(c);
        };
        for k in 0..12u32 {
            add(&format!("R{k:02}"), d(2021, 1, 1), Some(d(2021, 3, 1 + k)));
        }
        add("W1", d(2021, 1, 10), None);
        add("W2", d(2017, 1, 1), None);
        ds
    }

    #[test]
    fn the_card_says_what_the_chart_shows_and_counts_everyone() {
        let settings = Settings::default();
        let a = analyse(&cohort(), &settings, d(2021, 3, 31));
        let s = a.stage(StageId::AccommodatedToRecommendation);
        let chart =
            stage_chart(s, &settings.stage(StageId::AccommodatedToRecommendation), &StageChartOptions::default(), "c")
                .unwrap();
        let card = stage_card(s, Some(&chart.analysis), (100.0, 40.0));
        // 59..70 rising: the verdict is a deterioration (see stage_chart's tests).
        assert_eq!(
            (card.status, card.status_label, card.status_symbol),
            (VerdictStatus::Deterioration, "Signal of deterioration", "▲")
        );
        let fig = |key: &str| card.figures.iter().find(|f| f.key == key).map(|f| f.value.clone()).unwrap();
        // Completed: 12, median of 59..70 = (64 + 65) / 2.
        assert_eq!(fig("complete-n"), "12");
        assert_eq!(fig("median"), "64.5 days");
        // Counting W1 (80 days so far: 21 + 28 + 31) and W2 (1,550 days: 4 years from 1 January
        // 2017 is 1,461 days, plus 89 to 31 March) as censored: 14 at risk, and S falls by 1/14
        // at each completion from 59 days. After the 7th (65 days) S is exactly 7/14 = 0.5 until
        // the 8th at 66, so the median is the midpoint, 65.5.
        assert!(fig("km-median").starts_with("65.5 days (95% CI "), "{}", fig("km-median"));
        assert_eq!(fig("within"), "100% (12 of 12)");
        // W2's 1,550 days are past the 182-day target.
        assert_eq!(fig("waiting-n"), "2, 1 past the target");
        assert_eq!(fig("longest"), "1550 days");
        // All of the latest 10 (61 to 70 days) are within 182 days.
        assert_eq!(card.latest.as_deref(), Some("Latest 10 children: 10 within the 182-day target."));
        assert_eq!(
            card.long_waits.as_deref(),
            Some(
                "1 child has waited over 3 years for this stage: worth checking for a data problem, such as an end date not recorded."
            )
        );
        let sp = card.sparkline.unwrap();
        // Twelve dots, one per column: x = 2 + 96 i / 11.
        assert_eq!(sp.points_path.matches('M').count(), 12);
        // y scale: top = 182 (the target, above every point and the median) x 1.05 = 191.1;
        // y(v) = 2 + 36 (1 - v / 191.1). Target: 2 + 36 x 0.0476 = 3.7. Median 64.5: 25.8.
        assert_eq!(sp.target_path.as_deref(), Some("M2 3.7H98"));
        assert_eq!(sp.median_path, "M2 25.8H98");
        assert_eq!(
            sp.description,
            "Small run chart of 12 children who completed, median 64.5 days, target 182 days; 2 still waiting."
        );
    }

    #[test]
    fn many_points_share_a_column_as_one_stroke() {
        // 1,000 values in a 100-wide box: about ten points per column, drawn as at most one
        // stroke per column (x from 2 to 98: 97 columns).
        let values: Vec<f64> = (0..1000).map(|i| (i % 7) as f64 * 10.0).collect();
        let x = |i: usize| 2.0 + 96.0 * i as f64 / 999.0;
        let y = |v: f64| 100.0 - v;
        let path = column_strokes(&values, &x, &y);
        assert_eq!(path.matches('M').count(), 97);
        // Column 2 holds points 0 to 5 (x below 2.5): values 0 to 50, so y from 50 to 100.
        assert!(path.starts_with("M2 50V100M3 "), "{}", &path[..20]);
    }

    #[test]
    fn formats() {
        assert_eq!(days_text(Some(1.0)), "1 day");
        assert_eq!(days_text(Some(64.5)), "64.5 days");
        assert_eq!(days_text(None), "–");
        assert_eq!(percent_text(2, 3), "67%");
        assert_eq!(percent_text(0, 0), "–");
    }
}
