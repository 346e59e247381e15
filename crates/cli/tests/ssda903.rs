//! End-to-end: the SSDA903 corpus (`crates/core/tests/corpus/ssda903/`) through the built binary,
//! as several files and as a folder. The expected figures are worked out by hand in
//! `crates/core/tests/ssda903_corpus.rs` (the children) and below (the stages), as at 31/03/2024.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/corpus/ssda903")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timescales")).current_dir(dir()).args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stage<'a>(v: &'a Value, list: &str, id: &str) -> &'a Value {
    v[list].as_array().and_then(|a| a.iter().find(|s| s["id"] == id)).unwrap_or_else(|| panic!("no {list} {id}"))
}

#[test]
fn analyse_reports_englands_stages_from_four_tables() {
    let (code, out, err) = run(&[
        "analyse",
        "header.csv",
        "episodes.csv",
        "ad1.csv",
        "placed_for_adoption.csv",
        "--as-at",
        "2024-03-31",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["children"], 4);
    // England's stages are stages like the PACE ones, after them, by their stable ids.
    let ids: Vec<&str> = v["stages"].as_array().unwrap().iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(
        ids[8..],
        [
            "entered_care_to_adoption_decision",
            "adoption_decision_to_match",
            "placement_order_to_match",
            "entered_care_to_placed_for_adoption",
            "entered_care_to_moved_in"
        ]
    );
    let figures = |s: &Value| {
        (
            s["complete"]["n"].as_u64(),
            s["complete"]["median_days"].as_f64(),
            s["waiting"]["n"].as_u64(),
            s["out_of_scope"]["n"].as_u64(),
            s["scorecard"]["mean_days"].as_f64(),
        )
    };
    // 0012: entered care 01/06/2021, placed for adoption 01/03/2022: Jun 29 + Jul 31 + Aug 31 +
    // Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + 1 = 273 days, within 426. 0034's
    // decision was reversed (out of scope); 0078 has no decision, so it waits for nothing.
    let s = stage(&v, "stages", "entered_care_to_placed_for_adoption");
    assert_eq!(figures(s), (Some(1), Some(273.0), Some(0), Some(1), Some(273.0)));
    assert_eq!((s["target_days"].as_i64(), s["complete"]["within_target"].as_u64()), (Some(426), Some(1)));
    assert!(s["target_source"].as_str().unwrap().starts_with("Former adoption scorecard threshold"));
    // A10: 0012 was placed with adopters who were not its foster carers (A6, FOSTER_CARE 0): it
    // moved in the day it was placed, 273 days.
    let s = stage(&v, "stages", "entered_care_to_moved_in");
    assert_eq!(figures(s), (Some(1), Some(273.0), Some(0), Some(1), Some(273.0)));
    // 0012: order 10/01/2022, match 01/02/2022 = 22 days. 0056 has an order but, not adopted,
    // no match is collected for it: out of scope, not waiting.
    let s = stage(&v, "stages", "placement_order_to_match");
    assert_eq!(figures(s), (Some(1), Some(22.0), Some(0), Some(1), Some(22.0)));
    assert_eq!(s["out_of_scope"]["items"][0]["reason"], "end_not_collected");
    assert_eq!(s["target_days"], 121);
    // 0012: decision 15/11/2021 to match 01/02/2022 = Nov 15 + Dec 31 + Jan 31 + 1 = 78; 0034
    // reversed, 0056 not collected.
    // Not a scorecard measure: no scorecard figure.
    let s = stage(&v, "stages", "adoption_decision_to_match");
    assert_eq!(figures(s), (Some(1), Some(78.0), Some(0), Some(2), None));
    // 0012: 01/06/2021 -> 15/11/2021 = 167; 0034: 01/09/2022 -> 01/03/2023 = Sep 29 + Oct 31 +
    // Nov 30 + Dec 31 + Jan 31 + Feb 28 + 1 = 181; median 174. Not a scorecard measure.
    let s = stage(&v, "stages", "entered_care_to_adoption_decision");
    assert_eq!(figures(s), (Some(2), Some(174.0), Some(0), Some(0), None));
    // The scorecard's three years run 01/04/2021 to 31/03/2024; 0012 was adopted on 20/12/2022,
    // inside them, and the data starts in 2019.
    let s = stage(&v, "stages", "entered_care_to_placed_for_adoption");
    assert_eq!((s["scorecard"]["measure"].as_str(), s["scorecard"]["n"].as_u64()), (Some("A1"), Some(1)));
    assert_eq!(s["scorecard"]["from"], "2021-04-01");
    assert_eq!(s["scorecard"]["full_three_years"], true);
    // The PACE stages that need a recommendation or a court application say they cannot be measured.
    let a2 = stage(&v, "stages", "accommodated_to_recommendation");
    assert_eq!(a2["not_collected"], serde_json::json!(["permanence_recommendation"]));
    let a4 = stage(&v, "stages", "adm_to_court");
    assert_eq!(a4["not_collected"], serde_json::json!(["court_application"]));
    // 0012: entered care 01/06/2021, adopted 20/12/2022: 273 + Mar 31 + ... + Nov 30 + 19 = 567.
    let t1 = stage(&v, "stages", "accommodated_to_order");
    assert!(t1.get("not_collected").is_none());
    assert_eq!(t1["complete"]["median_days"].as_f64(), Some(567.0));
}

#[test]
fn a_folder_stands_for_its_files_and_check_groups_and_explains() {
    let (code, out, err) = run(&["analyse", ".", "--as-at", "2024-03-31", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let row = out.lines().find(|l| l.starts_with("0012,")).expect("child 0012 keeps its leading zeros");
    assert!(row.contains(",2021-06-01,2021-06-01,"), "{row}");
    assert!(row.contains(",2021-11-15,2022-03-01,,2022-12-20,2022-12-20,"), "{row}");
    let (code, out, err) = run(&["check", ".", "--today", "2024-03-31"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Sheet 'episodes': SSDA903 Episodes table"), "{out}");
    assert!(out.contains("Sheet 'missing': not one of the SSDA903 tables"), "{out}");
    assert!(out.contains("the SSDA903 placement code 'A6'"), "{out}");
    assert!(out.contains("M3  Permanence recommendation          0            0        0      4                0  not collected in this format"), "{out}");
}
