//! `--statistics`, shell completions and the man page.

mod common;
use common::*;

#[test]
fn statistics_count_every_diagnostic_by_code() {
    let weak = "fixtures/statements/weak-en.txt";
    let (code, out, _) = privlint(&["check", "--statistics", "--lang", "en", weak]);
    assert_eq!(code, 1);
    let (_, report) = json(&[weak]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let mut total = 0;
    for line in out.lines().take_while(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n: usize = cols[0].parse().unwrap();
        let by_code = diagnostics.iter().filter(|d| d["code"] == cols[1]).count();
        assert_eq!(n, by_code, "{line}");
        total += n;
    }
    assert_eq!(total, diagnostics.len());
    assert!(
        out.trim_end().ends_with("4 errors, 7 warnings"),
        "the summary line closes it: {out}"
    );
    assert!(!out.contains("┌─"), "no diagnostics are rendered");
}

#[test]
fn completions_know_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = privlint(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for word in ["check", "explain", "fail-on"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
        // Shells that complete values list the formats.
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(
                out.contains("sarif"),
                "{shell} completion lacks the formats"
            );
        }
    }
    let (code, _, err) = privlint(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn the_man_page_in_docs_is_current() {
    let (code, out, _) = privlint(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH privlint 1"));
    assert!(out.contains(".SH \"PRIVLINT CHECK\""));
    assert!(out.contains("\\-\\-statistics"));
    let committed = std::fs::read_to_string(root().join("docs/privlint.1")).unwrap();
    assert!(
        committed == out,
        "docs/privlint.1 is stale: run `cargo run -- man > docs/privlint.1`"
    );
}
