//! Normalisation for matching: lower case, no diacritics, one kind of quote, dash and space.
//!
//! aho-corasick folds ASCII case only, so `É`, `ë`, curly quotes and ligatures are folded here,
//! once per document, into a text that keeps a map from each normalised byte back to the byte
//! of the extracted text it came from. Rule phrases go through the same function when rules
//! are loaded, so both sides always agree.

/// Normalised text plus, for every byte, the offset in the original text.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub to_original: Vec<u32>,
}

impl Normalized {
    /// The normalised offset where the original offset `at` begins (the first normalised byte
    /// that came from `at` or later).
    pub fn offset_of(&self, at: usize) -> usize {
        self.to_original.partition_point(|&o| (o as usize) < at)
    }

    /// The range of `original` (the text this was normalised from) that the normalised range
    /// `start..end` came from, always on character boundaries.
    pub fn original_range(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> std::ops::Range<usize> {
        let len = original.len();
        let s = self
            .to_original
            .get(start)
            .map(|&o| o as usize)
            .unwrap_or(len);
        if end <= start {
            return s..s;
        }
        let last = self
            .to_original
            .get(end - 1)
            .map(|&o| o as usize)
            .unwrap_or(len);
        let e = original[last.min(len)..]
            .chars()
            .next()
            .map(|c| last + c.len_utf8())
            .unwrap_or(len);
        s..e.max(s)
    }
}

/// Folds one character into `out` (zero or more characters).
pub fn fold_char(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        'a'..='z' | '0'..='9' => out.push(c),
        c if c.is_ascii() => out.push(c),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' | '\u{60}' => {
            out.push('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            out.push('"')
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => out.push('-'),
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
        '\u{fb00}' => out.push_str("ff"),
        '\u{fb01}' => out.push_str("fi"),
        '\u{fb02}' => out.push_str("fl"),
        '\u{fb03}' => out.push_str("ffi"),
        '\u{fb04}' => out.push_str("ffl"),
        '\u{df}' => out.push_str("ss"),
        '\u{e6}' | '\u{c6}' => out.push_str("ae"),
        '\u{153}' | '\u{152}' => out.push_str("oe"),
        '\u{f8}' | '\u{d8}' => out.push('o'),
        '\u{2026}' => out.push_str("..."),
        '\u{20ac}' => out.push_str("eur"),
        c => match strip_accent(c) {
            Some(base) => out.push(base),
            None => out.extend(c.to_lowercase()),
        },
    }
}

/// The base letter of a Latin letter with a diacritic.
fn strip_accent(c: char) -> Option<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'ă' | 'ą' => {
            'a'
        }
        'ç' | 'Ç' | 'ć' | 'č' | 'Č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'į' | 'ı' => 'i',
        'ĳ' | 'Ĳ' => 'y',
        'ñ' | 'Ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'Š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ł' | 'Ł' => 'l',
        _ => return None,
    };
    Some(base)
}

/// Normalises `text`, keeping the back-map; runs of spaces become one space.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        // Most text is ASCII: one byte in, one byte out.
        if c.is_ascii() {
            let f = c.to_ascii_lowercase();
            if f == ' ' && (out.ends_with(' ') || out.ends_with('\n')) {
                continue;
            }
            map.push(i as u32);
            out.push(f);
            continue;
        }
        buf.clear();
        fold_char(c, &mut buf);
        for f in buf.chars() {
            if f == ' ' && (out.ends_with(' ') || out.ends_with('\n')) {
                continue;
            }
            for _ in 0..f.len_utf8() {
                map.push(i as u32);
            }
            out.push(f);
        }
    }
    Normalized {
        text: out,
        to_original: map,
    }
}

/// Normalises a rule phrase: the same folding, trimmed, single spaces.
pub fn normalize_phrase(phrase: &str) -> String {
    let phrase = phrase.trim();
    // Most phrases are folded already (lower-case ASCII, single spaces): loading the rules
    // folds thousands of them.
    let bytes = phrase.as_bytes();
    let folded = bytes.iter().all(|&b| {
        b.is_ascii() && !b.is_ascii_uppercase() && (b == b' ' || !b.is_ascii_whitespace())
    });
    if folded && !bytes.windows(2).any(|w| w == b"  ") {
        return phrase.to_string();
    }
    // ASCII folds to its lower case alone (see `normalize`): "De", "Wij", "KvK".
    let n = if phrase.is_ascii() {
        phrase.to_ascii_lowercase()
    } else {
        normalize(phrase).text
    };
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A phrase as a rule file writes it, ready to match: normalised (see [`normalize_phrase`]),
/// and whether a `*` at its start or end lets it match inside a longer word ("*beleid"
/// matches "privacybeleid"). Rule loading and `build.rs` (which makes the built-in phrase
/// automaton) both read phrases with this, so the two agree on every key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePhrase {
    pub text: String,
    pub open_start: bool,
    pub open_end: bool,
}

/// Reads a rule phrase (see [`RulePhrase`]).
pub fn rule_phrase(raw: &str) -> RulePhrase {
    let raw = raw.trim();
    RulePhrase {
        text: normalize_phrase(raw.trim_matches('*')),
        open_start: raw.starts_with('*'),
        open_end: raw.ends_with('*') && raw.len() > 1,
    }
}

/// A byte that is part of a word in normalised text.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether a match starting at `s` in `bytes` starts a word, as `\b` asks: no word byte glued
/// before it, unless the match itself begins with a non-word byte ("[at]" in
/// "info[at]voorbeeld.nl").
pub fn starts_word(bytes: &[u8], s: usize) -> bool {
    let word = |i: usize| bytes.get(i).is_some_and(|&b| is_word_byte(b));
    !word(s) || s == 0 || !word(s - 1)
}

/// Whether a match ending at `e` in `bytes` ends a word (the mirror of [`starts_word`]).
pub fn ends_word(bytes: &[u8], e: usize) -> bool {
    let word = |i: usize| bytes.get(i).is_some_and(|&b| is_word_byte(b));
    e == 0 || !word(e - 1) || !word(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_phrase_is_normalised_and_a_star_opens_its_end() {
        let p = rule_phrase("  *Beleid ");
        assert_eq!(
            (p.text.as_str(), p.open_start, p.open_end),
            ("beleid", true, false)
        );
        let p = rule_phrase("Privacy  Officer*");
        assert_eq!(
            (p.text.as_str(), p.open_start, p.open_end),
            ("privacy officer", false, true)
        );
        // A lone star opens the start only, and leaves nothing to match.
        let p = rule_phrase("*");
        assert_eq!(
            (p.text.as_str(), p.open_start, p.open_end),
            ("", true, false)
        );
    }

    #[test]
    fn a_phrase_folds_as_the_text_it_is_matched_in() {
        // Each of the phrase's shortcuts (already folded; ASCII) gives what folding the whole
        // text would.
        for phrase in [
            "verwerken wij",
            "  De  Wij\tKvK ",
            "a\u{b}b\nC",
            "Één “ruïne”  café",
            "gebruik  van",
            "",
        ] {
            let slow = normalize(phrase.trim())
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(normalize_phrase(phrase), slow, "{phrase:?}");
        }
    }

    #[test]
    fn folds_case_accents_quotes() {
        let n = normalize("Één “ruïne” – ﬁets\u{a0}\u{a0}café");
        assert_eq!(n.text, "een \"ruine\" - fiets cafe");
    }

    #[test]
    fn back_map_points_at_original_chars() {
        let src = "Ré x";
        let n = normalize(src);
        assert_eq!(n.text, "re x");
        assert_eq!(n.to_original[1], 1); // é starts at byte 1
        assert_eq!(n.to_original[3], 4); // x after the two-byte é and a space
    }

    #[test]
    fn phrases_normalise_like_text() {
        assert_eq!(normalize_phrase("  Recht op   INZAGE "), "recht op inzage");
    }

    #[test]
    fn a_phrase_folded_already_comes_out_as_the_full_fold_would_give_it() {
        let full = |p: &str| {
            let n = normalize(p.trim()).text;
            n.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for p in [
            "recht op inzage",
            "bewaar*",
            "(\"we\"",
            "it's",
            " e-mail ",
            "a\tb",
            "a  b",
            "Café",
            "in\u{a0}kind",
            "ﬁle",
        ] {
            assert_eq!(normalize_phrase(p), full(p), "{p:?}");
        }
    }
}
