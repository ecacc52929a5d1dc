//! The built-in tracker detector's automaton, made by `build.rs` as static tables.
//!
//! Building the ASCII-case-insensitive Aho-Corasick DFA over the page markers and the ~150
//! tracker patterns took a third of the instructions of starting a site scan, before the
//! first page could be read. `build.rs` builds the same DFA with aho-corasick, reads its
//! states out and writes them here (a state named by the start of its row, match states
//! first); [`find_each`] walks them with aho-corasick's standard
//! (earliest, non-overlapping) semantics, so it reports exactly what
//! `AhoCorasick::find_iter` reports for the same patterns (a test in `trackers` checks it).

mod tables {
    include!(concat!(env!("OUT_DIR"), "/tracker_dfa.rs"));
}

/// Whether these patterns, in this order, are the ones the tables were built from.
pub fn built_for(patterns: &[String]) -> bool {
    !tables::PATTERNS.is_empty()
        && patterns.len() == tables::PATTERNS.len()
        && patterns.iter().zip(tables::PATTERNS).all(|(a, b)| a == b)
}

/// Calls `f(pattern, start, end)` for each match in `text`, left to right: a match is
/// reported at the first byte that completes any pattern, and the search starts afresh
/// after it.
#[inline]
pub fn find_each(text: &[u8], mut f: impl FnMut(usize, usize, usize)) {
    let start = tables::START as usize;
    let first_non_match = tables::MATCHES.len() * tables::STRIDE;
    let mut state = start;
    for (at, &byte) in text.iter().enumerate() {
        let class = usize::from(tables::CLASSES[usize::from(byte)]);
        state = tables::TRANSITIONS[state + class] as usize;
        if state < first_non_match {
            let (pattern, len) = tables::MATCHES[state / tables::STRIDE];
            f(usize::from(pattern), at + 1 - usize::from(len), at + 1);
            state = start;
        }
    }
}
