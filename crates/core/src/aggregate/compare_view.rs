//! What the Compare screen and the comparison report show, computed once: for each stage, a small
//! run chart per authority of its monthly medians (one point per month, suppressed months as
//! gaps) with the target line and the rules applied, its verdict, and a table of the latest
//! quarter per authority; and the combined view, labelled as sums of published counts only.
//!
//! Nothing here recovers a suppressed figure (docs/disclosure.md).

use super::Month;
use super::compare::{AuthoritySeries, COMBINED_LABEL, Comparison, Figure, StageComparison};
use crate::analysis::StageId;
use crate::chart::runchart_model::RunChartLayout;
use crate::chart::{RunChartModel, TargetSpec};
use crate::runchart::{RunChartConfig, Verdict, VerdictStatus, Wording, analyse, chart_spec};

/// Months in "the latest quarter".
pub const QUARTER_MONTHS: u32 = 3;

/// One authority's small run chart and its latest quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorityPanel {
    pub authority: String,
    /// `None` when the authority has no completed month for this stage.
    pub chart: Option<RunChartModel>,
    pub verdict: Verdict,
    pub quarter: QuarterRow,
}

/// The latest three months up to an authority's as-at month, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarterRow {
    pub authority: String,
    /// "2024-01 to 2024-03".
    pub months: String,
    /// Children who completed in those months: "12", "at least 9 (1 month suppressed)".
    pub completed: String,
    /// Of them within the target, or why it cannot be said.
    pub within_target: String,
    /// The latest month's median, "suppressed", or "–".
    pub latest_median: String,
    /// The same as a number, for sorting (`None` when suppressed or absent).
    pub latest_median_days: Option<f64>,
    pub waiting: String,
    pub waiting_over_target: String,
    pub status: &'static str,
}

/// One stage across the authorities.
#[derive(Debug, Clone, PartialEq)]
pub struct StageCompareView {
    pub stage: StageId,
    pub title: String,
    pub target_days: Option<i64>,
    pub panels: Vec<AuthorityPanel>,
    /// One line per month of the combined view, oldest first, then its label.
    pub combined: Vec<String>,
    pub combined_label: &'static str,
}

/// How the authorities of a stage are ordered on the Compare screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PanelOrder {
    /// As the files were given.
    #[default]
    Files,
    /// By authority name.
    Name,
    /// Shortest latest median first; authorities without a published one last.
    LatestMedian,
}

impl PanelOrder {
    /// From the screen's key ("files", "name", "median").
    pub fn from_key(key: &str) -> PanelOrder {
        match key {
            "name" => PanelOrder::Name,
            "median" => PanelOrder::LatestMedian,
            _ => PanelOrder::Files,
        }
    }
}

impl StageCompareView {
    /// The panels' positions in `order` (ties keep the files' order).
    pub fn ordered(&self, order: PanelOrder) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.panels.len()).collect();
        let q = |i: usize| &self.panels[i].quarter;
        match order {
            PanelOrder::Files => {}
            PanelOrder::Name => crate::order::sort_by_key(&mut idx, |&i| q(i).authority.to_lowercase()),
            PanelOrder::LatestMedian => crate::order::sort_by(&mut idx, |&a, &b| {
                let key = |i: usize| q(i).latest_median_days.unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            }),
        }
        idx
    }
}

/// Every stage's comparison, laid out.
pub fn compare_view(c: &Comparison, size: (f64, f64)) -> Vec<StageCompareView> {
    c.stages.iter().map(|s| stage_view(s, size)).collect()
}

fn stage_view(s: &StageComparison, size: (f64, f64)) -> StageCompareView {
    let panels = s.series.iter().enumerate().map(|(i, a)| panel(s, a, i, size)).collect();
    let combined = s
        .combined
        .iter()
        .filter(|m| m.completed_published + m.completed_suppressed > 0)
        .map(|m| {
            let left_out = match m.completed_suppressed {
                0 => String::new(),
                k => format!(" ({k} authorit{} suppressed, left out)", if k == 1 { "y" } else { "ies" }),
            };
            format!("{}: {} completed{left_out}", m.month, m.completed)
        })
        .collect();
    StageCompareView {
        stage: s.stage,
        title: s.stage.title(),
        target_days: s.target_days,
        panels,
        combined,
        combined_label: COMBINED_LABEL,
    }
}

fn panel(s: &StageComparison, a: &AuthoritySeries, i: usize, (w, h): (f64, f64)) -> AuthorityPanel {
    let series = a.median_series();
    let cfg = RunChartConfig {
        wording: Wording {
            dated_range: "months {from} to {to}".into(),
            dated_same_day: "month {date}".into(),
            ..Wording::permanence_days()
        },
        ..RunChartConfig::default()
    };
    // No published median at all (nobody completed, or every month suppressed): no chart.
    let any_median = series.points.iter().any(|p| p.value.is_finite());
    let analysis = any_median.then(|| analyse(&series, &cfg).ok()).flatten();
    let chart = analysis.as_ref().map(|an| {
        let id = format!("compare-{}-{}", s.stage.key(), i + 1);
        let mut spec = chart_spec(an, &id, &a.authority, "month");
        spec.x_title = Some("Months, by when children reached the end".into());
        spec.y_title = "Median days".into();
        spec.layout = RunChartLayout { width: w, height: h, ..RunChartLayout::default() };
        spec.target = s.target_days.map(|t| TargetSpec { value: t as f64, label: format!("Target {t} days") });
        spec.build()
    });
    let verdict = match &analysis {
        Some(an) => an.verdict.clone(),
        None => Verdict {
            status: VerdictStatus::NoData,
            follows: None,
            sentence: "No month with a published median for this stage.".into(),
        },
    };
    let quarter = quarter_row(a, &verdict);
    AuthorityPanel { authority: a.authority.clone(), chart, verdict, quarter }
}

/// The latest quarter: the three months ending at the authority's as-at month.
fn quarter_row(a: &AuthoritySeries, verdict: &Verdict) -> QuarterRow {
    let last = a.as_at;
    let first = (1..QUARTER_MONTHS).fold(last, |m, _| previous(m));
    let months: Vec<_> = a.points.iter().filter(|p| p.month >= first && p.month <= last).collect();
    let (mut done, mut suppressed, mut within, mut within_known) = (0u64, 0usize, 0u64, true);
    for p in &months {
        match p.completed {
            Figure::Value(n) => done += n,
            Figure::Suppressed => suppressed += 1,
            Figure::Absent => {}
        }
        match p.within_target {
            Figure::Value(n) => within += n,
            Figure::Suppressed => within_known = false,
            Figure::Absent => {}
        }
    }
    let completed = match suppressed {
        0 => done.to_string(),
        k => format!("at least {done} ({k} month{} suppressed)", if k == 1 { "" } else { "s" }),
    };
    let within_target = if suppressed == 0 && within_known { within.to_string() } else { "suppressed".into() };
    let latest = months.iter().rev().find(|p| p.completed != Figure::Absent).map(|p| p.median_days);
    let latest_median = match latest {
        Some(Figure::Value(m)) => crate::card::days_text(Some(m)),
        Some(Figure::Suppressed) => "suppressed".into(),
        _ => "–".into(),
    };
    let latest_median_days = latest.and_then(Figure::value);
    QuarterRow {
        authority: a.authority.clone(),
        months: format!("{first} to {last}"),
        completed,
        within_target,
        latest_median,
        latest_median_days,
        waiting: figure(a.waiting),
        waiting_over_target: figure(a.waiting_over_target),
        status: verdict.status.label(),
    }
}

fn figure(f: Figure<u64>) -> String {
    match f {
        Figure::Value(n) => n.to_string(),
        Figure::Suppressed => "suppressed".into(),
        Figure::Absent => "–".into(),
    }
}

fn previous(m: Month) -> Month {
    if m.month() == 1 {
        Month::new(m.year() - 1, 12).unwrap_or(m)
    } else {
        Month::new(m.year(), m.month() - 1).unwrap_or(m)
    }
}

/// The comparison as one printable, self-contained HTML document: per stage, each authority's
/// small run chart and verdict, the latest-quarter table and the combined view. `files` names
/// the files compared; `made_on` is the caller's today.
pub fn compare_report_html(views: &[StageCompareView], files: &[String], made_on: chrono::NaiveDate) -> String {
    use crate::chart::svg::{CHART_CSS, escape, run_chart_svg};
    let mut h = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Timescales comparison</title><style>",
    );
    h.push_str(
        "body{font-family:system-ui,Arial,sans-serif;color:#0b0c0c;margin:24px;line-height:1.4}\
         table{border-collapse:collapse;width:100%;font-size:0.9rem;margin:8px 0 16px}\
         th,td{border-bottom:1px solid #b1b4b6;padding:4px 6px;text-align:left}\
         .grid{display:grid;grid-template-columns:repeat(2,1fr);gap:12px}svg{width:100%;height:auto}\
         section{break-inside:avoid-page}@page{size:A4 landscape;margin:12mm}",
    );
    h.push_str(CHART_CSS);
    h.push_str("</style></head><body>\n<h1>Comparison of permanence timescales</h1>\n");
    h.push_str(&format!(
        "<p>Files: {}. Made on {} with Timescales, on this device, from aggregate figures only: no child data. Small numbers are suppressed in the files and stay gaps here.</p>\n",
        escape(&files.join(", ")),
        crate::dates::uk_date(made_on)
    ));
    for v in views {
        h.push_str(&format!("<section><h2>{}</h2>\n<div class=\"grid\">", escape(&v.title)));
        for p in &v.panels {
            h.push_str(&format!(
                "<div><h3>{}</h3><p><strong>{}</strong>: {}</p>",
                escape(&p.authority),
                p.verdict.status.label(),
                escape(&p.verdict.sentence)
            ));
            if let Some(m) = &p.chart {
                h.push_str(&run_chart_svg(m));
            }
            h.push_str("</div>");
        }
        h.push_str("</div>\n<table><thead><tr><th>Authority</th><th>Months</th><th>Completed</th><th>Within target</th><th>Latest month's median</th><th>Waiting</th><th>Waiting past target</th><th>Run chart</th></tr></thead><tbody>");
        for q in v.panels.iter().map(|p| &p.quarter) {
            let cells = [
                &q.authority,
                &q.months,
                &q.completed,
                &q.within_target,
                &q.latest_median,
                &q.waiting,
                &q.waiting_over_target,
            ];
            h.push_str("<tr>");
            for c in cells {
                h.push_str(&format!("<td>{}</td>", escape(c)));
            }
            h.push_str(&format!("<td>{}</td></tr>", q.status));
        }
        h.push_str(&format!("</tbody></table>\n<p>{}</p>\n<ul>", escape(v.combined_label)));
        for line in &v.combined {
            h.push_str(&format!("<li>{}</li>", escape(line)));
        }
        h.push_str("</ul></section>\n");
    }
    h.push_str("</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{compare::compare, read::read_aggregate};

    /// Two authorities' files written by hand: meta rows, then the panel stage's months.
    fn file(authority: &str, rows: &str) -> String {
        let mut s = String::from("authority,stage,period,measure,value\n");
        for (m, v) in [
            ("format_version", "1"),
            ("aim2_start_milestone", "2"),
            ("return_home_is_permanence", "1"),
            ("filtered", "0"),
        ] {
            s.push_str(&format!("{authority},_meta,2024-03,{m},{v}\n"));
        }
        s.push_str(&format!("{authority},recommendation_to_panel,2024-03,target_days,84\n"));
        s.push_str(rows);
        s
    }

    #[test]
    fn quarters_and_gaps_never_recover_a_suppressed_figure() {
        let north = file(
            "North",
            "North,recommendation_to_panel,2024-01,completed,6\n\
             North,recommendation_to_panel,2024-01,median_days,80\n\
             North,recommendation_to_panel,2024-01,within_target,suppressed\n\
             North,recommendation_to_panel,2024-02,completed,suppressed\n\
             North,recommendation_to_panel,2024-02,median_days,suppressed\n\
             North,recommendation_to_panel,2024-02,within_target,suppressed\n\
             North,recommendation_to_panel,2024-03,completed,7\n\
             North,recommendation_to_panel,2024-03,median_days,90.5\n\
             North,recommendation_to_panel,2024-03,within_target,7\n\
             North,recommendation_to_panel,2024-03,waiting,12\n\
             North,recommendation_to_panel,2024-03,waiting_over_target,suppressed\n",
        );
        let south = file(
            "South",
            "South,recommendation_to_panel,2024-03,completed,0\n\
             South,recommendation_to_panel,2024-03,within_target,0\n\
             South,recommendation_to_panel,2024-03,waiting,0\n\
             South,recommendation_to_panel,2024-03,waiting_over_target,0\n",
        );
        let files = vec![
            ("north.csv".to_string(), read_aggregate(&north).unwrap()),
            ("south.csv".to_string(), read_aggregate(&south).unwrap()),
        ];
        let c = compare(&files).unwrap();
        let views = compare_view(&c, (320.0, 180.0));
        let panel_stage = views.iter().find(|v| v.stage == StageId::RecommendationToPanel).unwrap();
        let north = &panel_stage.panels[0];
        // January to March: 6 + 7 published and February suppressed, so "at least 13"; the
        // within-target count is unknown because January's is suppressed; March's median 90.5.
        assert_eq!(north.quarter.months, "2024-01 to 2024-03");
        assert_eq!(north.quarter.completed, "at least 13 (1 month suppressed)");
        assert_eq!(north.quarter.within_target, "suppressed");
        assert_eq!(north.quarter.latest_median, "90.5 days");
        assert_eq!((north.quarter.waiting.as_str(), north.quarter.waiting_over_target.as_str()), ("12", "suppressed"));
        // The chart: three monthly points, February a gap (not drawn), with the 84-day target.
        let chart = north.chart.as_ref().unwrap();
        assert_eq!(chart.markers.len(), 2);
        assert_eq!(chart.target.as_ref().map(|t| t.value), Some(84.0));
        // Two useful points are far too few for the rules.
        assert_eq!(north.verdict.status, VerdictStatus::TooFewPoints);
        // South completed nobody: no chart, and it says so.
        let south = &panel_stage.panels[1];
        assert!(south.chart.is_none());
        assert_eq!(south.verdict.status, VerdictStatus::NoData);
        assert_eq!(south.quarter.completed, "0");
        // Ordering: by name North, South; by the latest median North (90.5) before South (none).
        assert_eq!(panel_stage.ordered(PanelOrder::Name), vec![0, 1]);
        assert_eq!(panel_stage.ordered(PanelOrder::LatestMedian), vec![0, 1]);
        let mut flipped = panel_stage.clone();
        flipped.panels.swap(0, 1);
        assert_eq!(flipped.ordered(PanelOrder::LatestMedian), vec![1, 0], "no median sorts last");
        assert_eq!(flipped.ordered(PanelOrder::Name), vec![1, 0]);
        assert_eq!(flipped.ordered(PanelOrder::Files), vec![0, 1]);
        // The printable report holds every authority, its chart and no script.
        let html = compare_report_html(&views, &["north.csv".into(), "south.csv".into()], chrono::NaiveDate::MIN);
        assert!(html.contains("<h3>North</h3>") && html.contains("<h3>South</h3>"));
        assert!(html.contains("id=\"compare-recommendation_to_panel-1\""));
        assert!(!html.contains("<script"));
        // Combined: published counts only, and which authorities were left out.
        assert_eq!(
            panel_stage.combined,
            vec![
                "2024-01: 6 completed",
                "2024-02: 0 completed (1 authority suppressed, left out)",
                "2024-03: 7 completed"
            ]
        );
    }
}
