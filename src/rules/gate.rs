//! Literal gates: a pattern is compiled and run only on text that contains one of the
//! literals every match of it must contain.
//!
//! Compiling the built-in patterns was most of privlint's start-up, yet a statement in one
//! language gives most of them nothing to find: `\bzonder (deze|die)\b…` cannot match text
//! without "zonder". For every pattern, [`literals`] picks one part of its top-level
//! concatenation whose matches all begin with one of a finite set of literals (the part with
//! the longest shortest literal, as it is the most selective). A match of the whole pattern
//! contains a match of that part, so text that contains none of the literals cannot match:
//! skipping the pattern there changes no result.
//!
//! `build.rs` includes this file to compute the gates of the built-in patterns at build time
//! (extracting them costs about as much as compiling); the crate uses the same function in
//! its tests to check those gates.

use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind};

/// The literals of which every match of `pattern` contains at least one, or `None` when no
/// such finite set is known (then the pattern always runs). The pattern is read as privlint
/// compiles it: ASCII classes, bytes rather than UTF-8.
pub fn literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()?;
    let parts: Vec<&Hir> = match hir.kind() {
        HirKind::Concat(parts) => parts.iter().collect(),
        _ => vec![&hir],
    };
    let mut best: Option<(usize, Vec<String>)> = None;
    for part in parts {
        let seq = Extractor::new().extract(part);
        let Some(found) = seq.literals() else {
            continue;
        };
        // A part that can match the empty string (an optional group, a `\b`) gates nothing.
        let shortest = found.iter().map(|l| l.as_bytes().len()).min().unwrap_or(0);
        if shortest == 0 {
            continue;
        }
        // Literals are kept as text; one that is not valid UTF-8 (cut inside a character)
        // leaves the part ungated.
        let Ok(texts) = found
            .iter()
            .map(|l| String::from_utf8(l.as_bytes().to_vec()))
            .collect::<Result<Vec<String>, _>>()
        else {
            continue;
        };
        if best.as_ref().is_none_or(|(len, _)| shortest > *len) {
            best = Some((shortest, texts));
        }
    }
    best.map(|(_, texts)| texts)
}

#[cfg(test)]
mod tests {
    use super::literals;

    #[test]
    fn the_most_selective_part_gates() {
        // "zonder " (7 bytes) beats "kunnen"/"kan" (3) and " niet" (5).
        let got = literals(r"\bzonder (deze|die)?\b[^.\n]{0,80}\b(kunnen|kan) niet\b").unwrap();
        assert_eq!(got, ["zonder "]);
        let got = literals(r"\b(intrekken|withdraw|revoke)\b[^.\n]{0,30}\bconsent").unwrap();
        // "consent" (7) beats "revoke" (6).
        assert_eq!(got, ["consent"]);
    }

    #[test]
    fn a_pattern_of_optional_parts_is_not_gated() {
        assert_eq!(literals(r"(a|b)?\d*"), None);
        assert_eq!(literals(r"\b\w+\b"), None);
    }

    #[test]
    fn an_invalid_pattern_is_not_gated() {
        assert_eq!(literals(r"(unclosed"), None);
    }
}
