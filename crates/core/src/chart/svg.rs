//! Standalone SVG strings from the chart models, for export, printing and the CLI.
//!
//! Output is accessible (`role="img"`, `<title>` and `<desc>` referenced by `aria-labelledby`)
//! and CSP-safe: colours come from classes in one `<style>` element ([`CHART_CSS`], which the app
//! also ships in its stylesheet) and SVG presentation attributes, never `style="..."`. Many marks
//! are merged into one `<path>` per class so large charts stay small.

use super::ChartMeta;
use super::geom::{ClassedPath, Label, LegendEntry, Line, Rect, push_num};
use super::placement_history_model::PlacementHistoryModel;
use super::runchart_model::RunChartModel;
use super::survival_model::SurvivalChartModel;
use super::timeline_model::TimelineModel;

/// The chart stylesheet: every class the models use. Colour-blind-safe colours (Okabe–Ito and
/// GOV.UK palettes). The app should include the same rules in its own CSS file.
pub const CHART_CSS: &str = "\
.ts-chart{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;font-size:12px}\
.ts-bg{fill:#fff}\
.ts-panel{fill:none;stroke:#b1b4b6}\
.ts-grid{fill:none;stroke:#e5e6e7}\
.ts-axis{fill:none;stroke:#0b0c0c}\
.ts-tick-label{fill:#0b0c0c;font-size:11px}\
.ts-axis-title{fill:#0b0c0c;font-size:12px;font-weight:bold}\
.ts-data-line{fill:none;stroke:#505a5f;stroke-width:1.5}\
.ts-point{fill:#505a5f}\
.ts-point-on-centre{fill:#fff;stroke:#505a5f;stroke-width:1.5}\
.ts-point-improvement{fill:#0072b2}\
.ts-point-deterioration{fill:#d55e00}\
.ts-point-change{fill:#a6528a}\
.ts-point-excluded{fill:#8b9093}\
.ts-centre{fill:none;stroke:#0b0c0c;stroke-width:2}\
.ts-centre-extended{fill:none;stroke:#0b0c0c;stroke-width:2;stroke-dasharray:6 4}\
.ts-target{fill:none;stroke:#d4351c;stroke-width:2}\
.ts-phase{fill:none;stroke:#505a5f;stroke-dasharray:3 3}\
.ts-bar-within{fill:#c27100}\
.ts-bar-past-target{fill:#d4351c}\
.ts-centre-label,.ts-phase-label,.ts-annotation,.ts-gap-label{fill:#0b0c0c;font-size:11px}\
.ts-target-label{fill:#b52a14;font-size:11px}\
.ts-centre-label,.ts-phase-label,.ts-annotation,.ts-gap-label,.ts-target-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\
.ts-annotation-line{fill:none;stroke:#505a5f}\
.ts-message{fill:#505a5f;font-size:14px}\
.ts-legend-text{fill:#0b0c0c;font-size:12px}\
.ts-band{fill:#f3f2f1;stroke:#b1b4b6}\
.ts-milestone{fill:#0b0c0c}\
.ts-milestone-label{fill:#0b0c0c;font-size:10px;font-weight:bold}\
.ts-move{fill:none;stroke:#fff;stroke-width:2}\
.ts-event,.ts-event-key{fill:none;stroke:#0b0c0c;stroke-width:1.5}\
.ts-gap{fill:#ffdd00;fill-opacity:0.25;stroke:#b89c00;stroke-dasharray:2 2}\
.ts-as-at,.ts-zero-line{fill:none;stroke:#1d70b8;stroke-dasharray:4 3}\
.ts-row-label{fill:#0b0c0c;font-size:12px}\
.ts-age-tick{fill:none;stroke:#505a5f}\
.ts-age-label{fill:#505a5f;font-size:10px}\
.ts-pt-at-home{fill:#009e73}\
.ts-pt-kinship{fill:#56b4e9}\
.ts-pt-foster-la{fill:#0072b2}\
.ts-pt-foster-purchased{fill:#cc79a7}\
.ts-pt-prospective-adopters{fill:#f0e442}\
.ts-pt-other-community{fill:#e69f00}\
.ts-pt-residential{fill:#d55e00}\
.ts-pt-secure{fill:#000}\
.ts-pt-unknown{fill:#b1b4b6}\
.ts-km-curve{fill:none;stroke:#1d70b8;stroke-width:2.5}\
.ts-km-curve-2{fill:none;stroke:#a64600;stroke-width:2.5;stroke-dasharray:8 4}\
.ts-km-curve-3{fill:none;stroke:#00703c;stroke-width:2.5;stroke-dasharray:2 3}\
.ts-km-band{fill:#1d70b8;fill-opacity:0.15;stroke:none}\
.ts-km-band-2{fill:#a64600;fill-opacity:0.15;stroke:none}\
.ts-km-band-3{fill:#00703c;fill-opacity:0.15;stroke:none}\
.ts-km-censor{fill:none;stroke:#1d70b8;stroke-width:1.5}\
.ts-km-censor-2{fill:none;stroke:#a64600;stroke-width:1.5}\
.ts-km-censor-3{fill:none;stroke:#00703c;stroke-width:1.5}\
.ts-km-target{fill:none;stroke:#d4351c;stroke-width:2}\
.ts-km-half{fill:none;stroke:#505a5f;stroke-dasharray:3 3}\
.ts-km-median{fill:none;stroke:#0b0c0c;stroke-dasharray:1 3}";

/// Escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

struct W {
    s: String,
}

impl W {
    fn open(meta: &ChartMeta, cap: usize) -> W {
        let ChartMeta { id, title, description: desc, width, height } = meta;
        let (width, height) = (*width, *height);
        let mut w = W { s: String::with_capacity(cap + CHART_CSS.len() + 512) };
        let id = escape(id);
        w.s.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"");
        w.s.push_str(&id);
        w.s.push_str("\" class=\"ts-chart\" viewBox=\"0 0 ");
        push_num(&mut w.s, width);
        w.s.push(' ');
        push_num(&mut w.s, height);
        w.s.push_str("\" width=\"");
        push_num(&mut w.s, width);
        w.s.push_str("\" height=\"");
        push_num(&mut w.s, height);
        w.s.push_str(&format!("\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">"));
        w.s.push_str(&format!("<title id=\"{id}-title\">{}</title>", escape(title)));
        w.s.push_str(&format!("<desc id=\"{id}-desc\">{}</desc>", escape(desc)));
        w.s.push_str("<style>");
        w.s.push_str(CHART_CSS);
        w.s.push_str("</style>");
        w.rect(&Rect { x: 0.0, y: 0.0, w: width, h: height }, "ts-bg");
        w
    }

    fn attr(&mut self, name: &str, v: f64) {
        self.s.push(' ');
        self.s.push_str(name);
        self.s.push_str("=\"");
        push_num(&mut self.s, v);
        self.s.push('"');
    }

    fn rect(&mut self, r: &Rect, class: &str) {
        self.s.push_str("<rect class=\"");
        self.s.push_str(class);
        self.s.push('"');
        self.attr("x", r.x);
        self.attr("y", r.y);
        self.attr("width", r.w);
        self.attr("height", r.h);
        self.s.push_str("/>");
    }

    fn line(&mut self, l: &Line, class: &str) {
        self.s.push_str("<line class=\"");
        self.s.push_str(class);
        self.s.push('"');
        self.attr("x1", l.x1);
        self.attr("y1", l.y1);
        self.attr("x2", l.x2);
        self.attr("y2", l.y2);
        self.s.push_str("/>");
    }

    /// Many lines of one class as one path.
    fn lines<'a>(&mut self, ls: impl IntoIterator<Item = &'a Line>, class: &str) {
        self.path(&super::geom::lines_path(ls), class, false);
    }

    fn path(&mut self, d: &str, class: &str, crisp: bool) {
        if d.is_empty() {
            return;
        }
        self.s.push_str("<path class=\"");
        self.s.push_str(class);
        self.s.push_str("\" d=\"");
        self.s.push_str(d);
        if crisp {
            self.s.push_str("\" shape-rendering=\"crispEdges");
        }
        self.s.push_str("\"/>");
    }

    fn classed(&mut self, p: &ClassedPath, crisp: bool) {
        self.path(&p.d, p.class, crisp);
    }

    fn text(&mut self, l: &Label) {
        self.s.push_str("<text class=\"");
        self.s.push_str(l.class);
        self.s.push('"');
        self.attr("x", l.x);
        self.attr("y", l.y);
        if l.anchor != super::geom::Anchor::Start {
            self.s.push_str(" text-anchor=\"");
            self.s.push_str(l.anchor.as_str());
            self.s.push('"');
        }
        if let Some(deg) = l.rotate {
            self.s.push_str(" transform=\"rotate(");
            push_num(&mut self.s, deg);
            self.s.push(' ');
            push_num(&mut self.s, l.x);
            self.s.push(' ');
            push_num(&mut self.s, l.y);
            self.s.push_str(")\"");
        }
        self.s.push('>');
        self.s.push_str(&escape(&l.text));
        self.s.push_str("</text>");
    }

    /// A shape with a tooltip: used only for the few marks that need one.
    fn titled_path(&mut self, d: &str, class: &str, title: &str) {
        self.s.push_str("<path class=\"");
        self.s.push_str(class);
        self.s.push_str("\" d=\"");
        self.s.push_str(d);
        self.s.push_str("\"><title>");
        self.s.push_str(&escape(title));
        self.s.push_str("</title></path>");
    }

    fn legend(&mut self, entries: &[LegendEntry]) {
        if entries.is_empty() {
            return;
        }
        self.s.push_str("<g class=\"ts-legend\">");
        for e in entries {
            self.classed(&e.symbol, false);
            self.text(&e.label);
        }
        self.s.push_str("</g>");
    }

    fn finish(mut self) -> String {
        self.s.push_str("</svg>");
        self.s
    }
}

/// The run chart with its waiting bars as a standalone SVG document.
pub fn run_chart_svg(m: &RunChartModel) -> String {
    let cap = m.data_line.len()
        + m.marker_paths.iter().map(|p| p.d.len() + 32).sum::<usize>()
        + m.bar_paths.iter().map(|p| p.d.len() + 48).sum::<usize>();
    let mut w = W::open(&m.meta, cap + 4096);
    w.lines(m.y_ticks.iter().map(|t| &t.line), "ts-grid");
    for p in std::iter::once(&m.run_panel).chain(&m.bar_panel) {
        w.s.push_str(&format!("<g id=\"{}\">", escape(&p.id)));
        w.rect(&p.frame, "ts-panel");
        w.s.push_str("</g>");
    }
    for c in &m.centre_lines {
        w.line(&c.solid, "ts-centre");
        if let Some(e) = &c.extended {
            w.line(e, "ts-centre-extended");
        }
    }
    for s in &m.separators {
        w.line(&s.line, "ts-phase");
    }
    w.path(&m.data_line, "ts-data-line", false);
    for p in &m.bar_paths {
        w.classed(p, true);
    }
    if let Some(t) = &m.target {
        w.line(&t.line, "ts-target");
    }
    for p in &m.marker_paths {
        w.classed(p, false);
    }
    w.lines(m.annotations.iter().map(|a| &a.leader), "ts-annotation-line");
    w.lines(m.axis_lines.iter().chain(m.x_ticks.iter().map(|t| &t.line)), "ts-axis");
    for t in m.y_ticks.iter().chain(&m.x_ticks) {
        w.text(&t.label);
    }
    for c in &m.centre_lines {
        w.text(&c.label);
    }
    if let Some(t) = &m.target {
        w.text(&t.label);
    }
    for s in &m.separators {
        w.text(&s.label);
    }
    for a in &m.annotations {
        w.text(&a.label);
    }
    for l in &m.axis_titles {
        w.text(l);
    }
    for msg in [&m.run_panel.message, &m.bar_panel.as_ref().and_then(|p| p.message.clone())].into_iter().flatten() {
        w.text(msg);
    }
    w.legend(&m.legend);
    w.finish()
}

/// The Kaplan-Meier chart as a standalone SVG document: bands under the curves, each curve in its
/// own group (`<id>-curve-1`, ...) with its censoring ticks (docs/survival.md).
pub fn survival_chart_svg(m: &SurvivalChartModel) -> String {
    let cap = m.curves.iter().map(|c| c.path.len() + c.band.len() + c.censor_path.len() + 160).sum::<usize>();
    let meta = super::ChartMeta {
        id: m.id.clone(),
        title: m.title.clone(),
        description: m.description.clone(),
        width: m.width,
        height: m.height,
    };
    let mut w = W::open(&meta, cap + 4096);
    w.lines(m.y_ticks.iter().map(|t| &t.line), "ts-grid");
    w.s.push_str(&format!("<g id=\"{}\">", escape(&m.panel.id)));
    w.rect(&m.panel.frame, "ts-panel");
    w.s.push_str("</g>");
    for c in &m.curves {
        w.path(&c.band, c.style.band, false);
    }
    if let Some(h) = &m.half {
        w.line(&h.line, "ts-km-half");
    }
    if let Some(t) = &m.target {
        w.line(&t.line, "ts-km-target");
    }
    for md in m.curves.iter().filter_map(|c| c.median.as_ref()) {
        w.line(&md.line, "ts-km-median");
    }
    for (i, c) in m.curves.iter().enumerate() {
        w.s.push_str(&format!("<g id=\"{}-curve-{}\">", escape(&m.id), i + 1));
        w.path(&c.path, c.style.curve, false);
        w.path(&c.censor_path, c.style.censor, false);
        w.s.push_str("</g>");
    }
    w.lines(m.axis_lines.iter().chain(m.x_ticks.iter().map(|t| &t.line)), "ts-axis");
    for t in m.y_ticks.iter().chain(&m.x_ticks) {
        w.text(&t.label);
    }
    for l in m.half.iter().chain(&m.target).map(|t| &t.label) {
        w.text(l);
    }
    for md in m.curves.iter().filter_map(|c| c.median.as_ref()) {
        w.text(&md.label);
    }
    for l in m.axis_titles.iter().chain(&m.panel.message) {
        w.text(l);
    }
    w.legend(&m.legend);
    w.finish()
}

/// Child timelines as a standalone SVG document.
pub fn timeline_svg(m: &TimelineModel) -> String {
    let mut w = W::open(&m.meta, 8192);
    w.lines(m.x_ticks.iter().map(|t| &t.line), "ts-grid");
    for (i, r) in m.rows.iter().enumerate() {
        w.s.push_str(&format!("<g id=\"{}-row-{}\">", escape(&m.meta.id), i + 1));
        for g in &r.gaps {
            let mut d = super::geom::PathBuilder::new();
            d.rect(g.rect.x, g.rect.y, g.rect.w, g.rect.h);
            w.titled_path(&d.finish(), "ts-gap", &g.text);
        }
        w.rect(&r.band, "ts-band");
        for s in &r.segments {
            let mut d = super::geom::PathBuilder::new();
            d.rect(s.rect.x, s.rect.y, s.rect.w, s.rect.h);
            w.titled_path(&d.finish(), s.class, &s.text);
        }
        w.path(&r.moves_path, "ts-move", false);
        w.path(&r.events_path, "ts-event", false);
        for mk in &r.milestones {
            w.titled_path(&mk.shape.path_d(mk.x, mk.y, 4.0), "ts-milestone", &mk.text);
            w.text(&mk.code);
        }
        for g in &r.gaps {
            if let Some(l) = &g.label {
                w.text(l);
            }
        }
        w.lines(r.age_ticks.iter().map(|t| &t.line), "ts-age-tick");
        for t in &r.age_ticks {
            w.text(&t.label);
        }
        w.text(&r.label);
        w.s.push_str("</g>");
    }
    if let Some(l) = &m.as_at_line {
        w.line(l, "ts-as-at");
    }
    w.line(&m.axis_line, "ts-axis");
    for t in &m.x_ticks {
        w.text(&t.label);
    }
    if let Some(msg) = &m.message {
        w.text(&Label::new(
            m.plot.x + m.plot.w / 2.0,
            m.plot.y + 30.0,
            msg.clone(),
            super::geom::Anchor::Middle,
            "ts-message",
        ));
    }
    w.legend(&m.legend);
    w.finish()
}

/// Grouped placement histories as a standalone SVG document (one path per placement type).
pub fn placement_history_svg(m: &PlacementHistoryModel) -> String {
    let cap = m.type_paths.iter().map(|p| p.d.len() + 48).sum::<usize>();
    let mut w = W::open(&m.meta, cap + 4096);
    w.lines(m.x_ticks.iter().map(|t| &t.line), "ts-grid");
    for p in &m.type_paths {
        w.classed(p, true);
    }
    w.path(&m.moves_path, "ts-move", false);
    if let Some(z) = &m.zero_line {
        w.line(z, "ts-zero-line");
    }
    w.line(&m.axis_line, "ts-axis");
    for t in &m.x_ticks {
        w.text(&t.label);
    }
    for r in &m.rows {
        if let Some(l) = &r.label {
            w.text(l);
        }
    }
    w.text(&m.axis_title);
    if let Some(msg) = &m.message {
        w.text(&Label::new(
            m.plot.x + m.plot.w / 2.0,
            m.plot.y + 12.0,
            msg.clone(),
            super::geom::Anchor::Middle,
            "ts-message",
        ));
    }
    w.legend(&m.legend);
    w.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::chart::placement_history_model::*;
    use crate::chart::runchart_model::*;
    use crate::chart::timeline_model::*;
    use crate::model::{Milestone, PlacementType};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A small well-formedness check: tags balance, attributes are quoted and unique, entities
    /// are known, and no text contains a raw `<` or `&`. Returns the element names in order.
    pub(crate) fn check_xml(s: &str) -> Result<Vec<String>, String> {
        let b = s.as_bytes();
        let mut i = 0;
        let mut stack: Vec<String> = Vec::new();
        let mut names = Vec::new();
        let check_entities = |t: &str| -> Result<(), String> {
            let mut rest = t;
            while let Some(p) = rest.find('&') {
                let after = &rest[p + 1..];
                let end = after.find(';').ok_or_else(|| format!("bare & in {t:?}"))?;
                let ent = &after[..end];
                let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                    || (ent.starts_with('#') && ent[1..].chars().all(|c| c.is_ascii_digit()) && ent.len() > 1);
                if !ok {
                    return Err(format!("unknown entity &{ent};"));
                }
                rest = &after[end + 1..];
            }
            Ok(())
        };
        while i < b.len() {
            if b[i] == b'<' {
                let close = s[i..].find('>').ok_or("unclosed tag")? + i;
                let tag = &s[i + 1..close];
                if let Some(name) = tag.strip_prefix('/') {
                    let top = stack.pop().ok_or_else(|| format!("stray </{name}>"))?;
                    if top != name {
                        return Err(format!("</{name}> closes <{top}>"));
                    }
                } else {
                    let self_closing = tag.ends_with('/');
                    let body = tag.trim_end_matches('/');
                    let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
                    let name = &body[..name_end];
                    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
                        return Err(format!("bad tag name {name:?}"));
                    }
                    // Attributes: name="value" pairs.
                    let mut rest = body[name_end..].trim_start();
                    let mut seen = Vec::new();
                    while !rest.is_empty() {
                        let eq = rest.find('=').ok_or_else(|| format!("attribute without value in <{name}>"))?;
                        let an = rest[..eq].trim();
                        if seen.contains(&an) {
                            return Err(format!("duplicate attribute {an} in <{name}>"));
                        }
                        seen.push(an);
                        let after = &rest[eq + 1..];
                        if !after.starts_with('"') {
                            return Err(format!("unquoted attribute {an}"));
                        }
                        let vend = after[1..].find('"').ok_or("unterminated attribute")? + 1;
                        let v = &after[1..vend];
                        if v.contains('<') {
                            return Err(format!("< in attribute {an}"));
                        }
                        check_entities(v)?;
                        rest = after[vend + 1..].trim_start();
                    }
                    names.push(name.to_string());
                    if !self_closing {
                        stack.push(name.to_string());
                    }
                }
                i = close + 1;
            } else {
                let next = s[i..].find('<').map_or(b.len(), |p| p + i);
                let text = &s[i..next];
                if stack.is_empty() && !text.trim().is_empty() {
                    return Err("text outside the root element".into());
                }
                check_entities(text)?;
                i = next;
            }
        }
        if let Some(top) = stack.pop() {
            return Err(format!("<{top}> never closed"));
        }
        Ok(names)
    }

    #[test]
    fn checker_rejects_broken_xml() {
        assert!(check_xml("<svg><g></svg>").is_err());
        assert!(check_xml("<svg><text>a & b</text></svg>").is_err());
        assert!(check_xml("<svg a=1/>").is_err());
        assert!(check_xml("<svg a=\"1\" a=\"2\"/>").is_err());
        assert!(check_xml("<svg><text>a &amp; b</text></svg>").is_ok());
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    fn run_spec() -> RunChartSpec {
        let mut s =
            RunChartSpec::new("rc-a2", "Last accommodated to recommendation <M2→M3>", "recommendation & review");
        s.points = (0..30)
            .map(|i| RunPoint {
                child_id: format!("C{i}"),
                days: (100 + (i * 37) % 200) as f64,
                end_date: Some(d(2020, 1, 1) + chrono::Days::new(i as u64 * 20)),
                flags: PointFlags {
                    phase: usize::from(i >= 15),
                    signal: (i > 20).then_some(SignalDirection::Improvement),
                    excluded: i == 3,
                    ..Default::default()
                },
            })
            .collect();
        s.centre_lines = vec![
            CentreSpec { phase: 0, value: 180.0, first: 1, last: 15, baseline_last: 15, label: None },
            CentreSpec { phase: 1, value: 150.0, first: 16, last: 30, baseline_last: 20, label: None },
        ];
        s.target = Some(TargetSpec { value: 182.0, label: "Target: 6 months".into() });
        s.separators = vec![SeparatorSpec { before: 16, label: "PACE \"test\" <1>".into() }];
        s.annotations = vec![AnnotationSpec { point: 5, text: "Panel paused & restarted".into() }];
        s.waiting = Some(vec![
            WaitingSpec { child_id: "W1".into(), days: 250.0, start: None },
            WaitingSpec { child_id: "W2".into(), days: 20.0, start: None },
        ]);
        s.x_axis = XAxisMode::EndDate;
        s
    }

    fn assert_clean(svg: &str) {
        let names = check_xml(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        assert_eq!(names[0], "svg");
        assert_eq!(names[1], "title");
        assert!(names.contains(&"desc".to_string()) && names.contains(&"style".to_string()));
        assert!(!svg.contains("style="), "no inline style attributes (CSP)");
        assert!(svg.contains("role=\"img\""));
    }

    #[test]
    fn run_chart_svg_is_well_formed_and_accessible() {
        let m = run_spec().build();
        let svg = run_chart_svg(&m);
        assert_clean(&svg);
        assert!(svg.contains("aria-labelledby=\"rc-a2-title rc-a2-desc\""));
        assert!(svg.contains("<g id=\"rc-a2-run\">") && svg.contains("<g id=\"rc-a2-waiting\">"));
        assert!(svg.contains("<title id=\"rc-a2-title\">Last accommodated to recommendation &lt;M2→M3&gt;</title>"));
        assert!(svg.contains("PACE &quot;test&quot; &lt;1&gt;"));
        assert!(svg.contains("Panel paused &amp; restarted"));
        // One data line path and one path per marker kind (plus its legend key), not one
        // element per point: 30 points give far fewer than 30 paths.
        assert_eq!(svg.matches("class=\"ts-data-line\"").count(), 1);
        assert_eq!(svg.matches("class=\"ts-point\"").count(), 2);
        assert!(svg.matches("<path").count() < 20);
        assert!(svg.contains("ts-centre-extended"));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        // Every class used is styled.
        for class in ["ts-point-improvement", "ts-point-excluded", "ts-bar-past-target", "ts-bar-within", "ts-target"] {
            assert!(svg.contains(&format!("class=\"{class}\"")), "{class} drawn");
            assert!(CHART_CSS.contains(&format!(".{class}{{")), "{class} styled");
        }
    }

    #[test]
    fn empty_run_chart_svg_shows_messages() {
        let mut s = RunChartSpec::new("rc", "Empty", "M3");
        s.waiting = Some(vec![]);
        let svg = run_chart_svg(&s.build());
        assert_clean(&svg);
        assert!(svg.contains("No children have completed this stage yet"));
        assert!(svg.contains("No children waiting"));
    }

    #[test]
    fn timeline_and_history_svgs_are_well_formed() {
        let child = TimelineChild {
            child_id: "A<1>".into(),
            label: "A<1>".into(),
            date_of_birth: Some(d(2018, 7, 1)),
            milestones: vec![
                (Milestone::FirstReferral, d(2020, 1, 1)),
                (Milestone::PermanenceRecommendation, d(2020, 12, 1)),
            ],
            placements: vec![
                PlacementSpan { start: d(2020, 1, 1), end: Some(d(2020, 3, 1)), placement_type: PlacementType::AtHome },
                PlacementSpan { start: d(2020, 3, 1), end: None, placement_type: PlacementType::FosterLa },
            ],
            events: vec![TimelineEvent { date: d(2020, 6, 1), label: "LAC review".into() }],
        };
        let mut ts = TimelineSpec::new("tl", "Timeline & more", vec![child.clone()], d(2021, 12, 31));
        ts.show_age = true;
        let svg = timeline_svg(&ts.build());
        assert_clean(&svg);
        assert!(svg.contains("A&lt;1&gt;"));
        assert!(svg.contains("class=\"ts-gap\""));
        for class in ["ts-pt-at-home", "ts-pt-foster-la", "ts-milestone", "ts-event", "ts-gap", "ts-age-label"] {
            assert!(CHART_CSS.contains(&format!(".{class}")), "{class} styled");
        }

        let row = HistoryRow {
            child_id: "A".into(),
            label: "A".into(),
            accommodated: Some(d(2020, 3, 1)),
            wait_days: None,
            placements: child.placements.clone(),
        };
        let mut hs = PlacementHistorySpec::new("ph", "Histories", vec![row], d(2021, 12, 31));
        hs.align = HistoryAlign::SinceAccommodation;
        let svg = placement_history_svg(&hs.build());
        assert_clean(&svg);
        assert!(svg.contains("ts-zero-line"));
        let empty = timeline_svg(&TimelineSpec::new("t0", "None", vec![], d(2021, 1, 1)).build());
        assert_clean(&empty);
    }

    /// 5,000 points and 2,000 bars with phases, a frozen baseline, a target and date ticks.
    fn large_spec() -> RunChartSpec {
        let mut s = RunChartSpec::new("rc", "Large", "M3");
        s.points = (0..5000)
            .map(|i| RunPoint {
                child_id: format!("C{i:05}"),
                days: ((i * 7919) % 1200) as f64,
                end_date: Some(d(2010, 1, 1) + chrono::Days::new(i as u64)),
                flags: PointFlags {
                    phase: i / 2500,
                    on_centre: i % 50 == 0,
                    signal: (i % 97 < 8).then_some(SignalDirection::Deterioration),
                    ..Default::default()
                },
            })
            .collect();
        s.centre_lines = vec![
            CentreSpec { phase: 0, value: 600.0, first: 1, last: 2500, baseline_last: 1000, label: None },
            CentreSpec { phase: 1, value: 550.0, first: 2501, last: 5000, baseline_last: 5000, label: None },
        ];
        s.separators = vec![SeparatorSpec { before: 2501, label: "Phase 2".into() }];
        s.target = Some(TargetSpec { value: 182.0, label: "Target".into() });
        s.waiting = Some(
            (0..2000)
                .map(|i| WaitingSpec { child_id: format!("W{i:04}"), days: ((i * 389) % 1500) as f64, start: None })
                .collect(),
        );
        s.x_axis = XAxisMode::EndDate;
        s
    }

    /// A large chart draws every mark with a few merged paths, so the SVG stays compact.
    #[test]
    fn large_chart_is_compact() {
        let s = large_spec();
        let m = s.build();
        assert_eq!(s.build(), m, "building twice gives the same model");
        let svg = run_chart_svg(&m);
        assert_eq!(m.markers.len(), 5000);
        assert_eq!(m.bars.len(), 2000);
        assert!(m.bars.windows(2).all(|w| w[0].days >= w[1].days));
        // Few elements: merged paths, not one per mark.
        assert!(svg.matches('<').count() < 200, "{} elements", svg.matches('<').count());
        // About 15 bytes a line vertex, 25-90 per marker, 25 per bar: well under 1 MB.
        assert!(svg.len() < 700_000, "{} bytes", svg.len());
        check_xml(&svg).unwrap();
    }

    /// Timing of the large chart: not a test of correctness, and meaningless in a debug build.
    /// `cargo test -p timescales-core --release --lib large_chart_timing -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing; run by hand in release"]
    fn large_chart_timing() {
        let s = large_spec();
        let best = |f: &dyn Fn()| {
            (0..5)
                .map(|_| {
                    let t = std::time::Instant::now();
                    f();
                    t.elapsed()
                })
                .min()
                .expect("five runs")
        };
        let m = s.build();
        let built = best(&|| {
            std::hint::black_box(s.build());
        });
        let rendered = best(&|| {
            std::hint::black_box(run_chart_svg(&m));
        });
        println!("5,000 points + 2,000 bars: model {built:?}, SVG {rendered:?}");
    }

    /// Writes sample SVGs of every chart from the synthetic cohort for a visual check:
    /// `TS_CHART_DIR=/tmp/charts cargo test -p timescales-core --lib write_sample_svgs -- --ignored`.
    #[test]
    #[ignore = "writes files; run by hand to look at the charts"]
    fn write_sample_svgs() {
        use crate::demo::{self, DemoOptions};
        use crate::model::Milestone as M;
        use crate::runchart::{Baseline, PhaseBreak, Point as RPoint, RunChartConfig, Series, analyse, chart_spec};
        let dir = std::path::PathBuf::from(std::env::var("TS_CHART_DIR").unwrap_or_else(|_| "/tmp/ts-charts".into()));
        std::fs::create_dir_all(&dir).unwrap();
        let opts = DemoOptions { children: 300, ..DemoOptions::default() };
        let ds = demo::generate(opts);
        let mut done: Vec<(NaiveDate, String, f64)> = Vec::new();
        let mut waiting: Vec<WaitingSpec> = Vec::new();
        for c in &ds.children {
            match (c.date(M::LastAccommodated), c.date(M::PermanenceRecommendation)) {
                (Some(s), Some(e)) if e >= s => done.push((e, c.child_id.clone(), (e - s).num_days() as f64)),
                (Some(s), None) => waiting.push(WaitingSpec {
                    child_id: c.child_id.clone(),
                    days: (opts.as_at - s).num_days() as f64,
                    start: Some(s),
                }),
                _ => {}
            }
        }
        done.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let series = Series::new(
            done.iter().map(|(e, id, v)| RPoint { id: Some(id.clone()), ..RPoint::dated(*v, *e) }).collect(),
        );
        let mid = done[done.len() / 2].0;
        let cfg = RunChartConfig {
            baseline: Baseline::FirstN(20),
            phases: vec![PhaseBreak { label: Some("PACE starts".into()), ..PhaseBreak::at_date(mid) }],
            ..RunChartConfig::default()
        };
        let a = analyse(&series, &cfg).unwrap();
        let mut spec =
            chart_spec(&a, "rc-a2", "Aim 2: accommodated to recommendation", "permanence recommendation (M3)");
        spec.target = Some(TargetSpec { value: 182.0, label: "Target 182 days".into() });
        spec.waiting = Some(waiting);
        spec.annotations.push(AnnotationSpec { point: 5, text: "Panel paused".into() });
        std::fs::write(dir.join("runchart.svg"), run_chart_svg(&spec.build())).unwrap();

        let mut kids: Vec<&crate::model::Child> = ds.children.iter().filter(|c| c.sibling_group.is_some()).collect();
        let group = kids[0].sibling_group.clone();
        kids.retain(|c| c.sibling_group == group);
        let tl: Vec<TimelineChild> =
            kids.iter().map(|c| TimelineChild::from_records(c, &ds.placements, &ds.events)).collect();
        let mut ts = TimelineSpec::new("tl", "Sibling timelines", tl, opts.as_at);
        ts.show_age = true;
        std::fs::write(dir.join("timeline.svg"), timeline_svg(&ts.build())).unwrap();

        let rows: Vec<HistoryRow> =
            ds.children.iter().take(60).map(|c| HistoryRow::from_records(c, &ds.placements)).collect();
        let mut hs = PlacementHistorySpec::new("ph", "Placement histories", rows, opts.as_at);
        hs.align = HistoryAlign::SinceAccommodation;
        hs.sort = HistorySort::Moves;
        std::fs::write(dir.join("histories.svg"), placement_history_svg(&hs.build())).unwrap();
    }
}
