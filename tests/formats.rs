//! The line and CI formats: concise, GitHub workflow commands, JSON lines, JUnit, GitLab.

mod common;
use common::*;

const WEAK: &str = "fixtures/statements/weak-en.txt";

#[test]
fn concise_is_one_finding_a_line() {
    let (code, out, _) = privlint(&["check", "--format", "concise", WEAK]);
    assert_eq!(code, 1);
    let (_, r) = json(&[WEAK]);
    let n = r["diagnostics"].as_array().unwrap().len();
    assert_eq!(out.lines().count(), n);
    for line in out.lines() {
        let mut parts = line.splitn(4, ':');
        assert_eq!(parts.next(), Some(WEAK));
        assert!(parts.next().unwrap().parse::<u32>().is_ok(), "{line}");
        assert!(parts.next().unwrap().parse::<u32>().is_ok(), "{line}");
        let rest = parts.next().unwrap();
        assert!(
            rest.starts_with(" error PL") || rest.starts_with(" warning PL"),
            "{line}"
        );
    }
    assert!(
        out.contains(":7:19: warning PL503 retention is described only in general terms"),
        "{out}"
    );
}

#[test]
fn github_annotations_are_escaped() {
    let (_, out, _) = privlint(&["check", "--format", "github", WEAK]);
    let line = out.lines().find(|l| l.contains("PL503")).unwrap();
    assert!(
        line.starts_with(
            "::warning file=fixtures/statements/weak-en.txt,line=7,col=19,endLine=7,endColumn=39,"
        ),
        "{line}"
    );
    assert!(
        line.contains(",title=PL503 retention-no-period::"),
        "{line}"
    );
    // Message, why and example are one annotation: newlines escaped.
    assert!(line.contains("%0A") && !line.contains('\n'));
    assert!(out
        .lines()
        .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")));
}

#[test]
fn json_lines_parse_one_by_one() {
    let (_, out, _) = privlint(&["check", "--format", "json-lines", WEAK]);
    let codes: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(codes.contains(&"PL402".to_string()));
}

#[test]
fn junit_has_a_case_per_element_and_fails_missing_ones() {
    let (_, out, _) = privlint(&["check", "--format", "junit", WEAK]);
    assert!(out
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"privlint\">"));
    assert!(out.contains("tests=\"11\" failures=\"4\""), "{out}");
    assert_eq!(out.matches("<testcase ").count(), 11);
    assert_eq!(out.matches("<failure ").count(), 4);
    assert!(out.contains("&quot;we&quot;"));
    // With --fail-on warning, vague elements fail too.
    let (_, out, _) = privlint(&["check", "--format", "junit", "--fail-on", "warning", WEAK]);
    assert!(out.contains("tests=\"11\" failures=\"11\""), "{out}");
}

#[test]
fn gitlab_code_quality_fingerprints_are_unique() {
    let (_, out, _) = privlint(&["check", "--format", "gitlab", "fixtures/sites/built"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    assert!(issues.len() > 5);
    let mut fps: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    let n = fps.len();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), n);
    assert!(issues
        .iter()
        .all(|i| i["location"]["lines"]["begin"].as_u64().unwrap() >= 1));
    // Stable across runs.
    let (_, again, _) = privlint(&["check", "--format", "gitlab", "fixtures/sites/built"]);
    assert_eq!(out, again);
}
