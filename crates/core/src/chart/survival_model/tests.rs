use super::*;
use crate::chart::svg::{CHART_CSS, survival_chart_svg, tests::check_xml};
use crate::survival::{Observation, kaplan_meier};

/// Plot x 50..950 (900 wide), y 50..350 (300 high); with times up to 30 days the x domain is
/// 0..30 (step 2), so x = 50 + 30 t and y = 350 - 300 S.
fn layout() -> SurvivalChartLayout {
    SurvivalChartLayout {
        width: 1000.0,
        height: 400.0,
        margin_left: 50.0,
        margin_right: 50.0,
        margin_top: 50.0,
        margin_bottom: 50.0,
        censor_tick: 4.0,
    }
}

fn fit(obs: &[Observation]) -> KaplanMeier {
    kaplan_meier(obs).expect("valid durations")
}

/// Three children: an event at 10 days, one censored at 20, an event at 30.
/// S: 1 until 10, 2/3 from 10, 0 from 30.
fn three() -> SurvivalChartSpec {
    let f = fit(&[Observation::event(10.0), Observation::censored(20.0), Observation::event(30.0)]);
    let mut s = SurvivalChartSpec::new("km", "Three children", "the start");
    s.layout = layout();
    s.curves = vec![SurvivalCurveSpec::from_fit("All children", &f)];
    s
}

#[test]
fn three_point_table_gives_this_step_path() {
    let m = three().build();
    assert_eq!((m.x_scale.d0, m.x_scale.d1), (0.0, 30.0));
    assert_eq!(m.panel.frame, Rect { x: 50.0, y: 50.0, w: 900.0, h: 300.0 });
    // (0, 1) -> flat to day 10 (x 350) -> down to 2/3 (y 150) -> flat to day 30 (x 950) -> down to 0.
    assert_eq!(m.curves[0].path, "M50 50L350 50L350 150L950 150L950 350");
}

#[test]
fn censor_ticks_sit_on_the_curve_at_their_times() {
    let m = three().build();
    let c = &m.curves[0];
    // Day 20: x 50 + 600 = 650, on the 2/3 level (y 150); a tick 4 units either side.
    assert_eq!(c.censor_marks, [CensorMark { time: 20.0, count: 1, x: 650.0, y: 150.0 }]);
    assert_eq!(c.censor_path, "M650 146L650 154");
    // An event and a censoring on the same day: the tick sits on the level after the drop.
    let f = fit(&[Observation::event(15.0), Observation::censored(15.0), Observation::event(30.0)]);
    let mut s = three();
    s.curves = vec![SurvivalCurveSpec::from_fit("Tied", &f)];
    let m = s.build();
    // S(15) = 2/3: x 500, y 150.
    assert_eq!(m.curves[0].censor_marks[0].x, 500.0);
    assert_eq!(m.curves[0].censor_marks[0].y, 150.0);
}

#[test]
fn band_is_a_closed_step_polygon_that_stops_without_an_interval() {
    let m = three().build();
    // At day 10: Greenwood 1 / (3 x 2) = 1/6; lower = 2/3 x exp(-1.959964 x sqrt(1/6)) = 0.2995,
    // y = 350 - 300 x 0.2995 = 260.1; upper 1.48 capped at 1 (y 50). At day 30 the survival is 0
    // and there is no interval, so the band ends there. Along the top, then back along the bottom.
    assert_eq!(m.curves[0].band, "M50 50L350 50L950 50L950 260.1L350 260.1L350 50L50 50Z");
    // A curve that reaches 0 at its first event has no band at all.
    let mut s = three();
    s.curves = vec![SurvivalCurveSpec::from_fit("One", &fit(&[Observation::event(10.0)]))];
    assert_eq!(s.build().curves[0].band, "");
}

#[test]
fn a_gap_in_the_interval_splits_the_band() {
    let row = |time: f64, survival: f64, ci: Option<(f64, f64)>| KmRow {
        time,
        at_risk: 1,
        events: 1,
        censored: 0,
        survival,
        lower: ci.map(|c| c.0),
        upper: ci.map(|c| c.1),
    };
    let mut s = three();
    s.curves = vec![SurvivalCurveSpec {
        name: "Hand-made".into(),
        n: 3,
        table: vec![row(10.0, 0.5, Some((0.25, 0.75))), row(20.0, 0.5, None), row(30.0, 0.5, Some((0.25, 0.75)))],
    }];
    let band = s.build().curves[0].band.clone();
    // Days 0 to 20, then a second polygon starting at day 30 that is empty (nothing after it).
    assert_eq!(band, "M50 50L350 50L350 125L650 125L650 275L350 275L350 50L50 50Z");
}

#[test]
fn median_marker_where_the_curve_reaches_half() {
    let m = three().build();
    // F reaches 1/2 first at day 30: the drop line from the 50% guide (y 200) to the axis.
    let md = m.curves[0].median.as_ref().expect("median reached");
    assert_eq!(md.value, 30.0);
    assert_eq!(md.line, Line::new(950.0, 200.0, 950.0, 350.0));
    assert_eq!(md.label.text, "Median 30");
    assert_eq!(md.label.anchor, Anchor::End, "no room to the right of the plot's edge");
    let half = m.half.as_ref().expect("50% guide");
    assert_eq!((half.line.y1, half.line.x1, half.line.x2), (200.0, 50.0, 950.0));
}

#[test]
fn a_curve_that_never_drops_below_half_has_no_median_marker() {
    // Four children, one event: S = 3/4, then censorings only.
    let obs = [
        Observation::event(5.0),
        Observation::censored(12.0),
        Observation::censored(20.0),
        Observation::censored(30.0),
    ];
    let mut s = three();
    s.curves = vec![SurvivalCurveSpec::from_fit("Slow", &fit(&obs))];
    let m = s.build();
    let c = &m.curves[0];
    assert!(c.median.is_none() && c.median_ci.median.is_none());
    assert!(!survival_chart_svg(&m).contains("class=\"ts-km-median\""));
    assert!(m.description.contains("median not reached"), "{}", m.description);
    // The curve runs on flat to the last censoring: 3/4 is y 125.
    assert_eq!(c.path, "M50 50L200 50L200 125L950 125");
    assert_eq!(c.censor_marks.iter().map(|k| k.x).collect::<Vec<_>>(), [410.0, 650.0, 950.0]);
}

#[test]
fn an_empty_fit_says_no_data_instead_of_panicking() {
    for curves in [vec![], vec![SurvivalCurveSpec::from_fit("Nobody", &KaplanMeier::default())]] {
        let mut s = SurvivalChartSpec::new("km0", "Empty", "the start");
        s.curves = curves;
        s.target = Some(TargetSpec { value: 84.0, label: "Target 84 days".into() });
        let m = s.build();
        assert!(m.message.as_deref().is_some_and(|t| t.starts_with("No data")));
        assert!(m.panel.message.is_some());
        assert!(m.half.is_none());
        assert!(m.curves.iter().all(|c| c.path.is_empty() && c.band.is_empty() && c.median.is_none()));
        assert!(m.tables.iter().all(|t| t.rows.is_empty()));
        assert!(m.description.contains("No data"));
        let svg = survival_chart_svg(&m);
        check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        assert!(svg.contains("No data: no children can be counted"));
        assert!(!svg.contains("NaN"));
    }
}

#[test]
fn target_line_is_vertical_with_its_label() {
    let mut s = three();
    s.target = Some(TargetSpec { value: 12.0, label: "Target 12 days".into() });
    let m = s.build();
    let t = m.target.as_ref().expect("target");
    // Day 12: x 50 + 360 = 410, the full plot height.
    assert_eq!(t.line, Line::new(410.0, 50.0, 410.0, 350.0));
    assert_eq!((t.label.x, t.label.anchor), (414.0, Anchor::Start));
    assert!(m.legend.iter().any(|e| e.symbol.class == "ts-km-target" && e.label.text == "Target (12 days)"));
    assert!(m.description.contains("Target 12 days."));
    // A target beyond the data widens the axis: 0..40 (step 5).
    s.target = Some(TargetSpec { value: 40.0, label: "Target".into() });
    assert_eq!(s.build().x_scale.d1, 40.0);
}

#[test]
fn two_curves_differ_by_dash_and_colour_and_carry_the_log_rank_sentence() {
    let a = fit(&[Observation::event(5.0), Observation::event(10.0), Observation::censored(12.0)]);
    let b = fit(&[Observation::event(20.0), Observation::censored(25.0), Observation::event(30.0)]);
    let mut s = three();
    s.curves = vec![SurvivalCurveSpec::from_fit("New entrants", &a), SurvivalCurveSpec::from_fit("Backlog", &b)];
    s.sentences = vec!["The difference between the groups could be chance (log-rank p = 0.20).".into()];
    let m = s.build();
    assert_eq!(m.curves[0].style.curve, "ts-km-curve");
    assert_eq!(m.curves[1].style.curve, "ts-km-curve-2");
    let texts: Vec<_> = m.legend.iter().map(|e| e.label.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "New entrants (n = 3)",
            "Backlog (n = 3)",
            "95% confidence bands",
            "Censored: still waiting or left another way"
        ]
    );
    assert_eq!(m.legend[3].key, LegendKey::Tick);
    assert!(m.description.ends_with("(log-rank p = 0.20)."), "{}", m.description);
    assert!(m.curves[1].median.as_ref().is_some_and(|k| k.label.text == "Backlog: median 30"));
    // Each curve style has its own stroke colour and dash pattern in the stylesheet.
    let rule = |class: &str| {
        let start = CHART_CSS.find(&format!(".{class}{{")).unwrap_or_else(|| panic!("{class} styled"));
        CHART_CSS[start..].split('}').next().unwrap_or_default().to_string()
    };
    let styles: Vec<String> = CURVE_STYLES.iter().map(|c| rule(c.curve)).collect();
    let dash = |r: &String| r.split("stroke-dasharray:").nth(1).map(|d| d.split(';').next().unwrap_or("").to_string());
    let stroke = |r: &String| r.split("stroke:").nth(1).map(|d| d[..7].to_string());
    for i in 0..styles.len() {
        for j in i + 1..styles.len() {
            assert_ne!(dash(&styles[i]), dash(&styles[j]), "dash patterns differ");
            assert_ne!(stroke(&styles[i]), stroke(&styles[j]), "colours differ");
        }
    }
}

/// The contrast ratio of a colour against white (WCAG 2.2, "relative luminance").
fn contrast_with_white(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(255)) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    1.05 / (l + 0.05)
}

#[test]
fn curve_tick_and_target_colours_meet_contrast_against_white() {
    // Hand-checked: GOV.UK blue #1d70b8 is 5.17:1, #a64600 6.0:1, #00703c 6.21:1, red #d4351c 4.86:1.
    assert!((contrast_with_white("#1d70b8") - 5.17).abs() < 0.01);
    let mut classes: Vec<&str> = CURVE_STYLES.iter().flat_map(|c| [c.curve, c.censor]).collect();
    classes.extend(["ts-km-target", "ts-km-half", "ts-km-median"]);
    for class in classes {
        let start = CHART_CSS.find(&format!(".{class}{{")).unwrap_or_else(|| panic!("{class} styled"));
        let rule = CHART_CSS[start..].split('}').next().unwrap_or_default();
        let colour = rule.split("stroke:").nth(1).map(|c| &c[..7]).unwrap_or_else(|| panic!("{class} has a stroke"));
        let ratio = contrast_with_white(colour);
        assert!(ratio >= 4.5, "{class} {colour}: {ratio:.2}:1");
    }
}

#[test]
fn table_rows_for_screen_readers() {
    let m = three().build();
    let t = &m.tables[0];
    assert_eq!(t.name, "All children");
    let cells: Vec<_> = t.rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(
        cells,
        [
            ["10", "3", "1", "0", "66.7%", "30% to 100%"].map(String::from),
            ["20", "2", "0", "1", "66.7%", "30% to 100%"].map(String::from),
            ["30", "1", "1", "0", "0%", "none"].map(String::from),
        ]
    );
    assert_eq!(SURVIVAL_TABLE_HEADERS.len(), t.rows[0].cells.len());
    assert_eq!(m.table_id(0), "km-table-1");
}

#[test]
fn svg_is_well_formed_styled_and_free_of_nan() {
    let mut s = three();
    s.title = "Recommendation to panel <M3→M4> & more".into();
    s.target = Some(TargetSpec { value: 12.0, label: "Target 12 days".into() });
    // A broken row (not a number) is left out rather than drawn as NaN.
    s.curves[0].table.insert(
        1,
        KmRow { time: f64::NAN, at_risk: 2, events: 0, censored: 1, survival: f64::NAN, lower: None, upper: None },
    );
    let m = s.build();
    assert_eq!(m.curves[0].path, "M50 50L350 50L350 150L950 150L950 350");
    let svg = survival_chart_svg(&m);
    let names = check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert_eq!(names[1], "title");
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert!(!svg.contains("style="), "no inline style attributes (CSP)");
    assert!(svg.contains("aria-labelledby=\"km-title km-desc\""));
    assert!(svg.contains("&lt;M3→M4&gt; &amp; more"));
    assert!(svg.contains("<g id=\"km-curve-1\">"));
    for class in ["ts-km-curve", "ts-km-band", "ts-km-censor", "ts-km-target", "ts-km-half", "ts-km-median"] {
        assert!(svg.contains(&format!("class=\"{class}\"")), "{class} drawn");
        assert!(CHART_CSS.contains(&format!(".{class}{{")), "{class} styled");
    }
}

#[test]
fn y_axis_reads_in_percentages() {
    let m = three().build();
    let labels: Vec<_> = m.y_ticks.iter().map(|t| t.label.text.as_str()).collect();
    assert_eq!(labels, ["0%", "20%", "40%", "60%", "80%", "100%"]);
    assert_eq!(m.axis_titles[0].text, "Proportion still waiting");
    assert_eq!(m.axis_titles[1].text, "Days since the start");
}
