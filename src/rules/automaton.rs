//! Overlapping search for many literal patterns at once, with the built-in rules' automata
//! made at build time.
//!
//! Building an Aho-Corasick automaton over the 5,400 phrases and the gate literals of the
//! built-in rules was a tenth of checking one statement, paid on every run. `build.rs` builds
//! both once, over every phrase the built-in rule files hold, sorted, in a layout a run
//! searches where it lies (see [`super::trie`]). Loading a rule set knows each pattern's place
//! in that list (see [`super::written`]), or finds it by a binary search; patterns the list
//! does not hold (a project's vocabulary, a user's own rule file) get a small `daachorse`
//! automaton of their own, built here. Either way a search reports every occurrence of every
//! pattern, also inside a longer one, as the overlapping search of `aho-corasick` did.

use daachorse::DoubleArrayAhoCorasick;
use std::collections::BTreeMap;

use super::trie::Trie;

/// An automaton over a list of patterns made at build time: the automaton's bytes (see
/// [`super::trie`]) and the patterns, sorted (`build.rs`).
#[derive(Clone, Copy)]
pub struct Prebuilt {
    automaton: &'static [u8],
    pub patterns: &'static [&'static str],
}

impl Prebuilt {
    pub const fn new(automaton: &'static [u8], patterns: &'static [&'static str]) -> Prebuilt {
        Prebuilt {
            automaton,
            patterns,
        }
    }

    /// The place of `text` in the list (the value the automaton reports for it), if the list
    /// holds it: a binary search, since `build.rs` writes the list sorted.
    pub fn place(self, text: &str) -> Option<u32> {
        self.patterns.binary_search(&text).ok().map(|at| at as u32)
    }

    /// The automaton, searched where it lies; `None` if its bytes are not an automaton's (they
    /// always are).
    pub fn read(self) -> Option<ReadBack> {
        Some(ReadBack {
            trie: Trie::new(self.automaton)?,
            patterns: self.patterns,
        })
    }
}

/// A prebuilt automaton ready to search (see [`Prebuilt::read`]).
#[derive(Clone, Copy)]
pub struct ReadBack {
    trie: Trie<'static>,
    patterns: &'static [&'static str],
}

/// Overlapping search for a list of patterns; a match names the pattern by its index in that
/// list.
#[derive(Clone)]
pub struct Overlapping {
    parts: Vec<Part>,
    /// How many patterns the prebuilt automaton did not hold (or all, without one).
    built_here: usize,
}

#[derive(Clone)]
struct Part {
    automaton: Automaton,
    /// The patterns each value of the automaton stands for: those of value `v` are
    /// `patterns[starts[v]..starts[v + 1]]` (a text can stand for several: a phrase written
    /// with and without `*`; or none: a built-in phrase the rule set does not use).
    starts: Vec<u32>,
    patterns: Vec<u32>,
}

/// A part's automaton: prebuilt, or built here for patterns the prebuilt list does not hold.
#[derive(Clone)]
enum Automaton {
    Prebuilt(ReadBack),
    Built(DoubleArrayAhoCorasick<u32>),
}

impl Part {
    /// A part from its automaton and (value, pattern) pairs: in any order of values, and the
    /// pairs of one value in ascending order of pattern.
    fn new(automaton: Automaton, values: usize, pairs: Vec<(u32, u32)>) -> Part {
        // A counting sort by value (a comparison sort of the 3,000 built-in phrases' pairs
        // was a twentieth of loading the rules). It keeps the order of the pairs of one value:
        // every caller makes them in ascending pattern order.
        let mut pairs = pairs;
        pairs.retain(|&(v, _)| (v as usize) < values);
        let mut starts = vec![0u32; values + 1];
        for &(v, _) in &pairs {
            starts[v as usize + 1] += 1;
        }
        for v in 0..values {
            starts[v + 1] += starts[v];
        }
        let mut next = starts.clone();
        let mut patterns = vec![0u32; pairs.len()];
        for &(v, p) in &pairs {
            let at = &mut next[v as usize];
            patterns[*at as usize] = p;
            *at += 1;
        }
        Part {
            automaton,
            starts,
            patterns,
        }
    }

    fn patterns_of(&self, value: u32) -> &[u32] {
        let v = value as usize;
        match (self.starts.get(v), self.starts.get(v + 1)) {
            (Some(&s), Some(&e)) => self.patterns.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl std::fmt::Debug for Overlapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlapping")
            .field("parts", &self.parts.len())
            .field("len", &self.len())
            .field("built_here", &self.built_here)
            .finish()
    }
}

/// A match: the pattern's index and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl Overlapping {
    /// An automaton over `patterns`, read back from `prebuilt` for the patterns it holds. A
    /// prebuilt automaton that does not read back (it always does) is ignored: then every
    /// pattern is built here. Fails if a pattern is empty: it would match everywhere, which
    /// `daachorse` does not do, and no rule means it.
    pub fn new(patterns: &[String], prebuilt: Option<Prebuilt>) -> Result<Overlapping, String> {
        let placed: Vec<(&str, Option<u32>)> = patterns
            .iter()
            .map(|p| (p.as_str(), prebuilt.and_then(|b| b.place(p))))
            .collect();
        Overlapping::with_read(&placed, prebuilt.and_then(Prebuilt::read))
    }

    /// As [`Overlapping::new`], for patterns whose place in the prebuilt list is known
    /// already (`None` for one the list does not hold), with the automaton read back.
    pub fn with_read(
        patterns: &[(&str, Option<u32>)],
        read: Option<ReadBack>,
    ) -> Result<Overlapping, String> {
        if let Some(i) = patterns.iter().position(|(p, _)| p.is_empty()) {
            return Err(format!("pattern {i} is empty"));
        }
        let mut parts = Vec::new();
        let mut rest: Vec<usize> = Vec::new();
        match read {
            Some(read) => {
                let mut pairs = Vec::with_capacity(patterns.len());
                for (i, (_, place)) in patterns.iter().enumerate() {
                    match place {
                        Some(at) => pairs.push((*at, i as u32)),
                        None => rest.push(i),
                    }
                }
                let values = read.patterns.len();
                parts.push(Part::new(Automaton::Prebuilt(read), values, pairs));
            }
            None => rest = (0..patterns.len()).collect(),
        }
        let built_here = rest.len();
        if !rest.is_empty() {
            let mut by_text: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
            for i in rest {
                by_text.entry(patterns[i].0).or_default().push(i as u32);
            }
            let automaton = DoubleArrayAhoCorasick::<u32>::with_values(
                by_text
                    .keys()
                    .enumerate()
                    .map(|(v, text)| (*text, v as u32)),
            )
            .map_err(|e| e.to_string())?;
            let values = by_text.len();
            let pairs = by_text
                .into_values()
                .enumerate()
                .flat_map(|(v, list)| list.into_iter().map(move |p| (v as u32, p)))
                .collect();
            parts.push(Part::new(Automaton::Built(automaton), values, pairs));
        }
        Ok(Overlapping { parts, built_here })
    }

    /// The prebuilt automaton over exactly its own list: a match names the pattern by its
    /// place in that list. `None` if it does not read back (it always does).
    pub fn prebuilt(prebuilt: Prebuilt) -> Option<Overlapping> {
        let read = prebuilt.read()?;
        let values = prebuilt.patterns.len();
        let pairs = (0..values as u32).map(|v| (v, v)).collect();
        Some(Overlapping {
            parts: vec![Part::new(Automaton::Prebuilt(read), values, pairs)],
            built_here: 0,
        })
    }

    /// Every occurrence of every pattern in `text`, handed to `f`. Within one pattern, matches
    /// come in order of their end; across patterns in no particular order.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(Match)) {
        for part in &self.parts {
            let mut found = |value: u32, start: usize, end: usize| {
                for &p in part.patterns_of(value) {
                    f(Match {
                        pattern: p as usize,
                        start,
                        end,
                    });
                }
            };
            match &part.automaton {
                Automaton::Prebuilt(read) => read.trie.find_each(text.as_bytes(), |value, end| {
                    let len = read.patterns.get(value as usize).map(|p| p.len());
                    if let Some(start) = len.and_then(|len| end.checked_sub(len)) {
                        found(value, start, end);
                    }
                }),
                Automaton::Built(automaton) => {
                    for m in automaton.find_overlapping_iter(text) {
                        found(m.value(), m.start(), m.end());
                    }
                }
            }
        }
    }

    /// Every occurrence of every pattern in `text` (see [`Overlapping::for_each`]).
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.for_each(text, |m| out.push(m));
        out
    }

    /// How many patterns it searches for: every match names one below this. Each pattern
    /// stands in exactly one part (a value of that part's automaton maps to it).
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.patterns.len()).sum()
    }

    /// Whether it searches for no pattern at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many patterns had to be built at run time, not read back (none for the built-in
    /// rules).
    pub fn built_here(&self) -> usize {
        self.built_here
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(patterns: &[String], text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            for start in 0..text.len() {
                if text.as_bytes()[start..].starts_with(p.as_bytes()) {
                    out.push(Match {
                        pattern: i,
                        start,
                        end: start + p.len(),
                    });
                }
            }
        }
        out.sort();
        out
    }

    fn found(a: &Overlapping, text: &str) -> Vec<Match> {
        let mut out: Vec<Match> = a.find(text);
        out.sort();
        out
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_occurrence_of_every_pattern_also_inside_a_longer_one_and_twice_listed_ones() {
        let patterns = strings(&["bewaar", "bewaartermijn", "waar", "termijn", "waar", "é"]);
        let a = Overlapping::new(&patterns, None).unwrap();
        let text = "de bewaartermijn: waar bewaart u het? café";
        let got = found(&a, text);
        assert_eq!(got, naive(&patterns, text));
        // "waar" is listed twice: each index is reported.
        assert_eq!(got.iter().filter(|m| m.start == 5).count(), 2);
    }

    #[test]
    fn a_prebuilt_automaton_serves_its_patterns_and_a_small_one_the_rest() {
        let listed = ["delen", "derden", "met derden"];
        let bytes: Vec<&[u8]> = listed.iter().map(|p| p.as_bytes()).collect();
        let bytes: &'static [u8] = Box::leak(super::super::trie::build(&bytes).into_boxed_slice());
        let list: &'static [&'static str] = &["delen", "derden", "met derden"];
        let prebuilt = Prebuilt::new(bytes, list);
        let text = "wij delen met derden en met onze kapper";
        // All in the list: the prebuilt automaton alone, with "delen" unused.
        let patterns = strings(&["met derden", "derden"]);
        let a = Overlapping::new(&patterns, Some(prebuilt)).unwrap();
        assert_eq!((a.built_here(), a.len()), (0, 2));
        assert_eq!(found(&a, text), naive(&patterns, text));
        // One not in the list: a second automaton for it.
        let patterns = strings(&["kapper", "derden", "met"]);
        let a = Overlapping::new(&patterns, Some(prebuilt)).unwrap();
        assert_eq!((a.built_here(), a.len()), (2, 3));
        assert_eq!(found(&a, text), naive(&patterns, text));
        // Over exactly its own list: a match names its place in the list.
        let a = Overlapping::prebuilt(prebuilt).unwrap();
        assert_eq!(a.len(), listed.len());
        assert_eq!(found(&a, text), naive(&strings(&listed), text));
        // A prebuilt automaton that does not read back is ignored.
        let broken = Prebuilt::new(&[1, 2, 3], list);
        assert!(broken.read().is_none() && prebuilt.read().is_some());
        assert!(Overlapping::prebuilt(broken).is_none());
        let a = Overlapping::new(&patterns, Some(broken)).unwrap();
        assert_eq!(a.built_here(), 3);
        assert_eq!(found(&a, text), naive(&patterns, text));
    }

    #[test]
    fn no_patterns_find_nothing_and_an_empty_pattern_is_an_error() {
        let a = Overlapping::new(&[], None).unwrap();
        assert!(a.is_empty());
        assert!(a.find("tekst").is_empty());
        assert!(Overlapping::new(&strings(&[""]), None).is_err());
    }
}
