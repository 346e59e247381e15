//! The app draws charts with the same classes as the standalone SVG export. Its stylesheet
//! (style/charts.css; the page's CSP forbids inline styles) must hold exactly the export's rules.

use timescales_core::chart::svg::CHART_CSS;

/// Rules as a list, without comments and line breaks.
fn rules(css: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    text.split('}').map(|r| r.trim().replace('\n', "")).filter(|r| !r.is_empty()).collect()
}

#[test]
fn app_chart_stylesheet_matches_the_svg_export() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/charts.css");
    let app = std::fs::read_to_string(path).expect("style/charts.css exists");
    let export = rules(CHART_CSS);
    assert!(export.len() > 20, "the export stylesheet has its rules");
    assert_eq!(rules(&app), export, "regenerate style/charts.css from CHART_CSS");
}
