//! An Aho-Corasick automaton laid out as plain bytes, searched where it lies: the built-in
//! rules' phrase and gate-literal automata, made by `build.rs` and embedded in the binary.
//!
//! `daachorse` (which builds the automata of a user's own phrases at run time) can serialise an
//! automaton, but reading it back copies every state into memory of its own: for the 5,400
//! built-in phrases that was a fifth of loading the rules and 220 pages of heap touched on
//! every run. This layout is read in place, so loading costs nothing and a search touches only
//! the states it passes through. `build.rs` includes this file to [`build`] the automata;
//! the crate searches them with [`Trie`].
//!
//! Layout (all numbers little-endian `u32`): the number of states `n` and of edges `e`; the
//! root's 256 transitions (0 for none); then per state, numbered in breadth-first order (so a
//! state's failure and output links point to lower numbers, its children to higher ones): the
//! index of its first edge, its failure link, its pattern + 1 (0 for none), its output link
//! (the nearest state on its failure chain that ends a pattern; 0 for none); one more first
//! edge index to end the last state's edges; then the edges' bytes (`e` bytes, each state's
//! sorted) and their targets (`e` numbers). Bytes that are not such a layout search as an
//! automaton with fewer states or find nothing: every read is bounds-checked, and a link that
//! does not point back (or a child that does not point forward) ends the walk, so a search
//! always ends.

/// An automaton in the layout above, over the bytes it lies in.
#[derive(Clone, Copy, Debug)]
pub struct Trie<'a> {
    bytes: &'a [u8],
    states: u32,
    edges: u32,
}

/// Where the root's transitions start (after the two counts).
const ROOT: usize = 8;
/// Where the states start.
const STATES: usize = ROOT + 256 * 4;
/// The numbers a state holds.
const STATE_LEN: usize = 4;

impl<'a> Trie<'a> {
    /// The automaton in `bytes`; `None` if they are too short for the counts they give.
    pub fn new(bytes: &'a [u8]) -> Option<Trie<'a>> {
        let number = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        let (states, edges) = (number(0)?, number(4)?);
        let len = STATES
            .checked_add((states as usize).checked_mul(STATE_LEN * 4)?)?
            .checked_add(4)?
            .checked_add((edges as usize).checked_mul(5)?)?;
        (states > 0 && bytes.len() == len).then_some(Trie {
            bytes,
            states,
            edges,
        })
    }

    fn number(&self, at: usize) -> u32 {
        self.bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    }

    /// Field `field` of state `s`.
    fn field(&self, s: u32, field: usize) -> u32 {
        self.number(STATES + (s as usize * STATE_LEN + field) * 4)
    }

    /// The state after `s` on `byte`, if `s` has that edge (the root has one for every byte,
    /// back to itself where it has no child).
    fn child(&self, s: u32, byte: u8) -> Option<u32> {
        if s == 0 {
            return Some(self.number(ROOT + usize::from(byte) * 4));
        }
        let (from, to) = (self.field(s, 0), self.field(s + 1, 0).min(self.edges));
        let bytes_at = STATES + (self.states as usize * STATE_LEN + 1) * 4;
        let targets_at = bytes_at + self.edges as usize;
        let edge_bytes = self
            .bytes
            .get(bytes_at + from as usize..bytes_at + to as usize)?;
        let at = edge_bytes.iter().position(|&b| b == byte)?;
        Some(self.number(targets_at + (from as usize + at) * 4))
    }

    /// Every occurrence of every pattern in `text`, as (pattern, end), in order of end; at one
    /// end, the longest pattern first.
    pub fn find_each(&self, text: &[u8], mut found: impl FnMut(u32, usize)) {
        let mut s = 0u32;
        for (i, &b) in text.iter().enumerate() {
            s = loop {
                match self.child(s, b) {
                    // A child lies after its parent (the root's transitions may go anywhere).
                    Some(next) if (next > s || s == 0) && next < self.states => break next,
                    Some(_) => break 0,
                    None => {
                        let fail = self.field(s, 1);
                        // A failure link points back; one that does not ends at the root.
                        s = if fail < s { fail } else { 0 };
                    }
                }
            };
            let mut out = if self.field(s, 2) != 0 {
                s
            } else {
                self.field(s, 3)
            };
            while out != 0 {
                let pattern = self.field(out, 2);
                if pattern != 0 {
                    found(pattern - 1, i + 1);
                }
                let next = self.field(out, 3);
                out = if next < out { next } else { 0 };
            }
        }
    }
}

/// The automaton over `patterns` (each non-empty, each reported by its index), in the layout
/// of this module.
pub fn build(patterns: &[&[u8]]) -> Vec<u8> {
    use std::collections::{BTreeMap, VecDeque};
    // The trie, in order of creation.
    let mut children: Vec<BTreeMap<u8, usize>> = vec![BTreeMap::new()];
    let mut ends: Vec<Option<u32>> = vec![None];
    for (i, p) in patterns.iter().enumerate() {
        let mut s = 0;
        for &b in p.iter() {
            s = match children[s].get(&b) {
                Some(&next) => next,
                None => {
                    children.push(BTreeMap::new());
                    ends.push(None);
                    let next = children.len() - 1;
                    children[s].insert(b, next);
                    next
                }
            };
        }
        if s != 0 && ends[s].is_none() {
            ends[s] = Some(i as u32);
        }
    }
    // Breadth-first numbering, with failure and output links.
    let mut order = vec![0usize];
    let mut number = vec![0u32; children.len()];
    let mut fail = vec![0usize; children.len()];
    let mut output = vec![0usize; children.len()];
    let mut queue: VecDeque<usize> = VecDeque::from([0]);
    while let Some(s) = queue.pop_front() {
        for (&b, &c) in &children[s] {
            number[c] = order.len() as u32;
            order.push(c);
            queue.push_back(c);
            if s != 0 {
                let mut f = fail[s];
                fail[c] = loop {
                    if let Some(&next) = children[f].get(&b) {
                        break next;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f];
                };
            }
            let f = fail[c];
            output[c] = if ends[f].is_some() { f } else { output[f] };
        }
    }
    // Every state's edges but the root's (the root has its table), in the states' order.
    let listed: Vec<(u8, u32)> = order
        .iter()
        .filter(|&&s| s != 0)
        .flat_map(|&s| children[s].iter().map(|(&b, &c)| (b, number[c])))
        .collect();
    let mut out = Vec::new();
    let put = |out: &mut Vec<u8>, n: u32| out.extend_from_slice(&n.to_le_bytes());
    put(&mut out, order.len() as u32);
    put(&mut out, listed.len() as u32);
    for b in 0..=255u8 {
        put(&mut out, children[0].get(&b).map_or(0, |&c| number[c]));
    }
    let mut first = 0u32;
    for &s in &order {
        put(&mut out, first);
        put(&mut out, number[fail[s]]);
        put(&mut out, ends[s].map_or(0, |p| p + 1));
        put(&mut out, number[output[s]]);
        if s != 0 {
            first += children[s].len() as u32;
        }
    }
    put(&mut out, first);
    out.extend(listed.iter().map(|&(b, _)| b));
    for &(_, c) in &listed {
        put(&mut out, c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(trie: &Trie<'_>, text: &str) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        trie.find_each(text.as_bytes(), |p, end| out.push((p, end)));
        out
    }

    fn naive(patterns: &[&str], text: &str) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        for end in 1..=text.len() {
            let mut here: Vec<(u32, usize)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| text.as_bytes()[..end].ends_with(p.as_bytes()))
                .map(|(i, _)| (i as u32, end))
                .collect();
            // The longest first, as the automaton reports them.
            here.sort_by_key(|&(i, _)| std::cmp::Reverse(patterns[i as usize].len()));
            out.extend(here);
        }
        out
    }

    #[test]
    fn every_occurrence_of_every_pattern_is_found_in_order_of_end() {
        let patterns = [
            "bewaar",
            "bewaartermijn",
            "waar",
            "termijn",
            "ter",
            "a",
            "aa",
            "aaa",
            "ab",
            "bab",
            "é",
            "café",
            "derden",
            "met derden",
            "den",
        ];
        let bytes: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
        let built = build(&bytes);
        let trie = Trie::new(&built).expect("reads");
        for text in [
            "de bewaartermijn: waar bewaart u het?",
            "aaaa baba abab",
            "café met derden en den",
            "",
            "xyz",
        ] {
            assert_eq!(found(&trie, text), naive(&patterns, text), "{text:?}");
        }
    }

    #[test]
    fn damaged_bytes_search_without_panicking_or_looping() {
        let patterns: Vec<&[u8]> = vec![b"abc", b"bc", b"c", b"abd", b"bd"];
        let built = build(&patterns);
        assert!(Trie::new(&built[..built.len() - 1]).is_none(), "cut short");
        assert!(Trie::new(&[]).is_none());
        for at in 0..built.len() {
            for value in [0u8, 1, 2, 3, 7, 0x7f, 0xff] {
                let mut bad = built.clone();
                bad[at] = value;
                if let Some(trie) = Trie::new(&bad) {
                    let mut n = 0;
                    trie.find_each(b"abcabdbcdxabc", |_, _| n += 1);
                    // At most every state on every output chain, for each byte.
                    assert!(n <= 13 * 10, "{n}");
                }
            }
        }
    }
}
