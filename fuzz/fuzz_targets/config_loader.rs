//! The configuration loader on any text: an error or a configuration, never a panic; and a
//! configuration that parses is merged and checked against the rules without a panic too.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use privlint::rules::{Profile, RuleSet};

static RULES: OnceLock<Vec<privlint::registry::RuleInfo>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(config) = privlint::config::parse("fuzz.yaml", &text) {
        let settings = privlint::settings::resolve(
            &config,
            Some(std::path::Path::new("fuzz.yaml")),
            &Default::default(),
        );
        let rules = RULES.get_or_init(|| {
            privlint::registry::codes(&RuleSet::builtin(Profile::Gdpr).expect("built-in rules"))
        });
        let _ = privlint::settings::validate(&settings, rules);
        let _ = privlint::settings::show(&settings);
    }
});
