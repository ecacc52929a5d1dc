//! Baselines: `--write-baseline` records today's findings, `--baseline` reports only new ones,
//! and edits elsewhere in a file do not invalidate the record.

mod common;
use common::*;

fn copy_weak(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let text = std::fs::read_to_string(root().join("fixtures/statements/weak-en.txt")).unwrap();
    let path = dir.join("privacy.txt");
    std::fs::write(&path, &text).unwrap();
    (path, text)
}

#[test]
fn a_baseline_hides_known_findings_and_shows_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (statement, text) = copy_weak(dir.path());
    let base = dir.path().join("baseline.json");
    let s = statement.display().to_string();
    let b = base.display().to_string();

    let (code, before) = json(&["--write-baseline", &b, &s]);
    assert_eq!(code, 1);
    let total = before["diagnostics"].as_array().unwrap().len();
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["findings"].as_array().unwrap().len(), total);
    assert!(recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "PL503" && f["evidence"].as_str().unwrap().contains("necessary")));

    // Unchanged: nothing new, exit 0.
    let (code, after) = json(&["--baseline", &b, &s]);
    assert_eq!(code, 0);
    assert_eq!(after["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(after["summary"]["baselined"], total);

    // Lines added above everything: still nothing new.
    std::fs::write(&statement, format!("Intro.\n\n\n{text}")).unwrap();
    let (code, after) = json(&["--baseline", &b, &s]);
    assert_eq!(code, 0);
    assert_eq!(after["diagnostics"].as_array().unwrap().len(), 0);

    // A new vague sentence: only that one is reported.
    std::fs::write(
        &statement,
        format!("{text}\nWe may share your data with third parties.\n"),
    )
    .unwrap();
    let (_, after) = json(&["--baseline", &b, &s]);
    let codes: Vec<&str> = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.is_empty(), "the new finding is reported");
    assert!(codes.len() < total, "{codes:?}");
    assert!(!codes.contains(&"PL503"), "{codes:?}");
}

#[test]
fn the_human_summary_says_how_many_were_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (statement, _) = copy_weak(dir.path());
    let b = dir.path().join("b.json").display().to_string();
    let s = statement.display().to_string();
    privlint(&["check", "--write-baseline", &b, &s]);
    let (code, out, _) = privlint(&["check", "--lang", "en", "--baseline", &b, &s]);
    assert_eq!(code, 0);
    assert!(
        out.contains("11 known findings from the baseline not shown"),
        "{out}"
    );
}

#[test]
fn a_broken_baseline_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.json");
    std::fs::write(&b, "{\"version\": 1, \"findings\": [}").unwrap();
    let (code, out, err) = privlint(&[
        "check",
        "--baseline",
        &b.display().to_string(),
        "fixtures/statements/weak-en.txt",
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("b.json:1:") && err.contains("not a privlint baseline"),
        "{err}"
    );
    std::fs::write(&b, "{\"version\": 7, \"findings\": []}").unwrap();
    let (code, _, err) = privlint(&[
        "check",
        "--baseline",
        &b.display().to_string(),
        "fixtures/statements/weak-en.txt",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("version 7"), "{err}");
}
