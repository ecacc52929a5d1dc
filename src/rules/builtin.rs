//! The built-in rule files, embedded in the binary so privlint runs with nothing beside it.

use super::RuleFile;

macro_rules! rule_files {
    ($($name:literal),* $(,)?) => {
        /// (file name, contents, the same data as JSON, its profile) of every built-in rule
        /// file. `build.rs` converts the YAML to JSON, which parses many times faster; the
        /// JSON is empty if the YAML does not parse. It leaves out the example sentences (see
        /// [`EXAMPLES`]). The profile is `gdpr` for a file that says `profile: gdpr`, else
        /// `avg`.
        pub const FILES: &[(&str, &str, &str, &str)] = &[$((
            $name,
            include_str!(concat!("../../rules/", $name)),
            include_str!(concat!(env!("OUT_DIR"), "/rules/", $name, ".json")),
            include_str!(concat!(env!("OUT_DIR"), "/rules/", $name, ".profile")),
        )),*];

        /// The example sentences (`examples:`) of each file of [`FILES`], in the same order,
        /// as JSON (empty for a file without them): read only when they are asked for (see
        /// [`super::CompiledElement::examples`]).
        pub const EXAMPLES: &[&str] = &[$(
            include_str!(concat!(env!("OUT_DIR"), "/rules/", $name, ".examples.json")),
        )*];
    };
}

/// The same data as `rules/trackers.yaml`, pre-parsed into JSON by `build.rs` (empty if the
/// YAML does not parse).
pub const TRACKERS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules/trackers.yaml.json"));

rule_files![
    "common.yaml",
    "elements/01-identity.yaml",
    "elements/02-contact.yaml",
    "elements/03-purposes.yaml",
    "elements/04-recipients.yaml",
    "elements/05-retention.yaml",
    "elements/06-access-rectification-erasure.yaml",
    "elements/07-objection.yaml",
    "elements/08-consent-withdrawal.yaml",
    "elements/09-complaint.yaml",
    "elements/10-legal-basis.yaml",
    "elements/11-automated-processing.yaml",
    "elements/12-dpo.yaml",
    "elements/13-legitimate-interest.yaml",
    "elements/14-transfers.yaml",
    "elements/15-restriction.yaml",
    "elements/16-portability.yaml",
    "elements/17-automated-decisions.yaml",
    "elements/18-categories.yaml",
    "elements/19-source.yaml",
];

/// The gate of one built-in pattern (see [`super::gate`]), worked out by `build.rs`.
#[derive(Debug)]
pub struct Gate {
    /// The pattern, as rule loading compiles it (named lists written out).
    pub source: &'static str,
    /// Sets of literals, each literal by its place in [`GATE_LITERALS`]: every match holds
    /// one of each set.
    pub sets: &'static [&'static [u32]],
    /// No match holds a full stop or a line break.
    pub line: bool,
    /// A rule file of the default profile uses it (not only `profile: gdpr` files).
    pub avg: bool,
    /// Where its NFAs are in [`PATTERN_NFA`]: the forward one from the first place to the
    /// second, the reversed one from there to the third (`None` if `build.rs` could not
    /// compile it).
    pub nfa: Option<(u32, u32, u32)>,
    /// What every match begins with, for its engines' prefilter (see [`super::gate::starts`]):
    /// empty for none.
    pub starts: &'static [&'static [u8]],
}

/// The gate of every built-in pattern, sorted by source.
pub static GATES: &[Gate] = include!(concat!(env!("OUT_DIR"), "/gates.rs"));

/// The compiled NFAs of every built-in pattern, one after the other (see
/// [`super::nfa_code`]).
pub const PATTERN_NFA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/patterns.nfa"));

/// The overlapping automaton over every phrase of the built-in rule files, normalised, made
/// by `build.rs` (see [`super::automaton`] and [`super::trie`]).
pub const PHRASES: super::automaton::Prebuilt = super::automaton::Prebuilt::new(
    include_bytes!(concat!(env!("OUT_DIR"), "/phrases.trie")),
    include!(concat!(env!("OUT_DIR"), "/phrases.rs")),
);

/// The overlapping automaton over every gate literal of the built-in patterns.
pub const GATE_LITERALS: super::automaton::Prebuilt = super::automaton::Prebuilt::new(
    include_bytes!(concat!(env!("OUT_DIR"), "/gate-literals.trie")),
    include!(concat!(env!("OUT_DIR"), "/gate-literals.rs")),
);

/// The JSON made by `build.rs` as a `T`, or `None` when there is none (an empty string) or it
/// does not fit: the caller then parses the YAML, whose errors carry a line and column.
pub fn pre_parsed<T: serde::de::DeserializeOwned>(json: &str) -> Option<T> {
    serde_json::from_str(json).ok()
}

/// The built-in rule files.
pub fn files() -> Vec<RuleFile> {
    FILES
        .iter()
        .zip(EXAMPLES)
        .map(|((name, text, json, profile), examples)| RuleFile {
            name: format!("rules/{name}"),
            text: std::borrow::Cow::Borrowed(text),
            parsed: Some(json),
            examples: Some(examples),
            gdpr: Some(*profile == "gdpr"),
        })
        .collect()
}

/// Every phrase as the built-in rule files write it, with what it reads as (see
/// [`super::written`]), made by `build.rs`, which reads each phrase as rule loading would.
pub static PHRASES_WRITTEN: &[super::written::Entry] =
    include!(concat!(env!("OUT_DIR"), "/phrases-written.rs"));

/// The hash table over [`PHRASES_WRITTEN`] (see [`super::written::table`]).
pub static PHRASES_WRITTEN_SLOTS: &[u32] =
    include!(concat!(env!("OUT_DIR"), "/phrases-written-slots.rs"));

/// What a phrase written as `written` reads as: its normalised text's place in [`PHRASES`],
/// and whether its start and end are open; `None` unless a built-in rule file writes it so.
pub fn written_phrase(written: &str) -> Option<(u32, bool, bool)> {
    super::written::find(PHRASES_WRITTEN_SLOTS, PHRASES_WRITTEN, written)
        .map(|&(_, place, open_start, open_end)| (place, open_start, open_end))
}
