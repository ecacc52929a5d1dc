//! Snapshot tests of the rendered human output and the JSON report.

mod common;
use common::*;

#[test]
fn human_output_weak_nl() {
    let (_, out, _) = privlint(&["check", "fixtures/statements/weak-nl.md"]);
    insta::assert_snapshot!(out);
}

#[test]
fn human_output_template_en_messages() {
    let (_, out, _) = privlint(&[
        "check",
        "--lang",
        "en",
        "fixtures/statements/template-nl.html",
    ]);
    insta::assert_snapshot!(out);
}

#[test]
fn json_output_weak_en() {
    let (_, out, _) = privlint(&[
        "check",
        "--format",
        "json",
        "fixtures/statements/weak-en.txt",
    ]);
    insta::assert_snapshot!(out);
}

/// The machine formats of one statement and of a site, as files in the repository show them.
#[test]
fn every_machine_format() {
    for format in ["concise", "github", "json-lines", "junit", "gitlab"] {
        for (name, path) in [
            ("weak_en", "fixtures/statements/weak-en.txt"),
            ("site", "fixtures/sites/built"),
        ] {
            let (_, out, _) = privlint(&["check", "--lang", "en", "--format", format, path]);
            insta::assert_snapshot!(format!("{format}_{name}"), out);
        }
    }
}

#[test]
fn sarif_output() {
    let (_, out, _) = privlint(&[
        "check",
        "--lang",
        "en",
        "--format",
        "sarif",
        "fixtures/statements/weak-en.txt",
    ]);
    // The %SRCROOT% base is the folder the tests run in, which differs per machine.
    let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///SRCROOT/".into();
    v["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!(format!(
        "{} rules",
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .map_or(0, |r| r.len())
    ));
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn html_output() {
    let (_, out, _) = privlint(&[
        "check",
        "--lang",
        "en",
        "--format",
        "html",
        "fixtures/statements/weak-en.txt",
    ]);
    // The page without its style sheet: the structure and the escaped text.
    let body = out.split("</style>").nth(1).unwrap_or(&out);
    insta::assert_snapshot!(body);
}
