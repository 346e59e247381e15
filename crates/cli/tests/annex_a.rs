//! End-to-end: the hand-made Ofsted Annex A workbook (`crates/core/tests/corpus/annex_a/`, written
//! by `crates/core/tests/annex_a.rs`) through the built binary, as at 31/03/2024. The figures are
//! worked out by hand there and below.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

#[test]
fn analyse_reads_list_10_with_list_8_and_reports_englands_stages() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/corpus/annex_a");
    let out = Command::new(env!("CARGO_BIN_EXE_timescales"))
        .current_dir(dir)
        .args(["analyse", "annex_a.xlsx", "--as-at", "2024-03-31", "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["children"], 3, "List 10's three children; List 1's child is not one");
    let stage = |id: &str| v["stages"].as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap();
    // C1 10/01/2022 -> 01/02/2022 = 22 days; C2 matched before its order: 0. Median 11. The
    // scorecard's A2 counts the children adopted in its three years: C1 (adopted 20/12/2022) only.
    let a2 = stage("placement_order_to_match");
    assert_eq!(a2["complete"]["median_days"].as_f64(), Some(11.0));
    assert_eq!((a2["scorecard"]["mean_days"].as_f64(), a2["scorecard"]["n"].as_u64()), (Some(22.0), Some(1)));
    // C1 placed 273 days after entering care; C2 still waiting, 455 days, over 426.
    let placed = stage("entered_care_to_placed_for_adoption");
    assert_eq!(placed["complete"]["median_days"].as_f64(), Some(273.0));
    assert_eq!((placed["waiting"]["n"].as_u64(), placed["waiting"]["over_target"].as_u64()), (Some(1), Some(1)));
    // C3's decision was reversed on 01/02/2024: out of scope in the match stage, not waiting.
    let matched = stage("adoption_decision_to_match");
    assert_eq!(matched["out_of_scope"]["items"][0]["reason"], "decision_reversed");
}
