//! The shape rules of docs/architecture.md#code-shape that a reader can check without running anything: no
//! function over 150 lines (a pure data table is allowed), and no two public types with one name.
//! They read the workspace's Rust sources as text.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Functions that are one data table each, allowed to be long (docs/architecture.md).
const DATA_TABLES: [&str; 1] = ["aliases"];

const MAX_LINES: usize = 150;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "target" | "node_modules" | "dist" | "dist-offline" | ".git" | "fuzz") {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["src", "crates"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            Some((p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p), text))
        })
        .collect()
}

/// The code of a line without string or character literals and comments, for counting braces.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        match (in_str, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => in_str = false,
            (true, _) => {}
            (false, '"') => in_str = true,
            (false, '/') if chars.peek() == Some(&'/') => break,
            (false, '\'') => {
                // A character literal ('{', '\n') or a lifetime ('a): skip a literal whole.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    chars.nth(2);
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            (false, _) => out.push(c),
        }
    }
    out
}

/// The name of the function a line declares, if it declares one.
fn fn_name(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with("//") {
        return None;
    }
    let at = t.find("fn ")?;
    let before = &t[..at];
    let words_ok = before
        .split_whitespace()
        .all(|w| matches!(w, "pub" | "const" | "async" | "unsafe" | "extern") || w.starts_with("pub("));
    if !words_ok {
        return None;
    }
    let rest = &t[at + 3..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Every function longer than `MAX_LINES`, as "path:line name (n lines)".
fn long_functions(path: &Path, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let (mut depth, mut started) = (0i32, false);
        for (j, l) in lines.iter().enumerate().skip(i) {
            let code = code_of(l);
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        started = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !started && code.contains(';') {
                break;
            }
            if started && depth <= 0 {
                let n = j - i + 1;
                if n > MAX_LINES && !DATA_TABLES.contains(&name) {
                    out.push(format!("{}:{} {name} ({n} lines)", path.display(), i + 1));
                }
                break;
            }
        }
    }
    out
}

#[test]
fn no_function_is_over_150_lines() {
    let long: Vec<String> = sources().iter().flat_map(|(p, t)| long_functions(p, t)).collect();
    assert!(long.is_empty(), "split these functions (docs/architecture.md):\n{}", long.join("\n"));
}

#[test]
fn the_length_check_counts_a_function_it_is_shown() {
    // By hand: a function of 152 lines (its header, 150 body lines, its closing brace) is found,
    // braces inside strings and comments are not counted, and a declaration without a body is
    // not a function to measure.
    let body: String = (0..150).map(|i| format!("    let x{i} = \"{{\"; // }}\n")).collect();
    let text = format!("trait T {{ fn declared(&self); }}\npub fn long() {{\n{body}}}\n");
    assert_eq!(long_functions(Path::new("x.rs"), &text), ["x.rs:2 long (152 lines)"]);
}

#[test]
fn no_two_public_types_share_a_name() {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in sources() {
        for line in text.lines() {
            let t = line.trim_start();
            for kind in ["pub struct ", "pub enum ", "pub trait ", "pub type "] {
                if let Some(rest) = t.strip_prefix(kind) {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    seen.entry(name).or_default().push(path.display().to_string());
                }
            }
        }
    }
    let shared: Vec<String> =
        seen.into_iter().filter(|(_, at)| at.len() > 1).map(|(n, at)| format!("{n}: {}", at.join(", "))).collect();
    assert!(shared.is_empty(), "public types sharing a name:\n{}", shared.join("\n"));
}
