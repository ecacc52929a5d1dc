//! A compiled pattern, ready to search: either `regex-automata`'s meta regex (a user's
//! pattern, or a built-in one whose prebuilt NFA did not read back) or the engines the meta
//! regex would choose, built straight from a built-in pattern's prebuilt NFAs (see
//! [`super::nfa_code`]).
//!
//! The meta regex can only be built from a pattern or its HIR, which compiles the NFAs anew:
//! that was most of the time spent on patterns. With the NFAs read back, the engines are
//! built as the meta regex builds them for privlint's configuration (`rules::pattern_builder`):
//! for a short span a bounded backtracker, with the PikeVM for spans too long for it; for a
//! long text the lazy DFA (forward, and reversed to find where a match starts), with the
//! PikeVM if it gives up. All find the same leftmost-first matches. Where every match begins
//! with one literal or one of a few bytes (`gate::starts`, worked out at build time), the
//! engines skip to where one does, as the meta regex's prefilter would.

use regex_automata::nfa::thompson::{backtrack, pikevm, NFA};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::{hybrid, meta, Input, Match, MatchKind};

/// A compiled pattern.
#[derive(Debug, Clone)]
pub enum Matcher {
    Meta(meta::Regex),
    Built(std::sync::Arc<Built>),
}

impl Matcher {
    /// Every leftmost-first match in the input's span, in order (as `meta::Regex::find_iter`).
    pub fn find_all(&self, input: Input<'_>) -> Vec<Match> {
        match self {
            Matcher::Meta(re) => re.find_iter(input).collect(),
            Matcher::Built(built) => built.find_all(input),
        }
    }
}

/// The engines built from a pattern's prebuilt NFAs.
pub struct Built {
    pikevm: pikevm::PikeVM,
    fast: Fast,
    caches: Pool<Caches, fn() -> Caches>,
}

impl std::fmt::Debug for Built {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Built")
            .field("lazy_dfa", &matches!(self.fast, Fast::Hybrid(_)))
            .finish()
    }
}

/// The engine tried first.
enum Fast {
    Backtrack(backtrack::BoundedBacktracker),
    Hybrid(Box<hybrid::regex::Regex>),
}

/// One searcher's scratch space for each engine, made on first use.
#[derive(Default)]
struct Caches {
    pikevm: Option<pikevm::Cache>,
    backtrack: Option<backtrack::Cache>,
    hybrid: Option<hybrid::regex::Cache>,
}

impl Built {
    /// For short spans: a bounded backtracker over the forward NFA.
    pub fn short(forward: NFA, pre: Option<Prefilter>) -> Option<Built> {
        let backtrack = backtrack::Builder::new()
            .configure(backtrack::Config::new().prefilter(pre.clone()))
            .build_from_nfa(forward.clone())
            .ok()?;
        Built::new(forward, Fast::Backtrack(backtrack), pre)
    }

    /// For a long text: the lazy DFA over both NFAs, configured as the meta regex
    /// configures it.
    pub fn full(forward: NFA, reverse: NFA, pre: Option<Prefilter>) -> Option<Built> {
        let config = hybrid::dfa::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .prefilter(pre.clone())
            .starts_for_each_pattern(true)
            .byte_classes(true)
            .unicode_word_boundary(true)
            .specialize_start_states(pre.is_some())
            .cache_capacity(super::HYBRID_CACHE)
            .skip_cache_capacity_check(false)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        let fwd = hybrid::dfa::Builder::new()
            .configure(config.clone())
            .build_from_nfa(forward.clone())
            .ok()?;
        let rev = hybrid::dfa::Builder::new()
            .configure(
                config
                    .match_kind(MatchKind::All)
                    .prefilter(None)
                    .specialize_start_states(false),
            )
            .build_from_nfa(reverse)
            .ok()?;
        let hybrid = hybrid::regex::Builder::new().build_from_dfas(fwd, rev);
        Built::new(forward, Fast::Hybrid(Box::new(hybrid)), pre)
    }

    fn new(forward: NFA, fast: Fast, pre: Option<Prefilter>) -> Option<Built> {
        Some(Built {
            pikevm: pikevm::Builder::new()
                .configure(pikevm::Config::new().prefilter(pre))
                .build_from_nfa(forward)
                .ok()?,
            fast,
            caches: Pool::new(Caches::default as fn() -> Caches),
        })
    }

    fn find_all(&self, input: Input<'_>) -> Vec<Match> {
        let mut caches = self.caches.get();
        let mut out = Vec::new();
        let mut searcher = Searcher::new(input);
        while let Some(m) = searcher.advance(|input| Ok(self.find(&mut caches, input))) {
            out.push(m);
        }
        out
    }

    /// The leftmost-first match in the input: by the fast engine if it can, else the PikeVM.
    fn find(&self, caches: &mut Caches, input: &Input<'_>) -> Option<Match> {
        let fast = match &self.fast {
            Fast::Backtrack(bt) if input.get_span().len() <= bt.max_haystack_len() => {
                let cache = caches.backtrack.get_or_insert_with(|| bt.create_cache());
                bt.try_find(cache, input.clone()).ok()
            }
            Fast::Hybrid(re) => {
                let cache = caches.hybrid.get_or_insert_with(|| re.create_cache());
                re.try_search(cache, input).ok()
            }
            Fast::Backtrack(_) => None,
        };
        match fast {
            Some(found) => found,
            None => {
                let cache = caches
                    .pikevm
                    .get_or_insert_with(|| self.pikevm.create_cache());
                self.pikevm.find(cache, input.clone())
            }
        }
    }
}
