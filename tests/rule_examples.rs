//! The rule files document and test themselves: every example sentence in a rule's YAML is
//! judged and must get the status it is listed under.

mod common;

use privlint::check::{check_statement, CheckOptions};
use privlint::document::Format;
use privlint::judge::Status;
use privlint::rules::{builtin, model::ElementRule, Profile, RuleSet};
use privlint::source::Source;

#[test]
fn every_example_gets_its_status() {
    let rules = RuleSet::builtin(Profile::Gdpr).expect("built-in rules load");
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, text, _, _) in builtin::FILES {
        if name.starts_with("common") {
            continue;
        }
        let rule: ElementRule = serde_saphyr::from_str(text).expect("rule parses");
        let id = rule.id.value.clone();
        let cases = [
            (Status::Present, &rule.examples.present),
            (Status::Vague, &rule.examples.vague),
            (Status::Missing, &rule.examples.missing),
        ];
        for (want, sentences) in cases {
            for s in sentences {
                count += 1;
                let report = check_statement(
                    Source::from_string("example.txt", s),
                    Format::Text,
                    &rules,
                    CheckOptions::default(),
                );
                let got = report
                    .elements
                    .iter()
                    .find(|e| e.id == id)
                    .map(|e| e.status);
                if got != Some(want) {
                    failures.push(format!("{id}: {s:?}: want {want:?}, got {got:?}"));
                }
            }
        }
        assert!(
            !rule.examples.present.is_empty(),
            "{id} has present examples"
        );
        assert!(
            !rule.examples.missing.is_empty(),
            "{id} has missing examples"
        );
    }
    assert!(count >= 33, "{count} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn built_in_rules_load_and_cover_the_eleven_elements() {
    let rules = RuleSet::builtin(Profile::Avg).unwrap();
    let ids: Vec<&str> = rules.elements.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, common::ELEMENTS);
}
