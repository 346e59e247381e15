//! End-to-end tests of `timescales runchart`. Expected figures are worked out by hand in the
//! comments from the rule definitions (docs/runchart-rules.md), not copied from output.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

fn timescales(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timescales")).args(args).output().expect("run timescales");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_of(args: &[&str]) -> Value {
    let mut all = vec!["runchart"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (code, out, err) = timescales(&all);
    assert_eq!(code, 0, "stderr: {err}");
    serde_json::from_str(&out).expect("valid JSON")
}

fn temp_csv(name: &str, body: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("timescales-runchart-{}-{name}.csv", std::process::id()));
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn values_json_has_the_documented_keys_and_figures() {
    // Point:  1   2  3  4   5  6  7  8  9   10  11  12  13  14
    // Value: 10   3  4 10   2  3  4  1 10   20  21  22  23  24
    // Median 10 (7th and 8th sorted values are both 10); points 1, 4, 9 on it -> 11 useful.
    // Below: 2 3 5 6 7 8 (shift 2-8); above: 10-14. Runs 2, crossings 1, longest 6.
    // Trend: 1 < 10 < 20 < ... < 24 over points 8-14.
    // IHI table n 11: 3-10 -> 2 runs is too few. Anhøj n 11: max 6 (not exceeded), min 2 (1 < 2).
    let j = json_of(&["--values", "10,3,4,10,2,3,4,1,10,20,21,22,23,24"]);
    let p = &j["phases"][0];
    assert_eq!(p["first"], 1);
    assert_eq!(p["last"], 14);
    assert_eq!(p["median"], 10.0);
    assert_eq!(p["n"], 14);
    assert_eq!(p["n_useful"], 11);
    assert_eq!(p["longest_run"], 6);
    assert_eq!(p["crossings"], 1);
    assert_eq!(p["anhoej"]["longest_run_max"], 6);
    assert_eq!(p["anhoej"]["crossings_min"], 2);
    assert_eq!(p["anhoej"]["signal"], true);
    assert_eq!(p["ihi"]["shifts"], json!([[2, 8]]));
    assert_eq!(p["ihi"]["trends"], json!([[8, 14]]));
    assert_eq!(p["ihi"]["runs"]["count"], 2);
    assert_eq!(p["ihi"]["runs"]["lower"], 3);
    assert_eq!(p["ihi"]["runs"]["upper"], 10);
    assert_eq!(p["ihi"]["runs"]["signal"], true);
    let signals = j["signals"].as_array().unwrap();
    // The run below the median opens the series and the later points sit above it: values went
    // up, which is a deterioration when lower is better (the default direction).
    assert!(signals.iter().any(|s| s.as_str().unwrap().starts_with(
        "From point 10 on, values were higher: points 2 to 8 sit below the median of 10, apart from 1 point on the median, the later points mostly above it."
    )));
    let shift = j["phases"][0]["findings"].as_array().unwrap().iter().find(|f| f["kind"] == "shift").unwrap();
    assert_eq!(shift["assessment"], "deterioration");
    // The verdict follows Anhøj: too few crossings has no direction, and the IHI signals (the
    // shift and the rising trend 8-14) agree that values went up.
    assert_eq!(j["verdict"]["status"], "deterioration");
    assert_eq!(j["verdict"]["follows"], "anhoej");
    // Per-point flags for the chart.
    assert_eq!(j["points"][3]["on_centre"], true);
    assert_eq!(j["points"][1]["in_shift"], true);
}

#[test]
fn csv_with_uk_dates_phase_and_freeze() {
    // 20 children reaching the milestone on 1..20 March 2021, written in reverse order (the
    // command sorts by date). Phase 2 starts 13/03/2021. --freeze 6 applies to each phase.
    // Phase 1 (points 1-12): median of 10 20 30 40 50 60 = 35; sides B B B A A A then six B ->
    // shift 7-12, runs 3, crossings 2, longest 6.
    // Phase 2 (points 13-20): first six 100 200 300 400 1 2 -> sorted 1 2 100 200 300 400,
    // median (100 + 200) / 2 = 150. Sides B A A A B B B B: crossings 2, longest 4, 8 useful.
    let days = [10, 20, 30, 40, 50, 60, 5, 6, 7, 8, 9, 1, 100, 200, 300, 400, 1, 2, 3, 4];
    let mut body = String::from("child,end_date,days\n");
    for (i, d) in days.iter().enumerate().rev() {
        let date = if i == 0 { "2021-03-01".to_string() } else { format!("{:02}/03/2021", i + 1) };
        body.push_str(&format!("C{},{date},{d}\n", i + 1));
    }
    let f = temp_csv("phase", &body);
    let f = f.to_str().unwrap();
    let j = json_of(&[
        f,
        "--value",
        "days",
        "--date",
        "end_date",
        "--label",
        "child",
        "--freeze",
        "6",
        "--phase",
        "13/03/2021",
    ]);
    let ph = j["phases"].as_array().unwrap();
    assert_eq!(ph.len(), 2);
    assert_eq!(
        (ph[0]["first"].clone(), ph[0]["last"].clone(), ph[0]["median"].clone()),
        (json!(1), json!(12), json!(35.0))
    );
    assert_eq!(ph[0]["ihi"]["shifts"], json!([[7, 12]]));
    assert_eq!((ph[0]["crossings"].clone(), ph[0]["longest_run"].clone()), (json!(2), json!(6)));
    assert_eq!(
        (ph[1]["first"].clone(), ph[1]["last"].clone(), ph[1]["median"].clone()),
        (json!(13), json!(20), json!(150.0))
    );
    assert_eq!(
        (ph[1]["n_useful"].clone(), ph[1]["crossings"].clone(), ph[1]["longest_run"].clone()),
        (json!(8), json!(2), json!(4))
    );
    assert_eq!(ph[1]["rules_meaningful"], false);
    assert_eq!(j["points"][0]["label"], "C1");
    assert_eq!(j["points"][0]["date"], "2021-03-01");
    assert_eq!(j["points"][12]["is_baseline"], true);
    assert_eq!(j["points"][18]["is_baseline"], false);
    // Phase sentences name the phase and the dates.
    let s = j["signals"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(
        s.iter().any(|x| x.starts_with(
            "In phase 1, against the median of the baseline (points 1 to 6), 35, extended, values were lower: points 7 to 12 (dated 07/03/2021 to 12/03/2021) sit below it."
        )),
        "{s:?}"
    );
}

#[test]
fn baseline_until_applies_to_the_phase_that_contains_the_date() {
    // Ten points dated 1..10 January 2022 with values 1..10, a phase from point 6, baseline up
    // to 7 January: phase 1 (1-5) uses all its points (median 3); phase 2 (6-10) uses points 6
    // and 7 (values 6, 7 -> median 6.5).
    let mut body = String::from("d,v\n");
    for i in 1..=10 {
        body.push_str(&format!("{i:02}/01/2022,{i}\n"));
    }
    let f = temp_csv("until", &body);
    let j = json_of(&[
        f.to_str().unwrap(),
        "--value",
        "v",
        "--date",
        "d",
        "--phase",
        "6",
        "--baseline-until",
        "07/01/2022",
    ]);
    assert_eq!(j["phases"][0]["median"], 3.0);
    assert_eq!(j["phases"][1]["median"], 6.5);
    assert_eq!(j["phases"][1]["baseline"]["last"], 7);
}

#[test]
fn ihi_only_leaves_anhoej_out() {
    let j = json_of(&["--values", "1,2,3,4,5,6,7,8,9,10,11,12", "--rules", "ihi"]);
    assert!(j["phases"][0]["anhoej"].is_null());
    assert!(j["phases"][0]["ihi"].is_object());
    let j = json_of(&["--values", "1,2,3,4,5,6,7,8,9,10,11,12", "--rules", "anhoej"]);
    assert!(j["phases"][0]["ihi"].is_null());
}

#[test]
fn fixed_centre_and_exclusion() {
    // 1..12 with point 3 excluded and a centre of 100: 11 useful points, all below -> one
    // shift from point 1 to 12 (the excluded point neither breaks nor counts). The median of
    // the 11 included values 1 2 4 5 ... 12 is the 6th, 7; the rules use 100.
    let j = json_of(&["--values", "1,2,3,4,5,6,7,8,9,10,11,12", "--centre", "100", "--exclude", "3:typing error"]);
    let p = &j["phases"][0];
    assert_eq!(p["n_useful"], 11);
    assert_eq!(p["median"], 7.0);
    assert_eq!(p["centre"], 100.0);
    assert_eq!(p["ihi"]["shifts"], json!([[1, 12]]));
    assert_eq!(j["points"][2]["excluded"], "typing error");
}

#[test]
fn sixty_one_useful_points_are_outside_the_runs_table() {
    // Alternating 1 and 3 around a centre of 2: 61 useful points, 61 runs. The table stops at
    // 60, so no limits and no signal.
    let v: Vec<&str> = (0..61).map(|i| if i % 2 == 0 { "1" } else { "3" }).collect();
    let v = v.join(",");
    let j = json_of(&["--values", &v, "--centre", "2"]);
    let runs = &j["phases"][0]["ihi"]["runs"];
    assert_eq!(runs["count"], 61);
    assert!(runs["lower"].is_null() && runs["upper"].is_null());
    assert_eq!(runs["signal"], false);
    // 60 points: limits 24-38, 60 runs is too many.
    let v: Vec<&str> = (0..60).map(|i| if i % 2 == 0 { "1" } else { "3" }).collect();
    let j = json_of(&["--values", &v.join(","), "--centre", "2"]);
    let runs = &j["phases"][0]["ihi"]["runs"];
    assert_eq!(
        (runs["lower"].clone(), runs["upper"].clone(), runs["signal"].clone()),
        (json!(24), json!(38), json!(true))
    );
}

#[test]
fn text_output_reads_plainly() {
    let (code, out, _) = timescales(&["runchart", "--values", "5,5,5,5,5,5,5,5,5,5,5,5"]);
    assert_eq!(code, 0);
    // All on the median: nothing useful.
    assert!(out.contains("12 points, 0 excluded, 12 on the centre line, 0 useful"), "{out}");
    assert!(out.contains("runs rules are not meaningful"), "{out}");
}

#[test]
fn clear_errors() {
    let (code, _, err) =
        timescales(&["runchart", "--values", "1,2,3", "--freeze", "2", "--baseline-until", "01/01/2021"]);
    assert_eq!(code, 2);
    assert!(err.contains("not both"), "{err}");
    let (code, _, err) = timescales(&["runchart", "--values", "1,2,x"]);
    assert_eq!(code, 2);
    assert!(err.contains("'x' is not a number"), "{err}");
    let (_, _, err) = timescales(&["runchart", "--values", "1,2,3", "--shift", "9"]);
    assert!(err.contains("shift length must be 6, 7 or 8"), "{err}");
    let (_, _, err) = timescales(&["runchart", "--values", "1,2,3", "--phase", "01/01/2021"]);
    assert!(err.contains("needs every point dated"), "{err}");
    let f = temp_csv("cols", "a,b\n1,2\n");
    let (_, _, err) = timescales(&["runchart", f.to_str().unwrap(), "--value", "days"]);
    assert!(err.contains("no column 'days' (columns: a, b)"), "{err}");
    let (_, _, err) = timescales(&["runchart", "--values", "1,2,3", "--format", "png"]);
    assert!(err.contains("'png' is not one of text, json or svg"), "{err}");
}

#[test]
fn svg_output_is_a_standalone_document() {
    let (code, out, err) =
        timescales(&["runchart", "--values", "10,3,4,10,2,3,4,1,10,20,21,22,23,24", "--format", "svg"]);
    assert_eq!(code, 0, "{err}");
    let svg = out.trim();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    // 14 points, each drawn; the shift points are improvement markers.
    assert!(svg.contains("ts-point-improvement"), "{svg}");
    assert!(!svg.contains("NaN"));
}
