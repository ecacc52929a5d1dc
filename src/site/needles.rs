//! The needles of the one pass over a page's bytes (see `page::Markers`), in a file of their
//! own because `build.rs` includes it too: the tracker automaton it builds starts with them.

/// Needles of the one pass over a page's bytes; `page::Markers::record` knows them by index.
pub const NEEDLES: &[&str] = &[
    "<form",
    "docs.google.com/forms",
    "hbspt.forms",
    "<title",
    "</title",
    "<h1",
    "</h1",
    "canonical",
    "og:url",
    "<script",
    "</script",
];
