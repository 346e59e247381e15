//! The printable A4 handout: the rules in plain English, the limits tables for 10 to 60 useful
//! points, the exercises without their answers, and an answer sheet at the end
//! (docs/learn.md#the-handout).
//!
//! One self-contained HTML document: no scripts, no external resources, charts as inline SVG
//! from the run chart model and the standalone renderer. The tables are built from the rules'
//! own functions (`runs_table::runs_limits`, `anhoej::longest_run_max`, `anhoej::crossings_min`),
//! so they cannot differ from what the analysis uses.

use super::{Exercise, exercise_svg, exercises};
use crate::chart::svg::{CHART_CSS, escape};
use crate::runchart::analysis::MIN_USEFUL_FOR_RULES;
use crate::runchart::rules::{anhoej, runs_table};

const HANDOUT_CSS: &str = "\
@page{size:A4;margin:15mm}\
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;font-size:11pt;line-height:1.4;color:#0b0c0c;max-width:180mm;margin:0 auto}\
h1{font-size:20pt;margin:0 0 4mm}h2{font-size:15pt;margin:6mm 0 2mm}h3{font-size:13pt;margin:4mm 0 2mm}\
.note{border-left:4px solid #505a5f;padding-left:3mm}\
.tables{display:flex;gap:10mm;align-items:flex-start}\
table{border-collapse:collapse;font-size:9pt}th,td{border:1px solid #b1b4b6;padding:0.5mm 2mm;text-align:right}\
thead th{background:#f3f2f1;text-align:center}caption{font-weight:bold;text-align:left;padding-bottom:1mm}\
.limits{break-before:page;page-break-before:always}\
.exercise{break-before:page;page-break-before:always}\
figure{margin:3mm 0;break-inside:avoid;page-break-inside:avoid}svg{width:100%;height:auto}\
ol.options li{margin:1mm 0}.write{border-bottom:1px solid #505a5f;height:8mm;margin:2mm 0}\
.answers{break-before:page;page-break-before:always}.answer{break-inside:avoid;page-break-inside:avoid}\
@media screen{body{padding:8mm}}";

/// The handout as one self-contained HTML document.
pub fn handout_html() -> String {
    let mut h = String::with_capacity(512 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">");
    h.push_str("<title>Run charts for permanence: workshop handout</title><style>");
    h.push_str(HANDOUT_CSS);
    h.push_str(CHART_CSS);
    h.push_str("</style></head><body>\n");
    h.push_str(&handout_body());
    h.push_str("</body></html>\n");
    h
}

/// The handout's content without the document round it or any style element, for the Learn
/// page to show under its own stylesheets (its Content-Security-Policy refuses inline styles).
/// The same classes as [`handout_html`]: `limits`, `exercise` and `answers` start a printed page.
pub fn handout_body() -> String {
    let list = exercises();
    let mut h = String::with_capacity(512 * 1024);
    h.push_str("<h1>Run charts for permanence: workshop handout</h1>\n");
    h.push_str(
        "<p class=\"note\">Every story and chart here is synthetic: no real children. The rules are the ones \
         Timescales applies to real data, and each exercise's answer is checked against them.</p>\n",
    );
    h.push_str(&rules_section());
    h.push_str(&limits_tables());
    h.push_str("<h2>Exercises</h2>\n");
    for e in &list {
        h.push_str(&exercise_section(e));
    }
    h.push_str(&answer_sheet(&list));
    h
}

/// The rules in plain English, with the numbers the engine uses.
fn rules_section() -> String {
    let defaults = crate::runchart::RunChartConfig::default();
    let paras = [
        (
            "The median",
            "A run chart shows one point per child, in the order the children reached the end milestone, \
             with a line at the median: the middle value, with half the waits below it and half above. The \
             median is used rather than the average because one very long wait cannot drag it, and because \
             it always splits the points evenly, which is what the rules assume."
                .to_string(),
        ),
        (
            "Useful observations",
            "A point exactly on the median neither adds to a run nor breaks one, and a point left out (for \
             example a data-entry error, with its reason) takes no part at all. The rest are the useful \
             observations, n; every limit below is looked up for n."
                .to_string(),
        ),
        (
            "IHI rules",
            format!(
                "A shift is {} or more useful points in a row on the same side of the median. A trend is {} or \
                 more points in a row all rising or all falling (a repeated value counts once; the median plays \
                 no part). A run is one or more useful points in a row on one side; fewer or more runs than the \
                 runs table allows is a signal (the table covers 10 to 60 useful points). An astronomical point \
                 is one everyone would agree is unusual: a judgement you make and record, never a calculation.",
                defaults.shift_length, defaults.trend_length
            ),
        ),
        (
            "Anhøj rules",
            "An unusually long run is one longer than the limit for n; too few crossings of the median is \
             fewer than the limit for n. Both limits grow with the number of points, which keeps the risk of \
             a false signal near 5% however long the series. Equal to a limit is never a signal."
                .to_string(),
        ),
        (
            "Too few points",
            format!(
                "With fewer than {MIN_USEFUL_FOR_RULES} useful points the rules do not mean anything yet: say what \
                 you see, and that the rules cannot judge it."
            ),
        ),
        (
            "Frozen baselines and phases",
            "To show that a change made a difference, freeze the median of the points before it (the baseline) \
             and extend it, dashed, over the points after; the rules test every point against that line. A new \
             phase, with its own median and its own rules, says that the process is a new one: start one once a \
             signal has shown that the change has held."
                .to_string(),
        ),
        (
            "Which way, and when the rule sets disagree",
            "For days taken, lower is better: a run below the median that carries on to the end is an \
             improvement, and one that the later points leave behind is not. IHI's shift and trend have fixed \
             lengths, so on long series they fire by chance more often; Anhøj's limits grow with n. When both \
             are applied, Timescales lists both sets' findings and its verdict follows the Anhøj rules."
                .to_string(),
        ),
    ];
    let mut s = String::from("<h2>The rules in plain English</h2>\n");
    for (title, text) in paras {
        s.push_str(&format!("<h3>{}</h3>\n<p>{}</p>\n", escape(title), escape(&text)));
    }
    s
}

/// The IHI runs table and the Anhøj limits for n = 10 to 60, side by side.
fn limits_tables() -> String {
    let ns = runs_table::TABLE_MIN_N..=runs_table::TABLE_MAX_N;
    let mut ihi = String::from(
        "<table id=\"ihi-runs-table\"><caption>IHI runs table</caption><thead><tr><th scope=\"col\">Useful points</th>\
         <th scope=\"col\">Fewest runs</th><th scope=\"col\">Most runs</th></tr></thead><tbody>\n",
    );
    let mut anh = String::from(
        "<table id=\"anhoej-limits-table\"><caption>Anhøj limits</caption><thead><tr><th scope=\"col\">Useful points</th>\
         <th scope=\"col\">Longest run, at most</th><th scope=\"col\">Crossings, at least</th></tr></thead><tbody>\n",
    );
    for n in ns {
        if let Some((lo, hi)) = runs_table::runs_limits(n) {
            ihi.push_str(&format!("<tr><th scope=\"row\">{n}</th><td>{lo}</td><td>{hi}</td></tr>\n"));
        }
        anh.push_str(&format!(
            "<tr><th scope=\"row\">{n}</th><td>{}</td><td>{}</td></tr>\n",
            anhoej::longest_run_max(n),
            anhoej::crossings_min(n)
        ));
    }
    ihi.push_str("</tbody></table>\n");
    anh.push_str("</tbody></table>\n");
    format!(
        "<section class=\"limits\"><h2>Limits for 10 to 60 useful points</h2>\n<p>IHI: fewer runs than the fewest, \
         or more than the most, is a signal. Anhøj: a run longer than the longest allowed, or fewer crossings than \
         the least, is a signal. A value equal to a limit is not a signal.</p>\n<div class=\"tables\">{ihi}{anh}</div></section>\n"
    )
}

/// The chart as inline SVG: inside HTML it needs no namespace, and its styles are in the head.
fn inline_svg(e: &Exercise) -> String {
    exercise_svg(e, false)
        .map(|svg| {
            svg.replacen("<svg xmlns=\"http://www.w3.org/2000/svg\" ", "<svg ", 1).replacen(
                &format!("<style>{CHART_CSS}</style>"),
                "",
                1,
            )
        })
        .unwrap_or_default()
}

fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

fn exercise_section(e: &Exercise) -> String {
    let mut s = format!("<section class=\"exercise\" id=\"exercise-{}\">\n<h3>{}</h3>\n", e.number, escape(&e.title));
    s.push_str(&format!("<p>{}</p>\n", escape(&e.story)));
    s.push_str(&format!("<figure>{}</figure>\n", inline_svg(e)));
    s.push_str(&format!("<p><strong>{}</strong></p>\n<ol class=\"options\" type=\"A\">\n", escape(&e.question)));
    for o in &e.options {
        s.push_str(&format!("<li>{}</li>\n", escape(&o.text)));
    }
    s.push_str("</ol>\n<p>Your answer, and what you would tell the panel:</p><div class=\"write\"></div><div class=\"write\"></div>\n</section>\n");
    s
}

fn answer_sheet(list: &[Exercise]) -> String {
    let mut s = String::from("<section class=\"answers\" id=\"answer-sheet\"><h2>Answer sheet</h2>\n");
    for e in list {
        let answer = e.options.get(e.correct).map(|o| o.text.as_str()).unwrap_or_default();
        s.push_str(&format!(
            "<div class=\"answer\"><h3>{}</h3>\n<p><strong>{}. {}</strong></p>\n<p>{}</p></div>\n",
            escape(&e.title),
            letter(e.correct),
            escape(answer),
            escape(&e.explanation)
        ));
    }
    s.push_str("</section>\n");
    s
}
