//! A bad rule file is an error naming the file, line and column, with exit status 2.

mod common;
use common::*;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn base_rule(extra_signal: &str) -> String {
    format!(
        "id: retention\nnumber: 5\nname: {{nl: a, en: b}}\narticle: {{nl: a, en: b}}\nwhy: {{nl: a, en: b}}\nexample: {{nl: a, en: b}}\n\
         signals:\n  period:\n    phrases: [bewaren]\n{extra_signal}present:\n  - kind: together\n    all: [period]\nmissing:\n  code: PL501\n  name: x\n  message: {{nl: a, en: b}}\n"
    )
}

#[test]
fn invalid_regex_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "r.yaml", &base_rule("    patterns: ['(unclosed']\n"));
    let (code, _, err) = privlint(&["check", "--rules", &f, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid pattern"), "{err}");
    assert!(err.contains("r.yaml:10:"), "{err}");
}

/// A folder's first pass runs while the rules compile; a bad rule still stops the run before
/// any report is written.
#[test]
fn a_bad_rule_stops_a_folder_scan_before_any_report() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "r.yaml", &base_rule("    patterns: ['(unclosed']\n"));
    let out_file = dir.path().join("report.json");
    let (code, out, err) = privlint(&[
        "check",
        "--format",
        "json",
        "--rules",
        &f,
        "-o",
        &out_file.display().to_string(),
        &fixture("sites/built"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("invalid pattern") && err.contains("r.yaml:10:"),
        "{err}"
    );
    assert!(out.is_empty(), "{out}");
    assert!(!out_file.exists());
}

#[test]
fn unknown_key_and_yaml_syntax_errors_have_positions() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "r.yaml", &base_rule("    frases: [x]\n"));
    let (code, _, err) = privlint(&["check", "--rules", &f, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 2);
    assert!(
        err.contains("frases") && err.contains("r.yaml:10:"),
        "{err}"
    );
    let g = write(&dir, "s.yaml", "id: [unclosed\n");
    let (code, _, err) = privlint(&["check", "--rules", &g, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 2);
    assert!(err.contains("s.yaml"), "{err}");
}

#[test]
fn empty_phrase_and_unknown_signal_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "r.yaml",
        &base_rule("  other:\n    phrases: ['  ...  ']\n").replace("all: [period]", "all: [perio]"),
    );
    let (code, _, err) = privlint(&["check", "--rules", &f, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 2);
    assert!(err.contains("no letters or digits"), "{err}");
    assert!(err.contains("unknown signal `perio`"), "{err}");
}

#[test]
fn a_user_rule_replaces_the_built_in_element() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "r.yaml", &base_rule(""));
    let (_, r) = {
        let (code, out, err) = privlint(&[
            "check",
            "--format",
            "json",
            "--rules",
            &f,
            &fixture("statements/weak-nl.md"),
        ]);
        assert!(code == 1, "{err}");
        (
            code,
            serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        )
    };
    // The replacement says "bewaren" alone is present.
    assert_eq!(status(&r, 0, "retention"), "present");
}

/// Every kind of rule-file error, rendered as a user sees it (codespan, file:line:column).
#[test]
fn rule_file_error_snapshots() {
    let cases: Vec<(&str, String)> = vec![
        (
            "yaml-syntax",
            "id: retention\nname: {nl: a, en: b\nnumber: 5\n".to_string(),
        ),
        (
            "list-for-text",
            base_rule("").replace("id: retention", "id: [retention]"),
        ),
        ("unknown-key", base_rule("    frases: [x]\n")),
        (
            "wrong-type",
            base_rule("").replace("number: 5", "number: five"),
        ),
        ("invalid-regex", base_rule("    patterns: ['(unclosed']\n")),
        (
            "empty-phrase",
            base_rule("  other:\n    phrases: ['  ...  ']\n"),
        ),
        (
            "unknown-signal",
            base_rule("").replace("all: [period]", "all: [perio]"),
        ),
        (
            "unknown-kind",
            base_rule("").replace("kind: together", "kind: somewhere"),
        ),
        (
            "kind-shape",
            base_rule("").replace("kind: together", "kind: without-companion"),
        ),
        (
            "missing-kind",
            base_rule("").replace("  - kind: together\n    all:", "  - all:"),
        ),
    ];
    for (name, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        let f = write(&dir, "rule.yaml", &text);
        let (code, out, err) =
            privlint(&["check", "--rules", &f, &fixture("statements/weak-nl.md")]);
        assert_eq!(code, 2, "{name}");
        assert!(out.is_empty(), "{name}");
        let shown = err.replace(&dir.path().display().to_string(), "<dir>");
        insta::assert_snapshot!(format!("rule_error_{name}"), shown);
    }
    // Two files with one id.
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.yaml", &base_rule(""));
    let b = write(&dir, "b.yaml", &base_rule(""));
    let (code, _, err) = privlint(&[
        "check",
        "--rules",
        &a,
        "--rules",
        &b,
        &fixture("statements/weak-nl.md"),
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(
        "rule_error_duplicate-id",
        err.replace(&dir.path().display().to_string(), "<dir>")
    );
}

#[test]
fn deeply_nested_rule_and_config_files_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("id: {}x{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let f = write(&dir, "deep.yaml", &deep);
    let (code, out, err) = privlint(&["check", "--rules", &f, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("deep.yaml"), "{err}");
    let deep_map = format!("{}x: 1{}\n", "{a: ".repeat(20_000), "}".repeat(20_000));
    let c = write(&dir, "privlint.yaml", &deep_map);
    let (code, _, err) = privlint(&["check", "--config", &c, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 2);
    assert!(err.contains("privlint.yaml"), "{err}");
}

/// A retention rule with a named list `spans` (its items as YAML) and one pattern; the pattern
/// stands on line 11.
fn rule_with_spans(spans: &str, pattern: &str) -> String {
    format!(
        "id: retention\nnumber: 5\nname: {{nl: a, en: b}}\narticle: {{nl: a, en: b}}\nwhy: {{nl: a, en: b}}\nexample: {{nl: a, en: b}}\n\
         lists:\n  spans: {spans}\n\
         signals:\n  period:\n    patterns: ['{pattern}']\npresent:\n  - kind: together\n    all: [period]\nmissing:\n  code: PL501\n  name: x\n  message: {{nl: a, en: b}}\n"
    )
}

/// A rule names its shared word lists once (`lists:`) and writes `<<name>>` in patterns; a
/// name it does not define is an error at the pattern's line.
#[test]
fn named_lists_expand_in_patterns_and_an_unknown_one_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let rule = |pattern: &str| rule_with_spans("[twee, drie, '[0-9]+']", pattern);
    let statement = write(
        &dir,
        "privacy.txt",
        "Wij bewaren facturen vier jaar.\nOffertes bewaren wij drie jaar.\n",
    );
    let f = write(&dir, "r.yaml", &rule(r"\b<<spans>> jaar\b"));
    let (code, v) = json(&["--no-default-rules", "--rules", &f, &statement]);
    assert_eq!(code, 0, "{v}");
    let retention = &v["files"][0]["elements"]["retention"];
    assert_eq!(retention["status"], "present", "{v}");
    // "drie jaar" on the second line, not "vier jaar" on the first.
    assert_eq!(retention["evidence"][0]["start"], 53, "{v}");
    assert_eq!(retention["evidence"][0]["line"], 2, "{v}");

    let f = write(&dir, "r.yaml", &rule(r"\b<<termijnen>> jaar\b"));
    let (code, _, err) = privlint(&["check", "--no-default-rules", "--rules", &f, &statement]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown list `<<termijnen>>`"), "{err}");
    assert!(err.contains("this rule's lists: spans"), "{err}");
    assert!(err.contains("r.yaml:11:"), "{err}");
}

/// Lists that several rule files share live in `common.yaml`; a rule's own list of the same
/// name comes first, and an unknown name lists both kinds.
#[test]
fn a_rule_uses_the_lists_of_common_yaml_after_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("common.yaml"),
        "lists:\n  spans: [vier]\n  units: [jaar, maanden]\n",
    )
    .unwrap();
    let rule = |pattern: &str| rule_with_spans("[twee, drie]", pattern);
    let statement = write(
        &dir,
        "privacy.txt",
        "Wij bewaren facturen vier jaar.\nOffertes bewaren wij drie maanden.\n",
    );
    let folder = rules.display().to_string();
    std::fs::write(rules.join("r.yaml"), rule(r"\b<<spans>> <<units>>\b")).unwrap();
    let (code, v) = json(&["--no-default-rules", "--rules", &folder, &statement]);
    assert_eq!(code, 0, "{v}");
    let retention = &v["files"][0]["elements"]["retention"];
    assert_eq!(retention["status"], "present", "{v}");
    // The rule's own `spans` ("drie"), not common's ("vier"); common's `units` ("maanden").
    assert_eq!(retention["evidence"][0]["text"], "drie maanden", "{v}");
    assert_eq!(retention["evidence"][0]["line"], 2, "{v}");

    std::fs::write(rules.join("r.yaml"), rule(r"\b<<termijnen>> jaar\b")).unwrap();
    let (code, _, err) = privlint(&[
        "check",
        "--no-default-rules",
        "--rules",
        &folder,
        &statement,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown list `<<termijnen>>`"), "{err}");
    assert!(
        err.contains("this rule's lists: spans; those of common.yaml: spans, units"),
        "{err}"
    );
    assert!(err.contains("r.yaml:11:"), "{err}");
}
