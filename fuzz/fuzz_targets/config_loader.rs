//! The configuration loader on any text: an error or a configuration, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = privlint::config::parse("fuzz.yaml", &text);
});
