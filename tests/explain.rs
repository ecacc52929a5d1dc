//! `privlint explain` and the registry behind it: every code explains itself in both
//! languages with an example that fails and one that passes.

mod common;

use common::privlint;
use privlint::registry;
use privlint::rules::{Profile, RuleSet};
use privlint::Lang;

#[test]
fn every_code_has_a_failing_and_a_passing_example_in_both_languages() {
    let rules = RuleSet::builtin(Profile::Gdpr).expect("built-in rules load");
    let judged = registry::judged_examples(&rules);
    let all = registry::all(&rules);
    assert!(all.len() >= 30, "{} codes", all.len());
    let mut problems = Vec::new();
    for r in &all {
        for lang in [Lang::Nl, Lang::En] {
            for (what, text) in [
                ("message", r.message.get(lang)),
                ("why", r.why.get(lang)),
                ("fails", r.fails.get(lang)),
                ("passes", r.passes.get(lang)),
            ] {
                if text.trim().is_empty() {
                    problems.push(format!("{} has no {what} in {lang:?}", r.code));
                }
            }
        }
        // An element's failing example must be a sentence that really fails with this code,
        // in each language (not a fallback to the other language or to the message).
        if r.element.is_some() {
            for lang in [Lang::Nl, Lang::En] {
                let judged = judged.get(&(r.code.clone(), lang));
                if judged.map(String::as_str) != Some(r.fails.get(lang)) {
                    problems.push(format!(
                        "{}: no example sentence in {lang:?} is judged to give this code",
                        r.code
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let mut codes: Vec<&str> = all.iter().map(|r| r.code.as_str()).collect();
    codes.sort();
    let before = codes.len();
    codes.dedup();
    assert_eq!(before, codes.len(), "codes are unique");
}

#[test]
fn explain_a_code_in_dutch_and_english() {
    let (code, out, err) = privlint(&["explain", "PL502"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("PL502 retention-no-reason\n"), "{out}");
    assert!(out.contains("AVG art. 13 lid 2 onder a"), "{out}");
    assert!(out.contains("Voorbeeld dat niet voldoet:\n  Wij bewaren uw gegevens 2 jaar."));
    assert!(out.contains("Voorbeeld dat wel voldoet:\n  Facturen bewaren wij 7 jaar"));

    let (code, out, _) = privlint(&["explain", "--lang", "en", "retention-no-reason"]);
    assert_eq!(code, 0);
    assert!(out.contains("GDPR art. 13(2)(a)"), "{out}");
    assert!(
        out.contains("Example that fails:\n  We keep your data for 2 years."),
        "{out}"
    );
}

#[test]
fn explain_an_element_lists_all_its_codes() {
    let (code, out, _) = privlint(&["explain", "--lang", "en", "retention"]);
    assert_eq!(code, 0);
    let heads: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("PL5"))
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(heads, ["PL501", "PL502", "PL503"], "{out}");
}

#[test]
fn explain_a_site_code() {
    let (code, out, _) = privlint(&["explain", "--lang", "nl", "pl020"]);
    assert_eq!(code, 0);
    assert!(out.contains("form-without-privacy-link"), "{out}");
    assert!(out.contains("AVG art. 12 en 13"), "{out}");
}

#[test]
fn explain_an_unknown_code_fails_with_status_2() {
    let (code, out, err) = privlint(&["explain", "PL999"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("'PL999'") && err.contains("privlint rules"),
        "{err}"
    );
}

#[test]
fn rules_lists_every_code_with_its_profile() {
    let (code, out, _) = privlint(&["rules"]);
    assert_eq!(code, 0);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(rows.iter().any(|r| r[..]
        == [
            "PL502",
            "retention-no-reason",
            "retention",
            "warning",
            "avg"
        ]));
    assert!(rows
        .iter()
        .any(|r| r[..] == ["PL020", "form-without-privacy-link", "-", "error", "avg"]));
}
