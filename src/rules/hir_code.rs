//! The parsed form (HIR) of the built-in patterns, written at build time and read back at run
//! time, so that a pattern a statement needs is compiled without parsing its source again.
//!
//! Parsing a pattern and translating it to HIR was a third of compiling it, and compiling the
//! patterns a statement opens is a third of checking one. `build.rs` (which includes this
//! file) parses every built-in pattern as privlint compiles it and [`encode`]s the result;
//! `rules::shared` [`decode`]s it and builds the regex from the HIR when the pattern's
//! prebuilt NFAs (see [`super::nfa_code`], compiled by `build.rs` from this same HIR) do not
//! read back. A pattern whose HIR does not read back either is compiled from its source, so a
//! damaged encoding costs time, never a result; a test checks that every built-in pattern
//! reads back equal to its parse. Its varints also serve `nfa_code`.
//!
//! The encoding is a tree in prefix order: a tag byte per node, then its fields, numbers as
//! LEB128 varints. It is private to one build of privlint (both ends are compiled from this
//! file), so it carries no version.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Literal, Look, Repetition,
};

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const CLASS_UNICODE: u8 = 2;
const CLASS_BYTES: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

/// Deeper than any pattern the parser accepts (its nest limit is 250): a bound on recursion
/// when reading.
const MAX_DEPTH: u32 = 1_000;

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

/// Appends the encoding of `hir` to `out`.
pub fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(Literal(bytes)) => {
            out.push(LITERAL);
            put(out, bytes.len() as u32);
            out.extend_from_slice(bytes);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(CLASS_UNICODE);
            put(out, class.ranges().len() as u32);
            for r in class.ranges() {
                put(out, r.start() as u32);
                put(out, r.end() as u32);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(CLASS_BYTES);
            put(out, class.ranges().len() as u32);
            for r in class.ranges() {
                out.push(r.start());
                out.push(r.end());
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            put(out, look.as_repr());
        }
        HirKind::Repetition(rep) => {
            out.push(REPETITION);
            put(out, rep.min);
            // 0 for no maximum, else the maximum plus one.
            put(out, rep.max.map_or(0, |m| m.saturating_add(1)));
            out.push(u8::from(rep.greedy));
            encode(&rep.sub, out);
        }
        HirKind::Capture(cap) => {
            out.push(CAPTURE);
            put(out, cap.index);
            match &cap.name {
                Some(name) => {
                    put(out, name.len() as u32 + 1);
                    out.extend_from_slice(name.as_bytes());
                }
                None => put(out, 0),
            }
            encode(&cap.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                CONCAT
            } else {
                ALTERNATION
            });
            put(out, subs.len() as u32);
            for sub in subs {
                encode(sub, out);
            }
        }
    }
}

/// The HIR encoded in `bytes`, or `None` if they are not exactly one encoded HIR.
pub fn decode(bytes: &[u8]) -> Option<Hir> {
    let mut reader = Reader::new(bytes);
    let hir = reader.hir(0)?;
    reader.is_done().then_some(hir)
}

/// Appends `n` as a LEB128 varint (also used by [`super::nfa_code`]).
pub(super) fn put(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Reads bytes and varints (see [`put`]) from the front of a slice.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Whether every byte was read.
    pub(super) fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub(super) fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    pub(super) fn number(&mut self) -> Option<u32> {
        let mut n: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn slice(&mut self, len: u32) -> Option<&[u8]> {
        let end = self.at.checked_add(len as usize)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn hir(&mut self, depth: u32) -> Option<Hir> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.byte()? {
            EMPTY => Hir::empty(),
            LITERAL => {
                let len = self.number()?;
                Hir::literal(self.slice(len)?)
            }
            CLASS_UNICODE => {
                let n = self.number()?;
                let mut ranges = Vec::new();
                for _ in 0..n {
                    let start = char::from_u32(self.number()?)?;
                    let end = char::from_u32(self.number()?)?;
                    ranges.push(ClassUnicodeRange::new(start, end));
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            CLASS_BYTES => {
                let n = self.number()?;
                let mut ranges = Vec::new();
                for _ in 0..n {
                    let (start, end) = (self.byte()?, self.byte()?);
                    ranges.push(ClassBytesRange::new(start, end));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.number()?)?),
            REPETITION => {
                let min = self.number()?;
                let max = self.number()?.checked_sub(1);
                // The parser never writes a maximum below the minimum.
                if max.is_some_and(|m| m < min) {
                    return None;
                }
                let greedy = self.byte()? != 0;
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            CAPTURE => {
                let index = self.number()?;
                let name = match self.number()?.checked_sub(1) {
                    Some(len) => Some(std::str::from_utf8(self.slice(len)?).ok()?.into()),
                    None => None,
                };
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::capture(Capture { index, name, sub })
            }
            tag @ (CONCAT | ALTERNATION) => {
                let n = self.number()?;
                let mut subs = Vec::new();
                for _ in 0..n {
                    subs.push(self.hir(depth + 1)?);
                }
                if tag == CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str) -> Hir {
        super::parse(pattern).expect("the test's patterns parse")
    }

    #[test]
    fn every_kind_of_node_reads_back_equal() {
        for pattern in [
            "",
            "abc",
            r"\bzonder (deze|die)?\b[^.\n]{0,40}\b(kunnen|kan)\b",
            "(?P<name>x+?)y*z{2,}w{3}",
            "(?u)[é-ü]|ø",
            "^a$|(?m)^b$",
            "(?i)privacy",
        ] {
            let hir = parse(pattern);
            let mut bytes = Vec::new();
            encode(&hir, &mut bytes);
            assert_eq!(decode(&bytes).as_ref(), Some(&hir), "{pattern}");
        }
    }

    #[test]
    fn damaged_bytes_read_as_none() {
        let mut bytes = Vec::new();
        encode(&parse(r"\bverwerk(en|t)\b[^.\n]{0,60}\bvoor\b"), &mut bytes);
        // Cut short anywhere, or with bytes left over, or an unknown tag: never a HIR.
        for end in 0..bytes.len() {
            assert_eq!(decode(&bytes[..end]), None, "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(EMPTY);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(&[200]), None);
        // A varint that never ends.
        assert_eq!(decode(&[LITERAL, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), None);
        // A repetition of at least 3 and at most 1 (stored as 2).
        assert_eq!(decode(&[REPETITION, 3, 2, 1, EMPTY]), None);
    }
}
