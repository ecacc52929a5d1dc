//! The rule loader on any text, as a user's only rule file (as with `--no-default-rules`):
//! an error or a rule set, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use privlint::rules::{Profile, RuleFile, RuleSet};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let name = if data.first() == Some(&b'#') { "common.yaml" } else { "fuzz.yaml" };
    let _ = RuleSet::load(
        &[RuleFile::new(name, text)],
        Profile::Gdpr,
    );
});
