//! The rule loader on any text: an error or a rule set, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use privlint::rules::{Profile, RuleFile, RuleSet};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut files = privlint::rules::builtin::files();
    files.push(RuleFile {
        name: "fuzz.yaml".into(),
        text,
    });
    let _ = RuleSet::load(&files, Profile::Avg);
});
