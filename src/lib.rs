//! privlint: a linter for privacy statements (privacyverklaringen).
//!
//! The library does the work and never prints; the binary in `main.rs` is a thin shell.

pub mod document;
pub mod extract;
pub mod normalize;
pub mod source;
