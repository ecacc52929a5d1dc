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
