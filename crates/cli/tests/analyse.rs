//! End-to-end tests of `timescales analyse`: a small hand-worked CSV through the built binary.
//! Every expected figure is counted on a calendar in the comments.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// The children sheet, dates day-first as users write them. As at 31/12/2021:
/// - A: accommodated 01/03/2021, recommendation 31/08/2021: Mar 30 + Apr 30 + May 31 + Jun 30 +
///   Jul 31 + Aug 31 = 183 days (over 182). Panel 23/11/2021: Sep 30 + Oct 31 + Nov 23 = 84.
/// - B: 01/03/2021 -> 30/08/2021 = 182 (within).
/// - C: 10/01/2021 -> 20/02/2021 = Jan 21 + Feb 20 = 41.
/// - D: accommodated 01/07/2021, waiting: Jul 30 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 183.
/// - E: recommendation blank but panel 01/10/2021: missing but implied.
/// - H: accommodated 01/01/2021, returned home 01/04/2021 with no recommendation: implied too.
const CSV: &str = "\
child_id,team,last_accommodated_date,permanence_recommendation_date,permanence_panel_date,ceased_looked_after_date,destination
A,North,01/03/2021,31/08/2021,23/11/2021,,
B,South,01/03/2021,30/08/2021,,,
C,North,10/01/2021,20/02/2021,,,
D,South,01/07/2021,,,,
E,North,01/02/2021,,01/10/2021,,
H,South,01/01/2021,,,01/04/2021,home
";

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("timescales-analyse-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn analyse(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_timescales")).arg("analyse").args(args).output().expect("run timescales");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = analyse(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("valid JSON")
}

fn stage<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["stages"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("no stage {id}"))
}

#[test]
fn json_carries_the_agreed_keys_and_hand_worked_figures() {
    let dir = TempDir::new("json");
    let file = dir.write("children.csv", CSV);
    let v = json(&[&file, "--as-at", "2021-12-31"]);
    assert_eq!(v["as_at"], "2021-12-31");
    assert_eq!(v["children"], 6);
    let ids: Vec<&str> = v["stages"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "cso_at_home_to_review",
            "accommodated_to_recommendation",
            "recommendation_to_panel",
            "panel_to_adm",
            "recommendation_to_adm",
            "adm_to_court",
            "court_to_order",
            "accommodated_to_order"
        ]
    );
    let s = stage(&v, "accommodated_to_recommendation");
    assert_eq!(s["target_days"], 182);
    assert_eq!(s["target_verified"], true);
    // Complete [41, 182, 183]: median 182, within target 2.
    assert_eq!(s["complete"]["n"], 3);
    assert_eq!(s["complete"]["median_days"], 182.0);
    assert_eq!(s["complete"]["within_target"], 2);
    assert_eq!(s["waiting"]["n"], 1);
    assert_eq!(s["waiting"]["longest_days"], 183);
    assert_eq!(s["waiting"]["over_target"], 1);
    // E (panel recorded) and H (returned home) are missing but implied.
    assert_eq!(s["missing_implied"]["n"], 2);
    assert_eq!(s["missing_implied"]["child_ids"], serde_json::json!(["E", "H"]));
    // Points by end date: C 20/02, B 30/08, A 31/08.
    let pts: Vec<(&str, &str, i64)> = s["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["child_id"].as_str().unwrap(), p["end_date"].as_str().unwrap(), p["days"].as_i64().unwrap()))
        .collect();
    assert_eq!(pts, [("C", "2021-02-20", 41), ("B", "2021-08-30", 182), ("A", "2021-08-31", 183)]);
    let bar = &s["waiting_bars"][0];
    assert_eq!(
        (bar["child_id"].as_str(), bar["start_date"].as_str(), bar["days_waiting"].as_i64()),
        (Some("D"), Some("2021-07-01"), Some(183))
    );

    let p = stage(&v, "recommendation_to_panel");
    assert_eq!(p["target_verified"], false);
    assert_eq!(p["points"][0]["days"], 84);
    // B and C wait for a panel: B from 30/08/2021 = Aug 1 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 123;
    // C from 20/02/2021 = Feb 8 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 314.
    let bars: Vec<i64> =
        p["waiting_bars"].as_array().unwrap().iter().map(|b| b["days_waiting"].as_i64().unwrap()).collect();
    assert_eq!(bars, [314, 123]);
}

#[test]
fn moving_the_as_at_date_completes_a_waiting_child() {
    let dir = TempDir::new("asat");
    let file = dir.write("children.csv", CSV);
    // On 30/08/2021 A's recommendation (31/08) has not happened: 01/03 -> 30/08 = 182 days waiting.
    let v = json(&[&file, "--as-at", "2021-08-30"]);
    let s = stage(&v, "accommodated_to_recommendation");
    let a = s["waiting_bars"].as_array().unwrap().iter().find(|b| b["child_id"] == "A").expect("A waiting");
    assert_eq!(a["days_waiting"], 182);
    assert!(s["points"].as_array().unwrap().iter().all(|p| p["child_id"] != "A"));
    // The default as-at is the latest date in the file (A's panel, 23/11/2021), and says so.
    let v = json(&[&file]);
    assert_eq!(v["as_at"], "2021-11-23");
    assert_eq!(v["as_at_source"], "latest_date_in_data");
    assert_eq!(json(&[&file, "--as-at", "2021-08-30"])["as_at_source"], "given_by_user");
    let v = json(&[&file, "--extract-date", "2021-12-31"]);
    assert_eq!((v["as_at"].as_str(), v["as_at_source"].as_str()), (Some("2021-12-31"), Some("extract_date")));
}

#[test]
fn a_mistyped_future_year_never_becomes_the_as_at_date() {
    let dir = TempDir::new("future");
    // A's panel typed as 2052: the default as-at is the latest date not after today, E's panel on
    // 01/10/2021.
    let file = dir.write("children.csv", &CSV.replace("23/11/2021", "23/11/2052"));
    let (code, out, err) = analyse(&[&file, "--format", "text"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("As at 01/10/2021 (the latest date in the data that is not after today)"), "{out}");
    assert!(err.contains("data problem"), "{err}");
}

#[test]
fn settings_file_changes_targets_filters_and_cohorts() {
    let dir = TempDir::new("settings");
    let file = dir.write("children.csv", CSV);
    let settings = dir.write(
        "settings.json",
        r#"{"unknown": 1, "filters": {"teams": ["north"]},
            "stages": {"accommodated_to_recommendation": {"target_days": 200, "from_date": "2021-02-01"}}}"#,
    );
    let v = json(&[&file, "--settings", &settings, "--as-at", "2021-12-31"]);
    assert_eq!(v["children_after_filters"], 3);
    let s = stage(&v, "accommodated_to_recommendation");
    assert_eq!(s["target_days"], 200);
    // North: A (183) and C (41) complete, both within 200; E implied.
    assert_eq!(s["complete"]["n"], 2);
    assert_eq!(s["complete"]["within_target"], 2);
    assert_eq!(s["missing_implied"]["n"], 1);
    // From 01/02/2021: A (01/03) is a new entrant; C (10/01/2021) is backlog, cleared on 20/02/2021,
    // after the from date.
    let c = &s["cohorts"];
    assert_eq!(c["new_entrants"]["complete"]["n"], 1);
    assert_eq!(c["backlog"]["started_before"], 1);
    assert_eq!(c["backlog"]["cleared_since_from"], 1);
    assert_eq!(c["backlog"]["waiting"]["n"], 0);
}

#[test]
fn csv_gives_one_row_per_child_with_milestones_and_stage_days() {
    let dir = TempDir::new("csv");
    let file = dir.write("children.csv", CSV);
    let (code, out, err) = analyse(&[&file, "--as-at", "2021-12-31", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7);
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap_or_else(|| panic!("no column {n}"));
    let d: Vec<&str> = lines[4].split(',').collect();
    assert_eq!(d[0], "D");
    assert_eq!(d[col("last_accommodated_date")], "2021-07-01");
    assert_eq!(d[col("accommodated_to_recommendation_status")], "waiting");
    assert_eq!(d[col("accommodated_to_recommendation_days")], "183");
    let a: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(a[col("recommendation_to_panel_days")], "84");
    assert!(header.contains(&"order_granted_date") && header.contains(&"accommodated_to_order_status"));
}

#[test]
fn text_is_a_readable_table() {
    let dir = TempDir::new("text");
    let file = dir.write("children.csv", CSV);
    let (code, out, err) = analyse(&[&file, "--as-at", "2021-12-31", "--format", "text"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("As at 31/12/2021"));
    let row = out.lines().find(|l| l.starts_with("accommodated_to_recommendation")).expect("aim 2 row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    // Stage, aim, target, done, median ...
    assert_eq!(&cells[..5], ["accommodated_to_recommendation", "2", "182", "3", "182"]);
    assert!(out.contains("84*"), "unverified target marked");
    // The Kaplan-Meier sentence for aim 2: 41, 182, 183 and D's 183+ (worked in the km test).
    assert!(out.contains(
        "accommodated_to_recommendation: Counting the 1 child still waiting, half of the children reach a \
         permanence recommendation within 182.5 days (95% CI 41 to not reached); 50% within the 182-day target."
    ));
    assert!(out.contains("no at-home CSO data"));
}

#[test]
fn demo_cohort_and_errors() {
    let v = json(&["--demo", "200", "--as-at", "2025-03-31"]);
    assert_eq!(v["synthetic"], true);
    assert_eq!(v["children"], 200);
    let (code, out, _) = analyse(&["--demo", "50", "--format", "text"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Synthetic demo data"));

    let (code, _, err) = analyse(&[]);
    assert_ne!(code, 0);
    assert!(err.contains("needs a FILE"));
    let (code, _, err) = analyse(&["--demo", "5", "--format", "xml"]);
    assert_ne!(code, 0);
    assert!(err.contains("--format"));
    let (code, _, err) = analyse(&["--demo", "5", "--as-at", "31/12/2021"]);
    assert_ne!(code, 0);
    assert!(err.contains("YYYY-MM-DD"));
    let (code, _, err) = analyse(&["/no/such/file.csv"]);
    assert_ne!(code, 0);
    assert!(err.contains("cannot read"));
    let dir = TempDir::new("badsettings");
    let bad = dir.write("s.json", "{ not json");
    let (code, _, err) = analyse(&["--demo", "5", "--settings", &bad]);
    assert_ne!(code, 0);
    assert!(err.contains("not valid JSON"));
}

#[test]
fn charts_option_writes_a_run_chart_and_a_km_chart_per_stage() {
    let dir = TempDir::new("charts");
    let out_dir = format!("{}/charts", dir.0.display());
    let (code, _, err) = analyse(&["--demo", "200", "--charts", &out_dir, "--format", "text"]);
    assert_eq!(code, 0, "{err}");
    // Eight stages, each with a run chart and a Kaplan-Meier chart: SVG documents with an
    // accessible title.
    let mut names: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names.len(), 16);
    assert_eq!(names.iter().filter(|n| n.ends_with("-km.svg")).count(), 8);
    for name in ["accommodated_to_recommendation.svg", "accommodated_to_recommendation-km.svg"] {
        assert!(names.contains(&name.to_string()), "{name}");
        let svg = std::fs::read_to_string(format!("{out_dir}/{name}")).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("<title"), "has a title");
        assert!(!svg.contains("style=\""), "no inline style attributes");
    }
    let km = std::fs::read_to_string(format!("{out_dir}/accommodated_to_recommendation-km.svg")).unwrap();
    assert!(km.contains("class=\"ts-km-curve\""), "draws the curve");
    assert!(km.contains("id=\"accommodated_to_recommendation-km\""));
}

#[test]
fn report_option_writes_a_self_contained_html_report() {
    let dir = TempDir::new("report");
    let path = format!("{}/report.html", dir.0.display());
    let (code, _, err) = analyse(&[
        "--demo",
        "150",
        "--report",
        &path,
        "--as-at",
        "2025-03-31",
        "--format",
        "text",
        "--report-title",
        "Quarterly review",
        "--authority",
        "Anyshire",
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>Quarterly review</h1>\n<p class=\"authority\">Anyshire</p>"));
    assert!(html.contains("<strong>As at 31/03/2025</strong> (the date you chose)."));
    assert!(html.contains("Synthetic demo data: not real children."));
    assert_eq!(html.matches("<svg").count(), 16, "a run chart and a Kaplan-Meier chart per stage");
    assert!(html.contains("class=\"ts-km-curve\""));
    assert!(!html.contains("<script"));
}

/// Recommendation (M3) to panel (M4), target 84 days, as at 31/12/2021:
/// - K1 01/01 -> 01/02 = 31 days; K2 01/01 -> 02/03 = Jan 31 + Feb 28 + 1 = 60;
///   K3 01/01 -> 01/06 = 31 + 28 + 31 + 30 + 31 = 151: events.
/// - K4 waiting from 01/10: Oct 30 + Nov 30 + Dec 31 = 91; K5 from 01/12: 30: censored.
/// - K6 ceased to adoption 01/03 without a panel: left after Jan 31 + Feb 28 = 59: censored.
const KM_CSV: &str = "\
child_id,last_accommodated_date,permanence_recommendation_date,permanence_panel_date,ceased_looked_after_date,destination
K1,01/06/2020,01/01/2021,01/02/2021,,
K2,01/06/2020,01/01/2021,02/03/2021,,
K3,01/06/2020,01/01/2021,01/06/2021,,
K4,01/06/2020,01/10/2021,,,
K5,01/06/2020,01/12/2021,,,
K6,01/06/2020,01/01/2021,,01/03/2021,adoption
";

#[test]
fn every_stage_has_a_km_block_counting_the_children_still_waiting() {
    let dir = TempDir::new("km");
    let file = dir.write("km.csv", KM_CSV);
    let v = json(&[&file, "--as-at", "2021-12-31"]);
    for s in v["stages"].as_array().unwrap() {
        assert!(s["km"]["table"].is_array(), "{} has a km block", s["id"]);
    }
    let km = &stage(&v, "recommendation_to_panel")["km"];
    assert_eq!((km["n"].as_u64(), km["events"].as_u64(), km["censored"].as_u64()), (Some(6), Some(3), Some(3)));
    assert_eq!((km["still_waiting"].as_u64(), km["left_another_way"].as_u64()), (Some(2), Some(1)));
    // Sorted 30+, 31, 59+, 60, 91+, 151: S(31) = 4/5, S(60) = 4/5 x 2/3 = 8/15, S(151) = 0.
    let rows: Vec<(f64, u64, u64, u64, f64)> = km["table"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap();
            (r["time"].as_f64().unwrap(), n("at_risk"), n("events"), n("censored"), r["survival"].as_f64().unwrap())
        })
        .collect();
    let want = [(30., 6, 0, 1, 1.0), (31., 5, 1, 0, 0.8), (59., 4, 0, 1, 0.8), (60., 3, 1, 0, 8. / 15.)];
    for (got, want) in rows.iter().zip(want) {
        assert_eq!((got.0, got.1, got.2, got.3), (want.0, want.1, want.2, want.3));
        assert!((got.4 - want.4).abs() < 1e-12, "{got:?}");
    }
    assert_eq!(rows[5], (151., 1, 1, 0, 0.0));
    // Median: first S <= 1/2 at 151. Lower curve: at 31, 0.8 x exp(-1.96 x sqrt(1/20)) = 0.516;
    // at 60, 0.5333 x exp(-1.96 x sqrt(1/20 + 1/6)) = 0.214 -> 60. Upper: capped at 1, then no
    // value once S = 0: not reached (null).
    assert_eq!(km["median"].as_f64(), Some(151.0));
    assert_eq!(km["median_lower"].as_f64(), Some(60.0));
    assert!(km["median_upper"].is_null());
    // At 60 the interval is 0.5333 x exp(∓0.912312): lower 0.5333 x 0.401593 = 0.214183.
    assert!((km["table"][3]["lower"].as_f64().unwrap() - 0.214_183).abs() < 5e-6);
    assert_eq!(km["table"][3]["upper"].as_f64(), Some(1.0));
    assert!(km["table"][5]["lower"].is_null());
    // Within 84 days: 1 - S(84) = 7/15; of the completed children alone it would be 2 of 3.
    assert!((km["within_target"].as_f64().unwrap() - 7. / 15.).abs() < 1e-12);

    // The first CSV's aim 2: 41, 182, 183 and 183+ (D). S(41) = 3/4, S(182) = 3/4 x 2/3 = 1/2
    // exactly, S(183) = 1/4: on a flat at 1/2 the median is (182 + 183) / 2 = 182.5 (R's rule).
    let file = dir.write("children.csv", CSV);
    let v = json(&[&file, "--as-at", "2021-12-31"]);
    let km = &stage(&v, "accommodated_to_recommendation")["km"];
    assert_eq!((km["n"].as_u64(), km["median"].as_f64()), (Some(4), Some(182.5)));
    assert_eq!(km["within_target"].as_f64(), Some(0.5));
}
