//! The built-in patterns, each compiled at most once per process and shared by every rule set
//! that uses it.
//!
//! Compiling the patterns a statement opens is a third of checking one. Which ones it opens
//! follows from their gates (worked out by `build.rs`, see [`super::gate`]) and the text alone,
//! so that work need not wait for the rules to load: `privlint check` compiles a statement's
//! patterns on one core while the rules load on the other, and a site scan as soon as its
//! first pass reads a statement ([`prepare`]). A rule set finds its built-in patterns here by
//! their source; a pattern of the user's is the rule set's own.
//!
//! A pattern that cannot match across a full stop or line break searches only the lines in
//! which its gate's literals meet, and a short line with a regex built without the lazy DFA
//! (see [`Engine`]): on one statement, building DFA states and the reverse automaton the
//! lazy DFA needs was most of the time spent on patterns.

use std::sync::OnceLock;

use super::automaton::Overlapping;
use super::matcher::{Built, Matcher};
use super::{builtin, compile_pattern, nfa_code, Profile};
use rayon::prelude::*;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::MatchKind;

/// Whether the text whose gate literals were found as in `open` can hold a match of the
/// pattern with these gate sets (indexes into the gate automaton's literals, in the order of
/// the pattern's parts): the sets have literals in the text one after the other (see
/// [`OpenGates::in_order`]), and in one line if no match crosses a full stop or a line break.
fn gate_is_open(sets: &[&[u32]], line: bool, open: &OpenGates) -> bool {
    if !line {
        return open.in_order(sets, open.whole());
    }
    // Some line where the sets meet: try the lines of the first set.
    let Some(first) = sets.first() else {
        return true;
    };
    first.iter().any(|&l| {
        open.lines_of(l)
            .iter()
            .any(|&line| meet_in(sets, line, open))
    })
}

/// The lines in which the literals of every set meet, in order, ascending (see
/// [`gate_is_open`]).
fn meeting_lines(sets: &[&[u32]], open: &OpenGates) -> Vec<u32> {
    let Some(first) = sets.first() else {
        return Vec::new();
    };
    let mut lines: Vec<u32> = first
        .iter()
        .flat_map(|&l| open.lines_of(l).iter().copied())
        .filter(|&line| meet_in(sets, line, open))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Whether, in `line` (one of the first set's lines), every other set has a literal too, and
/// they come in order there.
fn meet_in(sets: &[&[u32]], line: u32, open: &OpenGates) -> bool {
    sets.iter().skip(1).all(|set| {
        set.iter()
            .any(|&l| open.lines_of(l).binary_search(&line).is_ok())
    }) && open.in_order(sets, open.line(line))
}

/// The gate literals found in one text: for each literal, the lines (stretches between full
/// stops and line breaks, numbered from 0) it occurs in, ascending, and where.
#[derive(Debug, Default)]
pub(super) struct OpenGates {
    lines: Vec<Vec<u32>>,
    /// For each literal, where its occurrences end, ascending. (Four bytes an occurrence, not
    /// a range's sixteen: a literal of a whitespace set occurs at every space, and a 3 MB
    /// statement held 100 MB of ranges.)
    ends: Vec<Vec<u32>>,
    /// For each literal, the length of its occurrences (all of one length; the shortest seen,
    /// should they differ, which only makes a gate more open).
    lens: Vec<u32>,
    /// Built from a text's literals; not for a text without gate literals, or one too long
    /// to count in `u32` (then every gate is open).
    gated: bool,
    /// Where the full stops and line breaks are: line `k` runs from the byte after stop
    /// `k - 1` (or the start) up to stop `k` (or the end).
    stops: Vec<usize>,
    /// The length of the text.
    len: usize,
}

impl OpenGates {
    /// The gates of `text` for `count` literals, whose occurrences `find` reports (literal,
    /// place), each literal's in order.
    fn new(
        text: &str,
        count: usize,
        find: impl FnOnce(&mut dyn FnMut(usize, std::ops::Range<usize>)),
    ) -> OpenGates {
        if u32::try_from(text.len()).is_err() {
            return OpenGates {
                len: text.len(),
                ..OpenGates::default()
            };
        }
        let stops: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'.' || b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let mut lines: Vec<Vec<u32>> = vec![Vec::new(); count];
        let mut ends: Vec<Vec<u32>> = vec![Vec::new(); count];
        let mut lens: Vec<u32> = vec![u32::MAX; count];
        find(&mut |literal, place| {
            // (Within the text, so within `u32`: checked above.)
            let line = stops.partition_point(|&p| p < place.start) as u32;
            let (Some(seen), Some(places), Some(len)) = (
                lines.get_mut(literal),
                ends.get_mut(literal),
                lens.get_mut(literal),
            ) else {
                return;
            };
            if seen.last() != Some(&line) {
                seen.push(line);
            }
            places.push(place.end as u32);
            *len = (*len).min(place.len() as u32);
        });
        OpenGates {
            lines,
            ends,
            lens,
            gated: true,
            stops,
            len: text.len(),
        }
    }

    /// The whole text, as a span.
    pub(super) fn whole(&self) -> std::ops::Range<usize> {
        0..self.len
    }

    /// The byte range of line `k`.
    fn line(&self, k: u32) -> std::ops::Range<usize> {
        let k = (k as usize).min(self.stops.len());
        let start = if k == 0 { 0 } else { self.stops[k - 1] + 1 };
        start..self.stops.get(k).copied().unwrap_or(self.len)
    }

    /// Whether `within` holds a literal of each set, one after the other: a literal of the
    /// first set, then one of the second that starts where that one ends or later, and so on.
    /// The sets gate the parts of a pattern's top-level concatenation, in order, and each
    /// part's match begins with a literal of its set: the parts' matches follow one another,
    /// so their literals do. (Each set takes the literal that ends first: no other choice
    /// leaves more room for the sets after it.)
    fn in_order(&self, sets: &[&[u32]], within: std::ops::Range<usize>) -> bool {
        let mut from = within.start;
        for set in sets {
            let end = set
                .iter()
                .filter_map(|&l| {
                    let ends = self.ends.get(l as usize)?;
                    let len = *self.lens.get(l as usize)? as usize;
                    // The first occurrence that starts at `from` or later.
                    let first = ends.partition_point(|&end| (end as usize) < from + len);
                    ends.get(first).map(|&end| end as usize)
                })
                .min();
            match end {
                Some(end) if end <= within.end => from = end,
                _ => return false,
            }
        }
        true
    }

    /// The byte ranges of these lines (ascending), neighbours joined into one range.
    fn spans(&self, lines: &[u32]) -> Vec<std::ops::Range<usize>> {
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        for &k in lines {
            let line = self.line(k);
            match spans.last_mut() {
                Some(last) if last.end + 1 >= line.start => last.end = line.end,
                _ => spans.push(line),
            }
        }
        spans
    }

    fn lines_of(&self, literal: u32) -> &[u32] {
        self.lines
            .get(literal as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// A pattern searches a span up to this long (the lines its gate opens, or a short text) with
/// engines that have no lazy DFA (see [`Engine`]); a longer one with the lazy DFA.
const SHORT_SPAN: usize = 2048;

/// The two ways a built-in pattern is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    /// With the lazy DFA: fast per byte once its states are built, for a long text.
    Full,
    /// Without it (a bounded backtracker): for the few short lines a single-line pattern's
    /// gate opens, or a short text. It needs no reverse automaton, so it is ready in about
    /// half the time, and on a few hundred bytes it beats a lazy DFA still building its
    /// states.
    Short,
}

/// One built-in pattern.
struct Entry {
    gate: &'static builtin::Gate,
    /// Each compiled on first use; `None` if it does not compile (a built-in pattern always
    /// does, which `rules::tests::every_built_in_pattern_has_a_gate_entry_and_compiles`
    /// checks).
    full: OnceLock<Option<Matcher>>,
    short: OnceLock<Option<Matcher>>,
}

impl Entry {
    #[cfg(test)]
    fn regex(&self) -> Option<&Matcher> {
        self.compiled(Engine::Full)
    }

    /// Where the regex for `engine` is kept.
    fn cell(&self, engine: Engine) -> &OnceLock<Option<Matcher>> {
        match engine {
            Engine::Full => &self.full,
            Engine::Short => &self.short,
        }
    }

    /// Its engines for `engine`: built from its prebuilt NFAs, or else (they always read
    /// back) compiled from its source.
    fn compiled(&self, engine: Engine) -> Option<&Matcher> {
        self.cell(engine)
            .get_or_init(|| {
                self.built(engine)
                    .or_else(|| compile_pattern(self.gate.source).ok().map(Matcher::Meta))
            })
            .as_ref()
    }

    /// Its engines for `engine`, built from the NFAs `build.rs` compiled.
    fn built(&self, engine: Engine) -> Option<Matcher> {
        let (start, middle, end) = self.gate.nfa?;
        let code = |from: u32, to: u32| builtin::PATTERN_NFA.get(from as usize..to as usize);
        let forward = nfa_code::decode(code(start, middle)?)?;
        let pre = Prefilter::new(MatchKind::LeftmostFirst, self.gate.starts);
        let built = match engine {
            Engine::Short => Built::short(forward, pre)?,
            Engine::Full => Built::full(forward, nfa_code::decode(code(middle, end)?)?, pre)?,
        };
        Some(Matcher::Built(std::sync::Arc::new(built)))
    }

    /// The searches that find every match in the text whose literals are `open`: each span
    /// with the engine for it.
    fn searches(&self, open: &OpenGates) -> Vec<(std::ops::Range<usize>, Engine)> {
        // The whole text where a match can be anywhere; a short text, too, is searched best
        // without the lazy DFA.
        let spans = self.spans(open).unwrap_or_else(|| vec![open.whole()]);
        spans
            .into_iter()
            .map(|s| {
                let engine = if s.len() <= SHORT_SPAN {
                    Engine::Short
                } else {
                    Engine::Full
                };
                (s, engine)
            })
            .collect()
    }

    fn is_compiled(&self) -> bool {
        self.full.get().is_some() || self.short.get().is_some()
    }

    /// Whether the engines the searches of `open` use are compiled.
    #[cfg(test)]
    fn is_ready(&self, open: &OpenGates) -> bool {
        self.searches(open)
            .iter()
            .all(|&(_, engine)| self.cell(engine).get().is_some())
    }

    /// Whether it can match in the text whose literals are `open` (always where `open` was
    /// not gated: no gate literals, or a text too long for them).
    fn is_open(&self, open: &OpenGates) -> bool {
        let builtin::Gate { sets, line, .. } = *self.gate;
        !open.gated || sets.is_empty() || gate_is_open(sets, line, open)
    }

    /// Where in the text a match can be: `None` for anywhere, else the lines in which the
    /// literals of every set meet (a match of a single-line pattern holds each set's literal
    /// and no full stop or line break, so it lies inside one of them).
    fn spans(&self, open: &OpenGates) -> Option<Vec<std::ops::Range<usize>>> {
        let builtin::Gate { sets, line, .. } = *self.gate;
        (open.gated && line && !sets.is_empty()).then(|| open.spans(&meeting_lines(sets, open)))
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
                full: OnceLock::new(),
                short: OnceLock::new(),
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

    /// The pattern at `id`, compiled now (for the whole text) if it is not yet.
    #[cfg(test)]
    pub(super) fn regex(&self, id: usize) -> Option<&Matcher> {
        self.entries.get(id)?.regex()
    }

    /// The searches that find every match of the pattern at `id` in the text whose literals
    /// are `open`: the lines its gate opens (or the whole text), each with the regex for it,
    /// compiled now if it is not yet.
    pub(super) fn searches(
        &self,
        id: usize,
        open: &OpenGates,
    ) -> Vec<(std::ops::Range<usize>, &Matcher)> {
        let Some(entry) = self.entries.get(id) else {
            return Vec::new();
        };
        entry
            .searches(open)
            .into_iter()
            .filter_map(|(span, engine)| Some((span, entry.compiled(engine)?)))
            .collect()
    }

    /// Whether what the searches of `open` need of the pattern at `id` is compiled.
    #[cfg(test)]
    pub(super) fn is_ready(&self, id: usize, open: &OpenGates) -> bool {
        self.entries.get(id).is_some_and(|e| e.is_ready(open))
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

    /// Whether the pattern at `id` can match in the text whose literals are `open`.
    pub(super) fn is_open(&self, id: usize, open: &OpenGates) -> bool {
        self.entries.get(id).is_none_or(|e| e.is_open(open))
    }

    /// Where the gate literals occur in `norm`: in which lines between full stops and line
    /// breaks.
    pub(super) fn open_gates(&self, norm: &str) -> OpenGates {
        let Some(literals) = &self.literals else {
            // No literals: every pattern is open, and searches the whole text.
            return OpenGates {
                len: norm.len(),
                ..OpenGates::default()
            };
        };
        // The automaton reports matches in order of end, so a literal's (all of one length)
        // come in order.
        OpenGates::new(norm, literals.len(), |found| {
            literals.for_each(norm, |m| found(m.pattern, m.start..m.end))
        })
    }
}

/// Compiles, on all cores, the built-in patterns of `profile` that can match in `norm`
/// (normalised text): those that judging it with the built-in rules will run. Needs no rule
/// set, so it can run while the rules load.
pub fn prepare(norm: &str, profile: Profile) {
    let shared = shared();
    let open = shared.open_gates(norm);
    shared
        .entries
        .par_iter()
        .filter(|e| e.gate.avg || profile != Profile::Avg)
        .filter(|e| e.is_open(&open))
        .for_each(|e| {
            let searches = e.searches(&open);
            for engine in [Engine::Full, Engine::Short] {
                if searches.iter().any(|&(_, used)| used == engine) {
                    e.compiled(engine);
                }
            }
        });
}

/// How many built-in patterns this process has compiled so far (for tests of when that
/// happens).
#[doc(hidden)]
pub fn compiled() -> usize {
    shared().entries.iter().filter(|e| e.is_compiled()).count()
}

#[cfg(test)]
mod tests {
    use super::{gate_is_open, meeting_lines, OpenGates};

    /// The gates of `text` for these literals (found by plain search, as the automaton would:
    /// every occurrence, each literal's in order).
    fn open_of(text: &str, literals: &[&str]) -> OpenGates {
        OpenGates::new(text, literals.len(), |found| {
            for (l, literal) in literals.iter().enumerate() {
                for i in (0..text.len()).filter(|&i| text[i..].starts_with(literal)) {
                    found(l, i..i + literal.len());
                }
            }
        })
    }

    #[test]
    fn the_sets_literals_must_come_in_order() {
        // Literals 0: "zonder", 1: "kan", 2: "niet".
        let literals = ["zonder", "kan", "niet"];
        let sets: &[&[u32]] = &[&[0], &[1], &[2]];
        let open = |text: &str| gate_is_open(sets, true, &open_of(text, &literals));
        assert!(open("zonder dit kan het niet"));
        assert!(!open("het kan niet zonder dit"), "out of order");
        assert!(!open("niet zonder dit kan het"), "out of order");
        // In order, but not within one line.
        assert!(!open("zonder dit. kan het niet"));
        assert!(open("niet. zonder dit kan het niet"));
        // A literal may start where the one before ends, not inside it.
        let sets: &[&[u32]] = &[&[0], &[1]];
        let literals = ["ab", "bc"];
        assert!(!gate_is_open(sets, false, &open_of("abc", &literals)));
        assert!(gate_is_open(sets, false, &open_of("abbc", &literals)));
        // Of the first set's literals, the one that ends first leaves room for the rest.
        let literals = ["zonder deze", "zonder", "deze kan"];
        let sets: &[&[u32]] = &[&[0, 1], &[2]];
        assert!(gate_is_open(
            sets,
            true,
            &open_of("zonder deze kan", &literals)
        ));
    }

    #[test]
    fn only_lines_that_hold_the_sets_in_order_are_searched() {
        let literals = ["zonder", "niet"];
        let sets: &[&[u32]] = &[&[0], &[1]];
        let open = open_of("niet zonder. zonder niet. niet\nzonder x niet", &literals);
        assert_eq!(meeting_lines(sets, &open), [1, 3]);
        // Across lines, order still counts.
        assert!(!gate_is_open(
            sets,
            false,
            &open_of("niet. zonder", &literals)
        ));
        assert!(gate_is_open(
            sets,
            false,
            &open_of("zonder. niet", &literals)
        ));
    }
}
