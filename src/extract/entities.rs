//! HTML character references, decoded from the source slice so every decoded character keeps
//! the byte range of the reference it came from (`&eacute;` → `é` spanning 8 bytes).

/// Decodes the character reference at the start of `s` (which starts with `&`): the characters
/// and the number of source bytes consumed. `None` when it is not a known reference (a browser
/// shows such text literally).
pub fn decode_at(s: &str) -> Option<(char, Option<char>, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    if bytes.get(1) == Some(&b'#') {
        let (digits_start, radix) = match bytes.get(2) {
            Some(b'x') | Some(b'X') => (3, 16),
            _ => (2, 10),
        };
        let len = bytes[digits_start..]
            .iter()
            .take(8)
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if len == 0 {
            return None;
        }
        let digits = &s[digits_start..digits_start + len];
        let mut end = digits_start + len;
        if bytes.get(end) == Some(&b';') {
            end += 1;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        let c = match code {
            0x80..=0x9f => windows_1252_c1(code),
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some((c, None, end));
    }
    let name_len = bytes[1..]
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let has_semicolon = bytes.get(1 + name_len) == Some(&b';');
    let (a, b) = named(name)?;
    if !has_semicolon && !LEGACY_NO_SEMICOLON.contains(&name) {
        return None;
    }
    Some((a, b, 1 + name_len + usize::from(has_semicolon)))
}

const LEGACY_NO_SEMICOLON: &[&str] = &[
    "amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "eacute", "euml", "egrave", "iuml", "ouml",
    "uuml", "auml", "aacute", "oacute", "uacute", "iacute", "ccedil",
];

fn windows_1252_c1(code: u32) -> char {
    let table = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    table[(code - 0x80) as usize]
}

/// The named references that occur in real text (Latin-1, typography, common symbols).
fn named(name: &str) -> Option<(char, Option<char>)> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "sbquo" => '\u{201a}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "bdquo" => '\u{201e}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "lsaquo" => '\u{2039}',
        "rsaquo" => '\u{203a}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "bull" => '\u{2022}',
        "middot" => '\u{b7}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "euro" => '\u{20ac}',
        "pound" => '\u{a3}',
        "dollar" => '$',
        "sect" => '\u{a7}',
        "para" => '\u{b6}',
        "deg" => '\u{b0}',
        "times" => '\u{d7}',
        "divide" => '\u{f7}',
        "plusmn" => '\u{b1}',
        "frac12" => '\u{bd}',
        "frac14" => '\u{bc}',
        "frac34" => '\u{be}',
        "sup2" => '\u{b2}',
        "sup3" => '\u{b3}',
        "iexcl" => '\u{a1}',
        "iquest" => '\u{bf}',
        "colon" => ':',
        "semi" => ';',
        "comma" => ',',
        "period" => '.',
        "excl" => '!',
        "quest" => '?',
        "num" => '#',
        "percnt" => '%',
        "commat" => '@',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "sol" => '/',
        "bsol" => '\\',
        "ast" => '*',
        "plus" => '+',
        "equals" => '=',
        "lowbar" => '_',
        "verbar" | "vert" => '|',
        "Tab" => '\t',
        "NewLine" => '\n',
        "rarr" => '\u{2192}',
        "larr" => '\u{2190}',
        "check" => '\u{2713}',
        "szlig" => '\u{df}',
        "aelig" => '\u{e6}',
        "AElig" => '\u{c6}',
        "oelig" => '\u{153}',
        "OElig" => '\u{152}',
        "oslash" => '\u{f8}',
        "Oslash" => '\u{d8}',
        "aring" => '\u{e5}',
        "Aring" => '\u{c5}',
        "ccedil" => '\u{e7}',
        "Ccedil" => '\u{c7}',
        "ntilde" => '\u{f1}',
        "Ntilde" => '\u{d1}',
        "ijlig" => '\u{133}',
        "IJlig" => '\u{132}',
        "scaron" => '\u{161}',
        "Scaron" => '\u{160}',
        "yuml" => '\u{ff}',
        "Yuml" => '\u{178}',
        "yacute" => '\u{fd}',
        "Yacute" => '\u{dd}',
        _ => return accented(name).map(|c| (c, None)),
    };
    Some((c, None))
}

/// `&eacute;`, `&Ouml;` and friends: a base letter and an accent name.
fn accented(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let base = chars.next()?;
    let accent = chars.as_str();
    let upper = base.is_ascii_uppercase();
    let lower = base.to_ascii_lowercase();
    let c = match (lower, accent) {
        ('a', "grave") => 'à',
        ('a', "acute") => 'á',
        ('a', "circ") => 'â',
        ('a', "tilde") => 'ã',
        ('a', "uml") => 'ä',
        ('e', "grave") => 'è',
        ('e', "acute") => 'é',
        ('e', "circ") => 'ê',
        ('e', "uml") => 'ë',
        ('i', "grave") => 'ì',
        ('i', "acute") => 'í',
        ('i', "circ") => 'î',
        ('i', "uml") => 'ï',
        ('o', "grave") => 'ò',
        ('o', "acute") => 'ó',
        ('o', "circ") => 'ô',
        ('o', "tilde") => 'õ',
        ('o', "uml") => 'ö',
        ('u', "grave") => 'ù',
        ('u', "acute") => 'ú',
        ('u', "circ") => 'û',
        ('u', "uml") => 'ü',
        ('y', "acute") => 'ý',
        _ => return None,
    };
    Some(if upper {
        c.to_uppercase().next().unwrap_or(c)
    } else {
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_legacy() {
        assert_eq!(decode_at("&eacute;x"), Some(('é', None, 8)));
        assert_eq!(decode_at("&Euml;"), Some(('Ë', None, 6)));
        assert_eq!(decode_at("&#8217;s"), Some(('\u{2019}', None, 7)));
        assert_eq!(decode_at("&#x27;"), Some(('\'', None, 6)));
        assert_eq!(decode_at("&#150;"), Some(('\u{2013}', None, 6)));
        assert_eq!(decode_at("&nbsp x"), Some(('\u{a0}', None, 5)));
        assert_eq!(decode_at("&foo;"), None);
        assert_eq!(decode_at("& x"), None);
    }
}
