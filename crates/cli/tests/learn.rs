//! End-to-end tests of `timescales learn`.

use std::process::Command;

fn timescales(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timescales")).args(args).output().expect("run timescales");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_prints_every_title_in_order() {
    let (code, out, err) = timescales(&["learn", "--list"]);
    assert_eq!(code, 0, "stderr: {err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 10, "{out}");
    for (i, l) in lines.iter().enumerate() {
        assert!(l.starts_with(&format!("Exercise {}: ", i + 1)), "{l}");
    }
    assert!(out.contains("Exercise 2: A two-week planning meeting"));
}

#[test]
fn handout_writes_a_self_contained_page() {
    let path = std::env::temp_dir().join(format!("timescales-learn-{}.html", std::process::id()));
    let p = path.to_string_lossy().into_owned();
    let (code, out, err) = timescales(&["learn", "--handout", &p]);
    assert_eq!(code, 0, "stderr: {err}");
    assert!(out.is_empty());
    assert!(err.contains("wrote the handout"), "{err}");
    let html = std::fs::read_to_string(&path).expect("handout written");
    let _ = std::fs::remove_file(&path);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Answer sheet"));
    // n = 20: IHI runs 6 to 16; Anhøj longest run at most 7, crossings at least 6.
    assert!(html.contains("<tr><th scope=\"row\">20</th><td>6</td><td>16</td></tr>"));
    assert!(html.contains("<tr><th scope=\"row\">20</th><td>7</td><td>6</td></tr>"));
    assert!(!html.contains("<script") && !html.contains("http"));
    let (_, list, _) = timescales(&["learn", "--list"]);
    for title in list.lines() {
        assert!(html.contains(title), "{title}");
    }
}

#[test]
fn usage_errors() {
    let (code, _, err) = timescales(&["learn"]);
    assert_eq!(code, 2);
    assert!(err.contains("--list or --handout FILE"), "{err}");
    let (code, _, err) = timescales(&["learn", "--handout"]);
    assert_eq!(code, 2);
    assert!(err.contains("--handout needs a value"), "{err}");
    let (code, _, err) = timescales(&["learn", "--handout", "/no/such/dir/out.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write /no/such/dir/out.html"), "{err}");
    let (code, out, _) = timescales(&["learn", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: timescales learn"));
    let (_, usage, _) = timescales(&["--help"]);
    assert!(usage.contains("learn      the run chart exercises"));
}
