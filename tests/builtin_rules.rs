//! The built-in rules are embedded twice: as YAML (the source) and as JSON made from it by
//! `build.rs` (fast to parse). Both must be the same rules.

use privlint::check::{check_statement, CheckOptions};
use privlint::document::Format;
use privlint::rules::{builtin, model::Common, model::ElementRule, Profile, RuleFile, RuleSet};
use privlint::source::Source;

#[test]
fn every_built_in_file_has_json_that_fits_its_type() {
    for (name, _, json, _) in builtin::FILES {
        assert!(!json.is_empty(), "{name}: build.rs made no JSON");
        let fits = if *name == "common.yaml" {
            serde_json::from_str::<Common>(json).map(|_| ())
        } else {
            serde_json::from_str::<ElementRule>(json).map(|_| ())
        };
        assert!(fits.is_ok(), "{name}: {fits:?}");
    }
}

#[test]
fn rules_from_json_judge_every_fixture_like_rules_from_yaml() {
    for profile in [Profile::Avg, Profile::Gdpr] {
        let fast = RuleSet::builtin(profile).expect("built-in rules load");
        let yaml_only: Vec<RuleFile> = builtin::files()
            .into_iter()
            .map(|f| RuleFile::new(f.name, f.text))
            .collect();
        let slow = RuleSet::load(&yaml_only, profile).expect("built-in rules load from YAML");
        assert_eq!(fast.phrases(), slow.phrases());
        let mut checked = 0;
        for entry in std::fs::read_dir("fixtures/statements").expect("fixtures") {
            let path = entry.expect("entry").path();
            let display = path.display().to_string();
            let Ok(source) = Source::read(&path, &display, 1 << 24) else {
                continue;
            };
            let opts = CheckOptions {
                lang: None,
                site_tracks: false,
            };
            let format = Format::from_path(&display);
            let a = check_statement(source.clone(), format, &fast, opts);
            let b = check_statement(source, format, &slow, opts);
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{display}");
            checked += 1;
        }
        assert!(checked >= 5, "{checked}");
    }
}

#[test]
fn the_examples_left_out_of_the_json_read_back_as_the_yaml_has_them() {
    let rules = RuleSet::builtin(Profile::Gdpr).expect("built-in rules load");
    let mut seen = 0;
    for (name, text, json, _) in builtin::FILES {
        if *name == "common.yaml" {
            continue;
        }
        assert!(
            !json.contains("\"examples\""),
            "{name}: examples left in the JSON"
        );
        let yaml: ElementRule = serde_saphyr::from_str(text).expect("rule parses");
        let element = rules.element(&yaml.id.value).expect("element loaded");
        let (got, want) = (element.examples(), &yaml.examples);
        assert_eq!(got.present, want.present, "{name}");
        assert_eq!(got.vague, want.vague, "{name}");
        assert_eq!(got.missing, want.missing, "{name}");
        seen += usize::from(!want.present.is_empty());
    }
    assert!(seen > 10, "too few files with examples: {seen}");
}

#[test]
fn a_built_in_file_s_profile_is_the_one_its_yaml_declares() {
    // Loading the default profile skips the stricter files by this flag, not their text.
    let mut gdpr = 0;
    for (name, text, _, profile) in builtin::FILES {
        let value: serde_json::Value = serde_saphyr::from_str(text).expect("rule parses");
        let declared = value
            .get("profile")
            .and_then(|p| p.as_str())
            .unwrap_or("avg");
        assert_eq!(*profile, declared, "{name}");
        gdpr += usize::from(*profile == "gdpr");
    }
    assert!(gdpr >= 8, "{gdpr}");
}
