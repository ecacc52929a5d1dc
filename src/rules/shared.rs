//! The built-in patterns, each compiled at most once per process and shared by every rule set
//! that uses it.
//!
//! Compiling the patterns a statement opens is a third of checking one. Which ones it opens
//! follows from their gates (worked out by `build.rs`, see [`super::gate`]) and the text alone,
//! so that work need not wait for the rules to load: `privlint check` compiles a statement's
//! patterns on one core while the rules load on the other, and a site scan as soon as its
//! first pass reads a statement ([`prepare`]). A rule set finds its built-in patterns here by
//! their source; a pattern of the user's is the rule set's own.

use std::sync::OnceLock;

use rayon::prelude::*;
use regex_automata::meta::Regex;

use super::automaton::Overlapping;
use super::{builtin, compile_hir, compile_pattern, hir_code, Profile};

/// Whether the text whose gate literals were found as in `open` can hold a match of the
/// pattern with these gate sets (indexes into the gate automaton's literals): each set has a
/// literal in the text, and in one line if no match crosses a full stop or a line break.
fn gate_is_open(sets: &[&[u32]], line: bool, open: &OpenGates) -> bool {
    if !line {
        return sets.iter().all(|set| set.iter().any(|&l| open.occurs(l)));
    }
    // Some line where every set has a literal: try the lines of the first set.
    let Some((first, rest)) = sets.split_first() else {
        return true;
    };
    first.iter().any(|&l| {
        open.lines_of(l).iter().any(|line| {
            rest.iter().all(|set| {
                set.iter()
                    .any(|&o| open.lines_of(o).binary_search(line).is_ok())
            })
        })
    })
}

/// The gate literals found in one text: for each literal, the lines (stretches between full
/// stops and line breaks, numbered from 0) it occurs in, ascending.
#[derive(Debug, Default)]
pub(super) struct OpenGates {
    lines: Vec<Vec<u32>>,
}

impl OpenGates {
    fn lines_of(&self, literal: u32) -> &[u32] {
        self.lines
            .get(literal as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn occurs(&self, literal: u32) -> bool {
        !self.lines_of(literal).is_empty()
    }
}

/// One built-in pattern.
struct Entry {
    gate: &'static builtin::Gate,
    /// Compiled on first use; `None` if it does not compile (a built-in pattern always does,
    /// which `rules::tests::every_built_in_pattern_has_a_gate_entry_and_compiles` checks).
    regex: OnceLock<Option<Regex>>,
}

impl Entry {
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                self.parsed()
                    .and_then(|hir| compile_hir(&hir))
                    .or_else(|| compile_pattern(self.gate.source).ok())
            })
            .as_ref()
    }

    /// Its parsed form as `build.rs` wrote it, if that reads back.
    fn parsed(&self) -> Option<regex_syntax::hir::Hir> {
        let (start, end) = self.gate.hir?;
        hir_code::decode(builtin::PATTERN_HIR.get(start as usize..end as usize)?)
    }

    fn is_compiled(&self) -> bool {
        self.regex.get().is_some()
    }

    /// Whether it can match in the text whose literals are `open` (always, with no gate
    /// literals: then `open` holds none).
    fn is_open(&self, open: &OpenGates, literals: bool) -> bool {
        let builtin::Gate { sets, line, .. } = *self.gate;
        !literals || sets.is_empty() || gate_is_open(sets, line, open)
    }
}

/// Every built-in pattern with its gate, and the gate literals' automaton.
pub(super) struct Shared {
    by_source: foldhash::HashMap<&'static str, usize>,
    entries: Vec<Entry>,
    /// `None` if the automaton does not read back (it always does): every pattern is open.
    literals: Option<Overlapping>,
}

/// The built-in patterns of this process.
pub(super) fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(Shared::load)
}

impl Shared {
    fn load() -> Shared {
        let literals = Overlapping::prebuilt(builtin::GATE_LITERALS);
        let mut by_source =
            foldhash::HashMap::with_capacity_and_hasher(builtin::GATES.len(), Default::default());
        let mut entries = Vec::with_capacity(builtin::GATES.len());
        for gate in builtin::GATES {
            by_source.insert(gate.source, entries.len());
            entries.push(Entry {
                gate,
                regex: OnceLock::new(),
            });
        }
        Shared {
            by_source,
            entries,
            literals,
        }
    }

    /// The place of the built-in pattern with this source, if it is one.
    pub(super) fn id(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// The pattern at `id`, compiled now if it is not yet.
    pub(super) fn regex(&self, id: usize) -> Option<&Regex> {
        self.entries.get(id)?.regex()
    }

    /// The parsed form of the pattern at `id` that `build.rs` wrote, if it reads back.
    #[cfg(test)]
    pub(super) fn parsed(&self, id: usize) -> Option<regex_syntax::hir::Hir> {
        self.entries.get(id)?.parsed()
    }

    /// The source of the pattern at `id`.
    #[cfg(test)]
    pub(super) fn source(&self, id: usize) -> &str {
        self.entries.get(id).map_or("", |e| e.gate.source)
    }

    /// Whether the gate literals' automaton read back.
    #[cfg(test)]
    pub(super) fn reads_literals(&self) -> bool {
        self.literals.is_some()
    }

    /// Whether the pattern at `id` is compiled already.
    #[cfg(test)]
    pub(super) fn is_compiled(&self, id: usize) -> bool {
        self.entries.get(id).is_some_and(Entry::is_compiled)
    }

    /// Whether the pattern at `id` can match in the text whose literals are `open`.
    pub(super) fn is_open(&self, id: usize, open: &OpenGates) -> bool {
        let literals = self.literals.is_some();
        self.entries
            .get(id)
            .is_none_or(|e| e.is_open(open, literals))
    }

    /// Where the gate literals occur in `norm`: in which lines between full stops and line
    /// breaks.
    pub(super) fn open_gates(&self, norm: &str) -> OpenGates {
        let Some(literals) = &self.literals else {
            return OpenGates::default();
        };
        let stops: Vec<usize> = norm
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'.' || b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let mut lines: Vec<Vec<u32>> = vec![Vec::new(); literals.len()];
        for m in literals.find(norm) {
            let line = stops.partition_point(|&p| p < m.start) as u32;
            let Some(seen) = lines.get_mut(m.pattern) else {
                continue;
            };
            // Matches come in order of end, so a literal's lines come in order too.
            if seen.last() != Some(&line) {
                seen.push(line);
            }
        }
        OpenGates { lines }
    }
}

/// Compiles, on all cores, the built-in patterns of `profile` that can match in `norm`
/// (normalised text): those that judging it with the built-in rules will run. Needs no rule
/// set, so it can run while the rules load.
pub fn prepare(norm: &str, profile: Profile) {
    let shared = shared();
    let open = shared.open_gates(norm);
    let literals = shared.literals.is_some();
    shared
        .entries
        .par_iter()
        .filter(|e| e.gate.avg || profile != Profile::Avg)
        .filter(|e| e.is_open(&open, literals))
        .for_each(|e| {
            e.regex();
        });
}

/// How many built-in patterns this process has compiled so far (for tests of when that
/// happens).
#[doc(hidden)]
pub fn compiled() -> usize {
    shared().entries.iter().filter(|e| e.is_compiled()).count()
}
