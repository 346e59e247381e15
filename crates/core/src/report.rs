//! The printable report: one standalone HTML document with the dashboard figures, every stage's
//! run chart (with the children still waiting) and its verdict in words, its Kaplan-Meier curve
//! counting everyone with the result in words and the table behind it (docs/survival.md), and
//! where the delay is. The app offers it as a download and the CLI writes it, from the same function.
//!
//! The document is self-contained (its own styles, charts as inline SVG, no script, nothing
//! fetched) and names no child by name: only the pseudonymous ids in the charts' data.

use chrono::NaiveDate;

use crate::analysis::{Analysis, Settings, StageSummary};
use crate::chart::SURVIVAL_TABLE_HEADERS;
use crate::chart::svg::{CHART_CSS, escape, run_chart_svg, survival_chart_svg};
use crate::dates::uk_date;
use crate::stage_chart::{StageChartOptions, stage_chart, verdict};
use crate::stage_km_chart::stage_km_spec;

/// What the report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSource {
    /// The file name, or the demo label.
    pub name: String,
    /// True for the synthetic demo: the report says so at the top.
    pub synthetic: bool,
    /// The day the report was made (the caller's "today").
    pub made_on: NaiveDate,
    /// The cover's title, as the user typed it; "Permanence timescales" when blank.
    pub title: String,
    /// The authority or team the report is for, as the user typed it (never remembered by the
    /// app unless the user saves it).
    pub authority: String,
}

impl ReportSource {
    /// A source with the default title and no authority.
    pub fn new(name: impl Into<String>, synthetic: bool, made_on: NaiveDate) -> ReportSource {
        ReportSource { name: name.into(), synthetic, made_on, title: String::new(), authority: String::new() }
    }

    fn title(&self) -> &str {
        match self.title.trim() {
            "" => "Permanence timescales",
            t => t,
        }
    }
}

const REPORT_CSS: &str = "\
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;color:#0b0c0c;margin:24px;line-height:1.4}\
h1{font-size:1.8rem;margin:0 0 8px}h2{font-size:1.3rem;margin:28px 0 8px;break-after:avoid}\
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:0.9rem}\
th,td{border-bottom:1px solid #b1b4b6;padding:4px 6px;text-align:left;vertical-align:top}\
thead th{border-bottom:2px solid #0b0c0c}td.num{text-align:right}\
.synthetic{background:#fcd6c3;padding:6px 10px;font-weight:bold}\
.stage{break-inside:avoid;page-break-inside:avoid}svg{width:100%;height:auto}\
.unverified{background:#fff7bf;border:1px solid #b89c00;padding:0 4px;font-size:0.85rem}\
.cover{min-height:80vh;display:flex;flex-direction:column;justify-content:center;break-after:page;page-break-after:always}\
.cover h1{font-size:2.4rem}.cover .authority{font-size:1.5rem;margin:0 0 16px}\
@page{size:A4 landscape;margin:12mm}";

/// A number of days for a table cell: "182", "64.5", or a dash.
fn days(v: Option<f64>) -> String {
    v.map(crate::runchart::sentences::number).unwrap_or_else(|| "–".into())
}

/// The cover: the user's title and authority, the as-at date and where it came from, the source
/// and the privacy promise.
fn cover(source: &ReportSource, analysis: &Analysis) -> String {
    let mut h = format!("<section class=\"cover\">\n<h1>{}</h1>\n", escape(source.title()));
    if !source.authority.trim().is_empty() {
        h.push_str(&format!("<p class=\"authority\">{}</p>\n", escape(source.authority.trim())));
    }
    if source.synthetic {
        h.push_str("<p class=\"synthetic\">Synthetic demo data: not real children.</p>\n");
    }
    h.push_str(&format!(
        "<p>Source: {}. <strong>As at {}</strong> ({}). {} of {} children match the filters. Report made on {} with Timescales, on this device: no child's data left it.</p>\n</section>\n",
        escape(&source.name),
        uk_date(analysis.as_at),
        escape(analysis.as_at_source.label()),
        analysis.children_after_filters,
        analysis.children,
        uk_date(source.made_on),
    ));
    h
}

/// The median counting the children still waiting (Kaplan-Meier), or why there is none.
fn km_median(s: &StageSummary) -> String {
    match (s.km.median, s.km.n) {
        (Some(m), _) => days(Some(m)),
        (None, 0) => "–".into(),
        (None, _) => "not reached".into(),
    }
}

/// One line instead of empty charts: nobody has started the stage, or nobody has completed it.
fn empty_stage_line(s: &StageSummary) -> Option<String> {
    if s.in_scope == 0 {
        return Some(format!(
            "No child in this selection has a {} date, so this stage cannot be measured; this is not the same as no children.",
            s.start_milestone.label_in_sentence()
        ));
    }
    (s.complete.n == 0 && s.km.n == 0).then(|| {
        format!("No child has completed this stage yet, and none can be counted as waiting ({} in scope).", s.in_scope)
    })
}

/// A stage's Kaplan-Meier curve with its sentences, and the table behind the curve for screen
/// readers (folded away so the printed report stays short).
fn km_html(s: &StageSummary) -> String {
    let spec = stage_km_spec(s, &format!("report-km-{}", s.id.key()));
    let m = spec.build();
    let mut h = String::from("<h3>How long it takes, counting the children still waiting</h3>\n");
    for line in &spec.sentences {
        h.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    h.push_str(&survival_chart_svg(&m));
    for (i, t) in m.tables.iter().enumerate().filter(|(_, t)| !t.rows.is_empty()) {
        h.push_str(&format!(
            "<details><summary>The table behind the curve: {}</summary><table id=\"{}\"><caption>{}</caption><thead><tr>",
            escape(&t.name),
            escape(&m.table_id(i)),
            escape(&t.caption)
        ));
        for head in SURVIVAL_TABLE_HEADERS {
            h.push_str(&format!("<th scope=\"col\">{head}</th>"));
        }
        h.push_str("</tr></thead><tbody>");
        for r in &t.rows {
            h.push_str("<tr>");
            for (k, cell) in r.cells.iter().enumerate() {
                let class = if k == 5 { "" } else { " class=\"num\"" };
                h.push_str(&format!("<td{class}>{}</td>", escape(cell)));
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table></details>\n");
    }
    h
}

/// The report as an HTML document. `options` gives each stage's run chart choices (rule set,
/// exclusions); stages without an entry use the defaults.
pub fn html_report(
    source: &ReportSource,
    analysis: &Analysis,
    settings: &Settings,
    options: &dyn Fn(crate::analysis::StageId) -> StageChartOptions,
) -> String {
    let mut h = String::with_capacity(256 * 1024);
    h.push_str(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Timescales report</title><style>",
    );
    h.push_str(REPORT_CSS);
    h.push_str(CHART_CSS);
    h.push_str("</style></head><body>\n");
    h.push_str(&cover(source, analysis));
    h.push_str("<h2>Summary</h2>\n<table><thead><tr><th>Stage</th><th>Target (days)</th><th>Completed</th><th>Median days (completed)</th><th>Median days counting those waiting</th><th>Within target</th><th>Still waiting</th><th>Past target</th><th>Longest wait</th><th>Missing but implied</th></tr></thead><tbody>\n");
    for s in &analysis.stages {
        let target = match s.target_days {
            Some(t) if s.target_verified => t.to_string(),
            Some(t) => format!("{t} <span class=\"unverified\">unverified</span>"),
            None => "none".into(),
        };
        h.push_str(&format!(
            "<tr><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            escape(&s.id.title()),
            target,
            s.complete.n,
            days(s.complete.median_days),
            km_median(s),
            s.complete.within_target.map(|w| w.to_string()).unwrap_or_else(|| "–".into()),
            s.waiting.n,
            s.waiting.over_target.map(|o| o.to_string()).unwrap_or_else(|| "–".into()),
            days(s.waiting.longest_days.map(|d| d as f64)),
            s.missing_implied.n,
        ));
    }
    h.push_str("</tbody></table>\n");

    for s in &analysis.stages {
        h.push_str(&format!("<section class=\"stage\"><h2>{}</h2>\n", escape(&s.id.title())));
        if let Some(line) = empty_stage_line(s) {
            h.push_str(&format!("<p class=\"empty-stage\">{}</p>\n</section>\n", escape(&line)));
            continue;
        }
        match stage_chart(s, &settings.stage(s.id), &options(s.id), &format!("report-{}", s.id.key())) {
            Ok(chart) => {
                h.push_str(&format!("<p><strong>{}</strong></p>\n", escape(&verdict(&chart.analysis))));
                // A long chart's thousands of sentences stay on the run chart screen; the report
                // gives what the screen shows first (docs/runchart-rules.md#digest).
                // The first sentence is in bold above (the verdict, or a short chart's first).
                let digest = crate::runchart::digest(&chart.analysis);
                let sentences: Vec<&String> = digest.first.iter().skip(1).collect();
                if !sentences.is_empty() {
                    h.push_str("<ul>");
                    for line in sentences {
                        h.push_str(&format!("<li>{}</li>", escape(line)));
                    }
                    h.push_str("</ul>\n");
                }
                if !digest.all.is_empty() {
                    let n = digest.all.len();
                    h.push_str(&format!(
                        "<p class=\"note\">The run chart screen lists all {n} sentences about this chart, in order.</p>\n"
                    ));
                }
                h.push_str(&run_chart_svg(&chart.spec.build()));
                for note in s.notes() {
                    h.push_str(&format!("<p class=\"note\">{}</p>\n", escape(&note)));
                }
            }
            Err(e) => h.push_str(&format!("<p>The run chart could not be drawn: {}</p>", escape(&e.to_string()))),
        }
        h.push_str(&km_html(s));
        h.push_str("</section>\n");
    }

    let reached = &analysis.delay.permanence_reached;
    h.push_str(&format!(
        "<h2>Where the delay is: children with legal permanence ({})</h2>\n<table><thead><tr><th>Stage</th><th>Children</th><th>Median days</th></tr></thead><tbody>",
        reached.n
    ));
    for m in &reached.stages {
        h.push_str(&format!(
            "<tr><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(m.id.label()),
            m.n,
            days(m.median_days)
        ));
    }
    h.push_str("</tbody></table>\n</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{StageId, analyse};
    use crate::demo::{DemoOptions, generate};

    fn report(synthetic: bool) -> String {
        let ds = generate(DemoOptions { children: 150, ..DemoOptions::default() });
        let settings = Settings::default();
        let as_at = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let a = analyse(&ds, &settings, as_at);
        let mut source =
            ReportSource::new("tracker <March>.csv", synthetic, NaiveDate::from_ymd_opt(2025, 4, 2).unwrap());
        source.authority = "Anyshire & District".into();
        html_report(&source, &a, &settings, &|_| StageChartOptions::default())
    }

    #[test]
    fn report_has_every_stage_its_chart_and_the_dates() {
        let h = report(true);
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(h.contains("Synthetic demo data: not real children."));
        assert!(h.contains("<strong>As at 31/03/2025</strong> (the date you chose)."));
        assert!(h.contains("Report made on 02/04/2025"));
        // The cover: the default title, the authority as typed (escaped).
        assert!(h.contains("<section class=\"cover\">\n<h1>Permanence timescales</h1>\n<p class=\"authority\">Anyshire &amp; District</p>"));
        for id in StageId::PACE {
            assert!(h.contains(&format!("id=\"report-{}\"", id.key())), "chart for {}", id.key());
            assert!(h.contains(&escape(id.label())), "title for {}", id.key());
        }
        // One summary row per stage, plus a run chart and a Kaplan-Meier chart per stage.
        assert_eq!(h.matches("<svg").count(), 16);
        for id in StageId::PACE {
            assert!(h.contains(&format!("id=\"report-km-{}\"", id.key())), "curve for {}", id.key());
        }
        assert!(h.contains("class=\"ts-km-curve\""));
        assert!(h.contains("<th scope=\"col\">Still waiting</th>"), "the table behind the curve");
        assert!(h.contains("<h3>How long it takes, counting the children still waiting</h3>"));
        // Aims 3 and 4 have unverified default targets, and say so.
        assert!(h.contains("98 <span class=\"unverified\">unverified</span>"));
    }

    #[test]
    fn a_stage_nobody_started_is_one_line_not_an_empty_chart() {
        // Only a recommendation and a panel: nobody has a CSO-at-home start, so aim 1 is one line.
        use crate::model::{Child, Dataset, Milestone};
        let mut c = Child { child_id: "A".into(), episode_no: 1, ..Default::default() };
        c.set_date(Milestone::PermanenceRecommendation, NaiveDate::from_ymd_opt(2024, 1, 1));
        c.set_date(Milestone::PermanencePanel, NaiveDate::from_ymd_opt(2024, 2, 1));
        let ds = Dataset { children: vec![c], ..Default::default() };
        let settings = Settings::default();
        let a = analyse(&ds, &settings, NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        let mut source = ReportSource::new("one.csv", false, NaiveDate::from_ymd_opt(2024, 4, 1).unwrap());
        source.title = "Panel timescales".into();
        let h = html_report(&source, &a, &settings, &|_| StageChartOptions::default());
        assert!(h.contains("<h1>Panel timescales</h1>"));
        assert!(h.contains("<p class=\"empty-stage\">No child in this selection has a CSO at home started date"));
        assert!(!h.contains("id=\"report-cso_at_home_to_review\""), "no empty run chart for aim 1");
        // The panel stage has its child: 31 days, the same median counting those waiting.
        assert!(h.contains("id=\"report-recommendation_to_panel\""));
    }

    #[test]
    fn a_long_chart_gives_its_first_sentences_and_points_to_the_screen() {
        // 3,000 demo children: long run charts, several with more than 12 sentences.
        let ds = generate(DemoOptions { children: 3000, ..DemoOptions::default() });
        let settings = Settings::default();
        let a = analyse(&ds, &settings, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        let source = ReportSource::new("big.csv", true, NaiveDate::from_ymd_opt(2025, 4, 2).unwrap());
        let h = html_report(&source, &a, &settings, &|_| StageChartOptions::default());
        let mut long = 0;
        for section in h.split("<section class=\"stage\">").skip(1) {
            let items = section.matches("<li>").count();
            if let Some(at) = section.find("The run chart screen lists all ") {
                long += 1;
                let n: usize = section[at + 31..].split(' ').next().unwrap().parse().unwrap();
                assert!(n > crate::runchart::digest::SHOW_ALL_UP_TO);
                // The count sentence and at most six latest findings; the verdict is in bold.
                assert!(section.contains("The rules found "));
                assert!((1..=7).contains(&items), "{items} sentences listed");
            }
        }
        assert!(long >= 1, "no long chart among the stages");
    }

    #[test]
    fn report_escapes_text_runs_no_script_and_names_no_child() {
        let h = report(false);
        assert!(h.contains("tracker &lt;March&gt;.csv"));
        assert!(!h.contains("<script"));
        assert!(!h.contains("Synthetic demo data"));
        // The demo's names all contain "Synthetic-": none may appear in the report.
        assert!(!h.contains("Synthetic-"));
    }
}
