//! End-to-end tests of `timescales km` on R's aml data (`survival::aml`): maintained
//! 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+; not maintained 5, 5, 8, 8, 12, 16+, 23, 27, 30,
//! 33, 43, 45 (+ censored). R: medians 31 (95% CI 18 to NA) and 23 (8 to NA); survdiff
//! Chisq = 3.4 on 1 degrees of freedom, p = 0.07 (3.396, p = 0.0653). The survival values and
//! intervals are worked by hand in crates/core/src/survival/tests.rs.

use std::process::Command;

use serde_json::Value;

fn timescales(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timescales")).arg("km").args(args).output().expect("run timescales");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, err) = timescales(&all);
    assert_eq!(code, 0, "stderr: {err}");
    serde_json::from_str(&out).expect("valid JSON")
}

const DURATIONS: &str = "--durations=9,13,13,18,23,28,31,34,45,48,161,5,5,8,8,12,16,23,27,30,33,43,45";
const EVENTS: &str = "--events=1,1,0,1,1,0,1,1,0,1,0,1,1,1,1,1,0,1,1,1,1,1,1";
const GROUPS: &str = "--groups=m,m,m,m,m,m,m,m,m,m,m,n,n,n,n,n,n,n,n,n,n,n,n";

const AML_CSV: &str = "\
time,status,x
9,1,Maintained
13,1,Maintained
13,0,Maintained
18,1,Maintained
23,1,Maintained
28,0,Maintained
31,1,Maintained
34,1,Maintained
45,0,Maintained
48,1,Maintained
161,0,Maintained
5,1,Nonmaintained
5,1,Nonmaintained
8,1,Nonmaintained
8,1,Nonmaintained
12,1,Nonmaintained
16,0,Nonmaintained
23,1,Nonmaintained
27,1,Nonmaintained
30,1,Nonmaintained
33,1,Nonmaintained
43,1,Nonmaintained
45,1,Nonmaintained
";

fn temp_file(name: &str, body: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("timescales-km-{}-{name}", std::process::id()));
    std::fs::write(&p, body).unwrap();
    p
}

fn close(v: &Value, want: f64, tol: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - want).abs() <= tol, "{got} is not within {tol} of {want}");
}

#[test]
fn aml_from_lists_matches_r() {
    let v = json(&[DURATIONS, EVENTS, GROUPS]);
    let g = v["groups"].as_array().unwrap();
    assert_eq!((g[0]["name"].as_str(), g[1]["name"].as_str()), (Some("m"), Some("n")));
    assert_eq!((g[0]["n"].as_u64(), g[0]["events"].as_u64(), g[0]["censored"].as_u64()), (Some(11), Some(7), Some(4)));
    assert_eq!((g[1]["n"].as_u64(), g[1]["events"].as_u64()), (Some(12), Some(11)));
    // Maintained: median 31, 95% CI 18 to not reached.
    assert_eq!((g[0]["median"].as_f64(), g[0]["median_lower"].as_f64()), (Some(31.0), Some(18.0)));
    assert!(g[0]["median_upper"].is_null());
    // Not maintained: median 23, 95% CI 8 to not reached.
    assert_eq!((g[1]["median"].as_f64(), g[1]["median_lower"].as_f64()), (Some(23.0), Some(8.0)));
    assert!(g[1]["median_upper"].is_null());
    // First row: S(9) = 10/11, lower 10/11 x exp(-1.959964 x sqrt(1/110)) = 0.754134, upper 1.
    let row = &g[0]["table"][0];
    assert_eq!((row["time"].as_f64(), row["at_risk"].as_u64(), row["events"].as_u64()), (Some(9.0), Some(11), Some(1)));
    close(&row["survival"], 10.0 / 11.0, 1e-12);
    close(&row["lower"], 0.754_134, 5e-6);
    assert_eq!(row["upper"].as_f64(), Some(1.0));
    // S(18) = 10/11 x 9/10 x 7/8 = 63/88 = 0.7159.
    close(&g[0]["table"][2]["survival"], 63.0 / 88.0, 1e-12);
    // Log-rank: 3.396 on 1 df, p = 0.0653.
    let lr = &v["logrank"];
    close(&lr["chisq"], 3.396, 5e-4);
    assert_eq!(lr["df"].as_u64(), Some(1));
    close(&lr["p"], 0.0653, 5e-5);
}

#[test]
fn aml_from_a_file_in_text() {
    let file = temp_file("aml.csv", AML_CSV);
    let path = file.to_string_lossy().into_owned();
    let (code, out, err) = timescales(&[&path, "--duration", "time", "--event", "status", "--group", "x"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Group Maintained: 11 durations, 7 events, 4 censored"), "{out}");
    assert!(out.contains("  median 31 (95% CI 18 to not reached)"), "{out}");
    assert!(out.contains("Group Nonmaintained: 12 durations, 11 events, 1 censored"), "{out}");
    assert!(out.contains("  median 23 (95% CI 8 to not reached)"), "{out}");
    assert!(out.contains("Log-rank test: chi-square 3.396 on 1 degree of freedom, p = 0.0653."), "{out}");
    assert!(out.contains("The difference between the groups could be chance (log-rank p = 0.07)."), "{out}");
    // The same figures as JSON from the file.
    let v = json(&[&path, "--duration", "time", "--event", "status", "--group", "x"]);
    assert_eq!(v["groups"][0]["median"].as_f64(), Some(31.0));
    close(&v["logrank"]["chisq"], 3.396, 5e-4);
    let _ = std::fs::remove_file(file);
}

#[test]
fn one_group_has_no_log_rank_and_within_gives_one_minus_s() {
    // Maintained only, within 30 days: 1 - S(30) = 1 - 27/44 = 17/44 = 0.386.
    let v = json(&[
        "--durations",
        "9,13,13,18,23,28,31,34,45,48,161",
        "--events",
        "1,1,0,1,1,0,1,1,0,1,0",
        "--within",
        "30",
    ]);
    assert!(v["logrank"].is_null());
    assert_eq!(v["groups"][0]["name"], "all");
    close(&v["groups"][0]["within"], 17.0 / 44.0, 1e-12);
    // Everything censored: no median at all.
    let v = json(&["--durations", "3,4", "--events", "no,no"]);
    assert!(v["groups"][0]["median"].is_null() && v["groups"][0]["median_lower"].is_null());
    // Two groups with no events: the test cannot be done, and the output says why.
    let v = json(&["--durations", "3,4", "--events", "0,0", "--groups", "a,b"]);
    assert!(v["logrank"].is_null());
    assert!(v["logrank_note"].as_str().unwrap().contains("cannot be compared"));
}

#[test]
fn bad_input_is_a_plain_error() {
    let err = |args: &[&str]| {
        let (code, _, err) = timescales(args);
        assert_eq!(code, 2, "{args:?} should fail");
        err
    };
    assert!(err(&["--durations", "1,-2", "--events", "1,1"]).contains("duration 2 is -2, below zero"));
    assert!(err(&["--durations", "1,x", "--events", "1,1"]).contains("'x' is not a number"));
    assert!(err(&["--durations", "1,2", "--events", "1"]).contains("2 duration(s) but 1 event flag(s)"));
    assert!(err(&["--durations", "1,2", "--events", "1,2"]).contains("'2' is not 1 or 0"));
    assert!(err(&["--durations", "1,2", "--events", "1,1", "--groups", "a"]).contains("1 group name(s)"));
    assert!(err(&["--durations", "1,2"]).contains("--events is required"));
    assert!(err(&["--durations", "1", "--events", "1", "--format", "svg"]).contains("--format"));
    assert!(err(&[]).contains("give --durations"));
    let file = temp_file("bad.csv", "time,status\n5,1\n-1,0\n");
    let path = file.to_string_lossy().into_owned();
    assert!(
        err(&[&path, "--duration", "time", "--event", "state"]).contains("no column 'state' (columns: time, status)")
    );
    assert!(err(&[&path, "--duration", "time", "--event", "status"]).contains("row 3: the duration -1 is below zero"));
    let _ = std::fs::remove_file(file);
}
