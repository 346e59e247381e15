//! End-to-end tests of `timescales aggregate`: a small hand-made CSV through the built binary,
//! every row of the file written out. Days are counted on a calendar in the comments.

use std::path::PathBuf;
use std::process::Command;

/// Panel to ADM decision (target 14 days), as at 31/03/2024:
/// - J1 to J6: panel 01/01/2024, decision 5, 6, 7, 8, 9 and 30 days later (06/01 to 10/01 and
///   31/01). Six completed in January; median (7 + 8) / 2 = 7.5; 5 within 14, so 1 over:
///   within_target is suppressed (6 - 5 = 1 would be revealed).
/// - Nobody in February: a published 0.
/// - M1, M2: panel 01/03, decision 11/03 (10 days) and 13/03 (12 days): 2 is small, so the count,
///   the median and within target are suppressed.
/// - W1 to W5: panel 01/03, no decision: 30 days waiting, all over 14: 5 and 5, both published.
///
/// ADM decision to court (target 84): the 8 with a decision and an adoption route (which goes to
/// court) are waiting. J1 has waited 85 days (Jan 25 + Feb 29 + Mar 31), J2 84 (not over); so 1
/// is over target: suppressed.
const CSV: &str = "\
child_id,team,permanence_route,permanence_panel_date,adm_decision_date
J1,North,Adoption,01/01/2024,06/01/2024
J2,North,Adoption,01/01/2024,07/01/2024
J3,South,Adoption,01/01/2024,08/01/2024
J4,South,Adoption,01/01/2024,09/01/2024
J5,North,Adoption,01/01/2024,10/01/2024
J6,South,Adoption,01/01/2024,31/01/2024
M1,North,Adoption,01/03/2024,11/03/2024
M2,South,Adoption,01/03/2024,13/03/2024
W1,North,Adoption,01/03/2024,
W2,North,Adoption,01/03/2024,
W3,South,Adoption,01/03/2024,
W4,South,Adoption,01/03/2024,
W5,North,Adoption,01/03/2024,
";

const EXPECTED: &str = "\
authority,stage,period,measure,value
Anyshire,_meta,2024-03,format_version,1
Anyshire,_meta,2024-03,aim2_start_milestone,2
Anyshire,_meta,2024-03,return_home_is_permanence,1
Anyshire,_meta,2024-03,filtered,0
Anyshire,cso_at_home_to_review,2024-03,target_days,730
Anyshire,cso_at_home_to_review,2024-03,waiting,0
Anyshire,cso_at_home_to_review,2024-03,waiting_over_target,0
Anyshire,accommodated_to_recommendation,2024-03,target_days,182
Anyshire,accommodated_to_recommendation,2024-03,waiting,0
Anyshire,accommodated_to_recommendation,2024-03,waiting_over_target,0
Anyshire,recommendation_to_panel,2024-03,target_days,84
Anyshire,recommendation_to_panel,2024-03,waiting,0
Anyshire,recommendation_to_panel,2024-03,waiting_over_target,0
Anyshire,panel_to_adm,2024-03,target_days,14
Anyshire,panel_to_adm,2024-01,completed,6
Anyshire,panel_to_adm,2024-01,median_days,7.5
Anyshire,panel_to_adm,2024-01,within_target,suppressed
Anyshire,panel_to_adm,2024-02,completed,0
Anyshire,panel_to_adm,2024-02,within_target,0
Anyshire,panel_to_adm,2024-03,completed,suppressed
Anyshire,panel_to_adm,2024-03,median_days,suppressed
Anyshire,panel_to_adm,2024-03,within_target,suppressed
Anyshire,panel_to_adm,2024-03,waiting,5
Anyshire,panel_to_adm,2024-03,waiting_over_target,5
Anyshire,recommendation_to_adm,2024-03,target_days,98
Anyshire,recommendation_to_adm,2024-03,waiting,0
Anyshire,recommendation_to_adm,2024-03,waiting_over_target,0
Anyshire,adm_to_court,2024-03,target_days,84
Anyshire,adm_to_court,2024-03,waiting,8
Anyshire,adm_to_court,2024-03,waiting_over_target,suppressed
Anyshire,court_to_order,2024-03,waiting,0
Anyshire,accommodated_to_order,2024-03,waiting,0
";

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("timescales-aggregate-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn aggregate(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_timescales")).arg("aggregate").args(args).output().expect("run timescales");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn writes_exactly_these_rows_with_small_numbers_suppressed() {
    let dir = TempDir::new("rows");
    let file = dir.write("children.csv", CSV);
    let out = dir.path("anyshire.csv");
    let (code, _, err) = aggregate(&[&file, "--authority", "Anyshire", "--as-at", "2024-03-31", "--out", &out]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text, EXPECTED);
    assert!(err.contains("wrote 32 rows for Anyshire as at 2024-03 (5 suppressed) to"), "{err}");
    // No child id, team or day-level date in the file.
    for word in ["J1", "W5", "North", "South", "/2024", "2024-01-01"] {
        assert!(!text.contains(word), "{word} in the file");
    }
    // Standard output gives the same file.
    let (code, stdout, _) = aggregate(&[&file, "--authority", "Anyshire", "--as-at", "2024-03-31", "--out", "-"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, EXPECTED);
}

#[test]
fn settings_change_the_targets_and_filters_are_recorded() {
    let dir = TempDir::new("settings");
    let file = dir.write("children.csv", CSV);
    // A 30-day target: all six January decisions are within it (6 - 6 = 0, published); the five
    // waiting 30 days are not over it.
    let settings = dir.write("settings.json", r#"{"stages": {"panel_to_adm": {"target_days": 30}}}"#);
    let (code, text, err) =
        aggregate(&[&file, "--authority", "Anyshire", "--settings", &settings, "--as-at", "2024-03-31", "--out", "-"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "Anyshire,panel_to_adm,2024-03,target_days,30",
        "Anyshire,panel_to_adm,2024-01,within_target,6",
        "Anyshire,panel_to_adm,2024-03,waiting_over_target,0",
    ] {
        assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    }
    // Filtering to the North team: the file says it is filtered. North has J1, J2, J5, M1, W1,
    // W2, W5: 3 in January, 1 in March, 3 waiting: all small.
    let settings = dir.write("north.json", r#"{"filters": {"teams": ["North"]}}"#);
    let (code, text, err) =
        aggregate(&[&file, "--authority", "North", "--settings", &settings, "--as-at", "2024-03-31", "--out", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("North,_meta,2024-03,filtered,1\n"));
    assert!(text.contains("North,panel_to_adm,2024-01,completed,suppressed\n"));
    assert!(text.contains("North,panel_to_adm,2024-03,waiting,suppressed\n"));
    assert!(err.contains("filters are in force"), "{err}");
}

#[test]
fn formula_like_names_are_neutralised() {
    let dir = TempDir::new("formula");
    let file = dir.write("children.csv", CSV);
    let (code, text, err) = aggregate(&[&file, "--authority", "=1+1", "--as-at", "2024-03-31", "--out", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.lines().skip(1).all(|l| l.starts_with("'=1+1,")), "{text}");
}

#[test]
fn missing_arguments_and_bad_input_are_clear_errors() {
    let dir = TempDir::new("errors");
    let file = dir.write("children.csv", CSV);
    let (code, _, err) = aggregate(&[&file, "--out", "-"]);
    assert_ne!(code, 0);
    assert!(err.contains("needs --authority NAME"), "{err}");
    let (code, _, err) = aggregate(&[&file, "--authority", "Anyshire"]);
    assert_ne!(code, 0);
    assert!(err.contains("needs --out"), "{err}");
    let (code, _, err) = aggregate(&["--authority", "Anyshire", "--out", "-"]);
    assert_ne!(code, 0);
    assert!(err.contains("needs a FILE"), "{err}");
    let (code, _, err) = aggregate(&[&file, "--authority", "  ", "--out", "-"]);
    assert_ne!(code, 0);
    assert!(err.contains("authority name is blank"), "{err}");
    let (code, _, err) = aggregate(&[&file, "--authority", "A", "--out", "-", "--as-at", "31/03/2024"]);
    assert_ne!(code, 0);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (code, _, err) = aggregate(&["/no/such/file.csv", "--authority", "A", "--out", "-"]);
    assert_ne!(code, 0);
    assert!(err.contains("cannot read"), "{err}");
}
