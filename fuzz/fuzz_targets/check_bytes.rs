//! Decoding and checking any bytes as HTML, Markdown and text: no panic, spans inside the file.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use privlint::check::{check_statement, CheckOptions};
use privlint::document::Format;
use privlint::rules::{Profile, RuleSet};
use privlint::source::Source;

static RULES: OnceLock<RuleSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| RuleSet::builtin(Profile::Avg).expect("built-in rules"));
    let Ok(source) = Source::from_bytes("fuzz", data) else {
        return;
    };
    for format in [Format::Html, Format::Markdown, Format::Text] {
        let report = check_statement(source.clone(), format, rules, CheckOptions::default());
        for d in &report.diagnostics {
            assert!(d.primary.range.end <= source.text.len());
            assert!(source.disk_offset(d.primary.range.end) <= data.len());
        }
    }
});
