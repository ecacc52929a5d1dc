//! The Markdown extractor on any text: no panic, every text byte maps inside the source on
//! character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let doc = privlint::extract::markdown::extract(&src);
    for (i, _) in doc.text.char_indices() {
        let r = doc.source_range(i..i + 1);
        assert!(r.start <= r.end && r.end <= src.len());
        assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
    }
});
