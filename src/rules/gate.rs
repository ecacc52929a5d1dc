//! Literal gates: a pattern is compiled and run only on text that contains, for each of
//! its required parts, one of the literals that part must begin with.
//!
//! Compiling the built-in patterns was most of privlint's start-up, yet a statement gives most
//! of them nothing to find: `\bzonder (deze|die)?\b… (kunnen|kan) …\bniet\b` cannot match text
//! without "zonder", or without "kunnen" or "kan", or without "niet". For every part of a
//! pattern's top-level concatenation whose matches all begin with one of a finite set of
//! non-empty literals, [`literals`] returns that set. A match of the whole pattern contains a
//! match of every such part, so text that lacks all literals of any one set cannot match:
//! skipping the pattern there changes no result.
//!
//! The parts of a match follow one another, so their literals do too: the gates are checked
//! in order (`shared::OpenGates::in_order`), which closes a third to a half of the patterns
//! that literals alone would open on a statement.
//!
//! Most patterns cannot match across a full stop or a line break (their gaps are `[^.\n]`):
//! for those, [`single_line`] says so, and the literals of all sets must then meet within one
//! stretch of text between full stops and line breaks, not merely somewhere in the statement.
//!
//! `build.rs` includes this file to compute the gates of the built-in patterns at build time
//! (extracting them costs about as much as compiling); the crate uses the same function in
//! its tests to check those gates.

use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind};

/// For each required part of `pattern` with a known finite set of leading literals, that
/// set, in the order of the parts: every match contains a literal of every set, each
/// starting where the one before ends or later. (A set equal to an earlier one is left out:
/// the order of the rest still holds.) Empty when nothing is known (then the pattern always
/// runs). The pattern is read as privlint compiles it: ASCII classes, bytes rather than
/// UTF-8.
pub fn literals(pattern: &str) -> Vec<Vec<String>> {
    let Some(hir) = super::syntax::parse(pattern) else {
        return Vec::new();
    };
    let parts: Vec<&Hir> = match hir.kind() {
        HirKind::Concat(parts) => parts.iter().collect(),
        _ => vec![&hir],
    };
    let mut sets: Vec<Vec<String>> = Vec::new();
    for part in parts {
        let seq = Extractor::new().extract(part);
        let Some(found) = seq.literals() else {
            continue;
        };
        // A part that can match the empty string (an optional group, a `\b`) gates nothing.
        if found.is_empty() || found.iter().any(|l| l.as_bytes().is_empty()) {
            continue;
        }
        // Literals are kept as text; one that is not valid UTF-8 (cut inside a character)
        // leaves the part ungated.
        let Ok(mut texts) = found
            .iter()
            .map(|l| String::from_utf8(l.as_bytes().to_vec()))
            .collect::<Result<Vec<String>, _>>()
        else {
            continue;
        };
        texts.dedup();
        if !sets.contains(&texts) {
            sets.push(texts);
        }
    }
    // A long list of words ("use|uses|used|process|...") is kept too: it says little alone,
    // but a match holds the sets' literals in their order (see `shared::OpenGates::in_order`),
    // and "consent ... legal basis" is rarer than either. Dropping lists of over 12 words
    // kept the gate automaton at 263 KB instead of 441 KB, but opened twice as many patterns
    // that then found nothing.
    sets
}

/// What every match of a pattern (parsed, as [`super::syntax::parse`] does) begins with,
/// for the prefilter of its engines: its prefix literal if it has one, else the first bytes of
/// its prefix literals if they are three at most (`memchr` finds those); empty when neither
/// holds. The prefixes are extracted as the meta regex extracts them. A prefilter that needs
/// a searcher for many literals (Teddy, Aho-Corasick) is not used: building one for each
/// pattern a statement opens cost more than it saved in searching one.
pub fn starts(hir: &Hir) -> Vec<Vec<u8>> {
    use regex_syntax::hir::literal::ExtractKind;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let mut prefixes = extractor.extract(hir);
    prefixes.optimize_for_prefix_by_preference();
    let Some(found) = prefixes.literals() else {
        return Vec::new();
    };
    if found.is_empty() || found.iter().any(|l| l.as_bytes().is_empty()) {
        return Vec::new();
    }
    if let [one] = found {
        return vec![one.as_bytes().to_vec()];
    }
    let mut firsts: Vec<u8> = found
        .iter()
        .filter_map(|l| l.as_bytes().first().copied())
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    if firsts.len() > 3 {
        return Vec::new();
    }
    firsts.into_iter().map(|b| vec![b]).collect()
}

/// Whether no match of `pattern` can contain a full stop or a line break: no literal and no
/// class of it holds either. `false` when the pattern does not parse.
pub fn single_line(pattern: &str) -> bool {
    super::syntax::parse(pattern).is_some_and(|hir| !holds_stop_or_newline(&hir))
}

fn holds_stop_or_newline(hir: &Hir) -> bool {
    use regex_syntax::hir::Class;
    let stop = |b: u8| b == b'.' || b == b'\n';
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(l) => l.0.iter().any(|&b| stop(b)),
        HirKind::Class(Class::Bytes(c)) => {
            c.ranges().iter().any(|r| (r.start()..=r.end()).any(stop))
        }
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().any(|r| {
            ['.', '\n']
                .iter()
                .any(|x| (r.start()..=r.end()).contains(x))
        }),
        HirKind::Repetition(r) => holds_stop_or_newline(&r.sub),
        HirKind::Capture(c) => holds_stop_or_newline(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(holds_stop_or_newline)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{literals, single_line, starts};

    fn starts_of(pattern: &str) -> Vec<String> {
        let hir = crate::rules::syntax::parse(pattern).expect("parses");
        starts(&hir)
            .into_iter()
            .map(|s| String::from_utf8(s).expect("text"))
            .collect()
    }

    #[test]
    fn a_match_begins_with_its_one_prefix_or_one_of_a_few_first_bytes() {
        assert_eq!(starts_of(r"\bzonder\b[^.\n]{0,80}\bniet\b"), ["zonder"]);
        assert_eq!(starts_of(r"\b(bewaren|bewaard|delen)\b"), ["b", "d"]);
        // Too many first bytes, no prefix, or an optional start: no prefilter.
        assert!(starts_of(r"\b(aan|bij|con|dat)\b").is_empty());
        assert!(starts_of(r"\b[a-z]+@[a-z]+\b").is_empty());
        assert_eq!(starts_of(r"(de )?termijn"), ["d", "t"]);
    }

    #[test]
    fn a_pattern_whose_gaps_stop_at_a_full_stop_is_single_line() {
        assert!(single_line(r"\bzonder\b[^.\n]{0,80}\bniet\b"));
        assert!(!single_line(r"\bart\. 6\b"));
        assert!(!single_line(r"\bzonder\s+niet\b"));
        assert!(!single_line(r"\bzonder.{0,20}niet\b"));
        assert!(!single_line(r"(unclosed"));
    }

    #[test]
    fn every_required_part_gates() {
        let got = literals(r"\bzonder (deze|die)?\b[^.\n]{0,80}\b(kunnen|kan) niet\b");
        assert_eq!(got, [vec!["zonder "], vec!["kunnen", "kan"], vec![" niet"]]);
    }

    #[test]
    fn a_long_word_list_gates_in_its_place() {
        let words: Vec<String> = (0..20).map(|i| format!("w{i}x")).collect();
        let got = literals(&format!(
            r"\b({})\b[^.\n]{{0,40}}\bzonder\b",
            words.join("|")
        ));
        assert_eq!(got, [words, vec!["zonder".to_string()]]);
    }

    #[test]
    fn a_pattern_of_optional_parts_is_not_gated() {
        assert!(literals(r"(a|b)?\d*").is_empty());
        assert!(literals(r"\b\w+\b").is_empty());
    }

    #[test]
    fn an_invalid_pattern_is_not_gated() {
        assert!(literals(r"(unclosed").is_empty());
    }
}
