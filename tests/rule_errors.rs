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
         signals:\n  period:\n    phrases: [bewaren]\n{extra_signal}present:\n  - all: [period]\nmissing:\n  code: PL501\n  name: x\n  message: {{nl: a, en: b}}\n"
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
