//! How privlint parses a pattern, in one place: rule loading compiles patterns this way, and
//! `build.rs` (which includes this file) parses the built-in ones the same way to work out
//! their gates (see [`super::gate`]) and compile their NFAs (see [`super::nfa_code`]).

use regex_syntax::hir::Hir;

/// `pattern` parsed as privlint compiles a pattern (see `rules::compile_pattern`): ASCII
/// classes, bytes rather than UTF-8. `None` if it does not parse.
pub fn parse(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
}
