//! The compiled automata (Thompson NFAs) of the built-in patterns, made at build time and read
//! back at run time, so that a pattern a statement needs is ready without compiling it.
//!
//! Compiling the patterns a statement opens was a third of checking one, and most of a site
//! scan's fixed cost after the rules: the regex compiler turns each pattern's HIR into an NFA
//! through many intermediate states. `build.rs` (which includes this file) [`compile`]s every
//! built-in pattern as privlint's regex engines need it (forward, and reversed for the lazy
//! DFA) and [`encode`]s the finished NFA's states; [`decode`] feeds them to `regex-automata`'s
//! NFA builder one by one, which makes the same NFA in a fraction of the time. A pattern whose
//! NFA does not read back is compiled from its source, so a damaged encoding costs time, never
//! a result; a test checks that every built-in pattern's NFA reads back equal to compiling it.
//!
//! The encoding: a flag byte (UTF-8 mode, reversed), the anchored, unanchored and pattern
//! start states and the number of states, then each state as a tag byte and its fields, numbers
//! as LEB128 varints. It is private to one build of privlint (both ends are compiled from this
//! file), so it carries no version.

use regex_automata::nfa::thompson::{self, Builder, State, Transition, WhichCaptures, NFA};
use regex_automata::util::look::{Look, LookMatcher};
use regex_automata::util::primitives::StateID;

const BYTE_RANGE: u8 = 0;
const SPARSE: u8 = 1;
const LOOK: u8 = 2;
const UNION: u8 = 3;
const CAPTURE_START: u8 = 4;
const CAPTURE_END: u8 = 5;
const FAIL: u8 = 6;
const MATCH: u8 = 7;

/// The size limit of a pattern's NFA, as `rules::pattern_builder` sets it.
pub const SIZE_LIMIT: usize = 1 << 20;

/// The NFA configuration with which `regex-automata`'s meta regex compiles a pattern as
/// `rules::pattern_builder` configures it: bytes rather than UTF-8 (`utf8_empty(false)`), only
/// the implicit capture group, and, `reverse`d, no group at all (as its lazy DFA needs it).
fn config(reverse: bool) -> thompson::Config {
    let which = if reverse {
        WhichCaptures::None
    } else {
        WhichCaptures::Implicit
    };
    thompson::Config::new()
        .utf8(false)
        .reverse(reverse)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .shrink(false)
        .which_captures(which)
        .look_matcher(LookMatcher::new())
}

/// The NFA of a parsed pattern, forward or `reverse`d; `None` if it does not compile.
pub fn compile(hir: &regex_syntax::hir::Hir, reverse: bool) -> Option<NFA> {
    thompson::Compiler::new()
        .configure(config(reverse))
        .build_from_hir(hir)
        .ok()
}

/// Appends the encoding of `nfa` to `out`; `false` (and `out` as it was) for an NFA this
/// encoding does not cover: more than one pattern, or a dense state (the compiler makes
/// neither).
pub fn encode(nfa: &NFA, out: &mut Vec<u8>) -> bool {
    let Some(start) = (nfa.pattern_len() == 1)
        .then(|| nfa.start_pattern(regex_automata::PatternID::ZERO))
        .flatten()
    else {
        return false;
    };
    let mut code = Vec::new();
    code.push(u8::from(nfa.is_utf8()) | (u8::from(nfa.is_reverse()) << 1));
    for id in [nfa.start_anchored(), nfa.start_unanchored(), start] {
        put(&mut code, id.as_u32());
    }
    put(&mut code, nfa.states().len() as u32);
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                code.push(BYTE_RANGE);
                transition(&mut code, trans);
            }
            State::Sparse(sparse) => {
                code.push(SPARSE);
                put(&mut code, sparse.transitions.len() as u32);
                sparse
                    .transitions
                    .iter()
                    .for_each(|t| transition(&mut code, t));
            }
            State::Look { look, next } => {
                code.push(LOOK);
                put(&mut code, look.as_repr());
                put(&mut code, next.as_u32());
            }
            State::Union { alternates } => {
                code.push(UNION);
                put(&mut code, alternates.len() as u32);
                alternates.iter().for_each(|a| put(&mut code, a.as_u32()));
            }
            State::BinaryUnion { alt1, alt2 } => {
                code.push(UNION);
                put(&mut code, 2);
                put(&mut code, alt1.as_u32());
                put(&mut code, alt2.as_u32());
            }
            State::Capture {
                next,
                group_index,
                slot,
                ..
            } => {
                // A group's start and end slots are 2g and 2g + 1.
                code.push(if slot.as_usize() % 2 == 0 {
                    CAPTURE_START
                } else {
                    CAPTURE_END
                });
                put(&mut code, group_index.as_u32());
                put(&mut code, next.as_u32());
            }
            State::Fail => code.push(FAIL),
            State::Match { .. } => code.push(MATCH),
            State::Dense(_) => return false,
        }
    }
    out.extend_from_slice(&code);
    true
}

fn transition(out: &mut Vec<u8>, t: &Transition) {
    out.push(t.start);
    out.push(t.end);
    put(out, t.next.as_u32());
}

/// The NFA encoded in `bytes` (see [`encode`]); `None` if they do not hold one.
pub fn decode(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader::new(bytes);
    let flags = r.byte()?;
    let (anchored, unanchored, start) = (r.number()?, r.number()?, r.number()?);
    let len = r.number()?;
    // Every state a state names must exist: the builder does not check.
    let id = |n: u32| (n < len).then(|| StateID::new(n as usize).ok()).flatten();
    let mut b = Builder::new();
    b.set_utf8(flags & 1 != 0);
    b.set_reverse(flags & 2 != 0);
    b.set_look_matcher(LookMatcher::new());
    b.set_size_limit(Some(SIZE_LIMIT)).ok()?;
    b.start_pattern().ok()?;
    let mut captures = [0u32; 2];
    for _ in 0..len {
        let added = match r.byte()? {
            BYTE_RANGE => {
                let t = read_transition(&mut r, &id)?;
                b.add_range(t)
            }
            SPARSE => {
                let n = r.number()?;
                let mut ts = Vec::with_capacity(n.min(256) as usize);
                for _ in 0..n {
                    ts.push(read_transition(&mut r, &id)?);
                }
                b.add_sparse(ts)
            }
            LOOK => {
                let look = Look::from_repr(r.number()?)?;
                b.add_look(id(r.number()?)?, look)
            }
            UNION => {
                // The compiler's NFAs have no union of fewer than two: the builder would turn
                // one into an empty state, and empty states that loop make it loop forever.
                let n = r.number()?;
                if n < 2 {
                    return None;
                }
                let mut alts = Vec::with_capacity(n.min(1024) as usize);
                for _ in 0..n {
                    alts.push(id(r.number()?)?);
                }
                b.add_union(alts)
            }
            tag @ (CAPTURE_START | CAPTURE_END) => {
                let group = r.number()?;
                let next = id(r.number()?)?;
                // The builder panics on a group with no name slot: only the implicit group
                // (0) is ever compiled, once, started before it ends.
                if group != 0 {
                    return None;
                }
                if tag == CAPTURE_START {
                    captures[0] += 1;
                    b.add_capture_start(next, group, None)
                } else {
                    captures[1] += 1;
                    b.add_capture_end(next, group)
                }
            }
            FAIL => b.add_fail(),
            MATCH => b.add_match(),
            _ => return None,
        };
        added.ok()?;
    }
    if !r.is_done() || captures[0] != captures[1] || captures[0] > 1 {
        return None;
    }
    b.finish_pattern(id(start)?).ok()?;
    b.build(id(anchored)?, id(unanchored)?).ok()
}

fn read_transition(r: &mut Reader<'_>, id: &impl Fn(u32) -> Option<StateID>) -> Option<Transition> {
    let (start, end) = (r.byte()?, r.byte()?);
    let next = id(r.number()?)?;
    (start <= end).then_some(Transition { start, end, next })
}

/// Appends `n` as a LEB128 varint.
fn put(out: &mut Vec<u8>, mut n: u32) {
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
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Whether every byte was read.
    fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn number(&mut self) -> Option<u32> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(pattern: &str, reverse: bool) {
        let hir = super::super::syntax::parse(pattern).expect("parses");
        let nfa = compile(&hir, reverse).expect("compiles");
        let mut code = Vec::new();
        assert!(encode(&nfa, &mut code), "{pattern}");
        let back = decode(&code).expect("reads back");
        assert_eq!(format!("{back:?}"), format!("{nfa:?}"), "{pattern}");
    }

    #[test]
    fn an_nfa_reads_back_equal_to_the_compiled_one() {
        for pattern in [
            r"\bbewaar(en|t)\b[^.\n]{0,40}\b(jaar|maanden)\b",
            r"(?i)^ab+c?$",
            r"\b(we|wij) (delen|verkopen) (geen|nooit)\b",
            r"",
            r"[a-z]{2,}@[a-z]+\.[a-z]{2,}",
        ] {
            round_trip(pattern, false);
            round_trip(pattern, true);
        }
    }

    #[test]
    fn damaged_code_reads_back_as_nothing_and_never_panics() {
        let hir =
            super::super::syntax::parse(r"\bklacht\b[^.]{0,9}(ap|autoriteit)").expect("parses");
        let nfa = compile(&hir, false).expect("compiles");
        let mut code = Vec::new();
        assert!(encode(&nfa, &mut code));
        assert!(decode(&code[..code.len() - 1]).is_none(), "cut short");
        let mut longer = code.clone();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
        // Every single-byte change either reads back as some NFA or as nothing.
        for at in 0..code.len() {
            for value in [0u8, 1, 2, 5, 7, 8, 0x7f, 0x80, 0xff] {
                let mut bad = code.clone();
                bad[at] = value;
                let _ = decode(&bad);
            }
        }
    }
}
