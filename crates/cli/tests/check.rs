//! End-to-end tests of `timescales check`, running the built binary on corpus files.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn corpus(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/corpus").join(name).to_string_lossy().into_owned()
}

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timescales")).arg("check").args(args).output().expect("run timescales");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json", "--as-at", "2025-03-31"]);
    let (code, stdout, stderr) = check(&all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("valid JSON")
}

#[test]
fn json_has_exactly_the_agreed_keys() {
    let v = json(&[&corpus("csv_out_of_order.csv")]);
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["children", "completeness", "mapping", "problem_groups", "problems", "rows_read"]);
    assert_eq!(v["rows_read"], 6);
    assert_eq!(v["children"], 5);
    let p = &v["problems"][1];
    let mut pkeys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    pkeys.sort_unstable();
    assert_eq!(pkeys, ["column", "message", "row", "severity", "sheet", "value"]);
    assert_eq!(p["sheet"], "csv_out_of_order");
    assert_eq!(p["row"], 3);
    assert_eq!(p["column"], "permanence_panel_date");
    assert_eq!(p["value"], "01/05/2020");
    assert_eq!(p["severity"], "error");
    assert_eq!(p["message"], "Permanence panel (01/05/2020) is before Permanence recommendation (01/06/2020)");
    assert_eq!(v["mapping"]["columns"]["child_id"], "child_id");
    assert_eq!(v["completeness"]["rows"]["set_aside"], 1);
}

#[test]
fn the_mapping_printed_can_be_fed_back() {
    let v = json(&[&corpus("csv_unknown_placement.csv")]);
    assert_eq!(v["mapping"]["placement_types"]["Hotel"], Value::Null);
    assert_eq!(v["mapping"]["placement_types"]["Foster (LA)"], "foster_la");
    assert_eq!(v["problems"].as_array().unwrap().len(), 2);
    let dir = std::env::temp_dir().join(format!("timescales-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut mapping = v["mapping"].clone();
    mapping["placement_types"]["Hotel"] = "other_community".into();
    mapping["placement_types"]["hotel"] = "other_community".into();
    let m = dir.join("m.json");
    std::fs::write(&m, mapping.to_string()).unwrap();
    let v = json(&[&corpus("csv_unknown_placement.csv"), "--mapping", m.to_str().unwrap()]);
    assert_eq!(v["problems"].as_array().unwrap().len(), 0, "{}", v["problems"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completeness_counts_in_json() {
    let v = json(&[&corpus("csv_placeholders.csv")]);
    let m3 = &v["completeness"]["milestones"][5];
    assert_eq!(m3["milestone"], "permanence_recommendation");
    assert_eq!((m3["recorded"].as_u64(), m3["not_recorded"].as_u64()), (Some(1), Some(4)));
    assert!(v["problems"].as_array().unwrap().iter().all(|p| p["severity"] == "info"));
}

#[test]
fn text_report_shows_mapping_completeness_and_problems() {
    let (code, out, _) = check(&[&corpus("csv_title_rows.csv"), "--as-at", "2025-03-31"]);
    assert_eq!(code, 0);
    assert!(out.contains("Rows: 5 read = 2 used + 3 set aside"), "{out}");
    assert!(out.contains("Sheet 'csv_title_rows' (children), header on row 3"), "{out}");
    assert!(out.contains("Date accommodated                    -> last_accommodated_date (automatic: matched the known heading 'Date accommodated' for Last accommodated)"), "{out}");
    assert!(out.contains("M3  Permanence recommendation          1"), "{out}");
    assert!(out.contains("csv_title_rows row 1: above the header row"), "{out}");
    assert!(out.contains("INFO     csv_title_rows row 1: 'Permanence tracker March 2025'"), "{out}");
}

#[test]
fn data_problems_still_exit_zero() {
    let (code, out, _) = check(&[&corpus("csv_impossible_dates.csv")]);
    assert_eq!(code, 0);
    assert!(out.contains("Problems: 3 errors, 1 warnings"), "{out}");
    assert!(out.contains("31 February 2021 does not exist"), "{out}");
}

#[test]
fn unreadable_files_fail_with_a_plain_message() {
    let (code, _, err) = check(&[&corpus("csv_empty.csv")]);
    assert_ne!(code, 0);
    assert!(err.contains("the file is empty"), "{err}");
    let (code, _, err) = check(&[&corpus("csv_binary_renamed.csv")]);
    assert_ne!(code, 0);
    assert!(err.contains("this is not a text CSV file"), "{err}");
    let (code, _, err) = check(&["/no/such/file.csv"]);
    assert_ne!(code, 0);
    assert!(err.contains("cannot read /no/such/file.csv"), "{err}");
    let (code, _, err) = check(&[&corpus("csv_basic.csv"), "--format", "xml"]);
    assert_ne!(code, 0);
    assert!(err.contains("not text or json"), "{err}");
    let (code, _, err) = check(&[&corpus("csv_basic.csv"), "--sheet", "x", "--as-at", "31/03/2025"]);
    assert_ne!(code, 0);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn sheet_option_chooses_the_children_sheet() {
    let v = json(&[&corpus("wb_offset_table.xlsx"), "--sheet", "no title"]);
    assert_eq!(v["children"], 1);
    let (code, _, err) = check(&[&corpus("wb_offset_table.xlsx"), "--sheet", "nope"]);
    assert_ne!(code, 0);
    assert!(err.contains("there is no sheet called 'nope'"), "{err}");
}

#[test]
fn identical_problems_are_one_line_with_a_count() {
    // Rows 2 to 13 all say "Hotel" (12 rows); row 14 says "Tent".
    let dir = std::env::temp_dir().join(format!("timescales-check-groups-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hotels.csv");
    let mut text = String::from("Child ID,Date accommodated,Placement type\n");
    for i in 2..=13 {
        text.push_str(&format!("H{i},01/01/2021,Hotel\n"));
    }
    text.push_str("T14,01/01/2021,Tent\n");
    std::fs::write(&file, text).unwrap();
    let f = file.to_string_lossy().into_owned();
    let (code, out, _) = check(&[&f, "--as-at", "2025-03-31"]);
    assert_eq!(code, 0);
    let hotel: Vec<&str> = out.lines().filter(|l| l.contains("'Hotel'") && l.contains("WARNING")).collect();
    assert_eq!(hotel.len(), 1, "{out}");
    assert!(
        hotel[0].contains("hotels rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ... (12 rows), Placement type: 'Hotel'"),
        "{out}"
    );
    assert!(out.contains("hotels row 14, Placement type: 'Tent'"), "{out}");
    let v = json(&[&f]);
    let g = &v["problem_groups"][0];
    assert_eq!((g["count"].as_u64(), g["first_rows"][0].as_u64()), (Some(12), Some(2)));
    assert!(g["summary"].as_str().unwrap().ends_with(": 12 rows (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...)"));
    let _ = std::fs::remove_dir_all(&dir);
}
