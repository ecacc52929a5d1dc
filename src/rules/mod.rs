//! Rule sets: loading YAML rule files (built in or the user's), validating them with exact
//! positions, and compiling every phrase into one Aho-Corasick automaton.

pub mod automaton;
pub mod builtin;
pub mod gate;
pub mod lists;
pub mod matcher;
pub mod model;
pub mod nfa_code;
pub mod shared;
pub mod syntax;
pub mod trie;
pub mod written;

use std::collections::{BTreeMap, HashMap};

use automaton::Overlapping;
use rayon::prelude::*;
use regex_automata::meta::Regex;

use matcher::Matcher;
use model::Written;
use shared::{shared, OpenGates};

pub use model::{Common, Context, ElementRule, Profile, Requirement, Severity, Within};

use crate::normalize::normalize_phrase;

/// One error in a rule file, with its position.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct RuleError {
    pub file: String,
    /// 1-based; 0 when the position is unknown.
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The rule file's text, for rendering the error with a snippet.
    pub source_text: String,
}

/// All errors found while loading rules.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} error(s) in rule files; first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
pub struct RuleErrors(pub Vec<RuleError>);

/// What a phrase, pattern or link match stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A signal of an element.
    Signal { element: usize, signal: usize },
    /// A phrase that cancels a signal's match in the same sentence.
    Unless { element: usize, signal: usize },
    /// A phrase that cancels a signal's match it overlaps.
    UnlessHere { element: usize, signal: usize },
    /// A phrase that, in a section heading, cancels a signal's matches in the section.
    UnlessSection { element: usize, signal: usize },
    /// A heading phrase of an element.
    Heading { element: usize },
    /// A template placeholder.
    Placeholder,
    /// A name of repealed law or a former authority.
    Outdated,
    /// Text that looks like a placeholder but is not (`[email protected]` is Cloudflare's
    /// obfuscated address); placeholders overlapping it are dropped.
    NotPlaceholder,
}

/// A distinct phrase's normalised text: its place in the built-in phrase list (which the
/// built-in automaton reports), or its own text if the list does not hold it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PhraseText {
    Built(u32),
    Own(String),
}

impl PhraseText {
    fn as_str(&self) -> &str {
        match self {
            PhraseText::Built(at) => builtin::PHRASES
                .patterns
                .get(*at as usize)
                .copied()
                .unwrap_or_default(),
            PhraseText::Own(text) => text,
        }
    }

    fn place(&self) -> Option<u32> {
        match self {
            PhraseText::Built(at) => Some(*at),
            PhraseText::Own(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
struct PhraseMeta {
    /// The phrase may continue a compound before it (`*termijn`).
    open_start: bool,
    /// The phrase may be continued by a compound after it (`bewaar*`).
    open_end: bool,
    targets: Vec<Target>,
}

/// A compiled signal.
#[derive(Debug, Clone)]
pub struct CompiledSignal {
    pub name: String,
    pub context: Context,
    pub requires: Option<Requirement>,
    /// An `unless` phrase or an `unless_signals` signal can cancel a match.
    pub has_unless: bool,
    /// Signals of the same element whose matches cancel this one in their sentence.
    pub unless_signals: Vec<usize>,
}

/// A compiled clause: signal indices that must all hold within a scope.
#[derive(Debug, Clone)]
pub struct CompiledClause {
    pub signals: Vec<usize>,
    pub within: Within,
    /// Signals whose presence anywhere cancels the clause.
    pub unless: Vec<usize>,
    /// Signals that must not appear in the scope of the match.
    pub without: Vec<usize>,
}

/// A compiled element rule.
#[derive(Debug, Clone)]
pub struct CompiledElement {
    pub rule: ElementRule,
    /// Its rule's example sentences as JSON, when its rule file was read without them (a
    /// built-in file: see [`CompiledElement::examples`]).
    examples_json: Option<&'static str>,
    pub id: String,
    pub signals: Vec<CompiledSignal>,
    pub topic: Option<usize>,
    pub present: Vec<CompiledClause>,
    pub vague: Vec<Vec<CompiledClause>>,
}

impl CompiledElement {
    /// Its rule's example sentences: read now for a built-in file (whose pre-parsed form
    /// leaves them out), else from the rule as parsed.
    pub fn examples(&self) -> std::borrow::Cow<'_, model::Examples> {
        match self.examples_json.filter(|j| !j.is_empty()) {
            Some(json) => std::borrow::Cow::Owned(serde_json::from_str(json).unwrap_or_default()),
            None => std::borrow::Cow::Borrowed(&self.rule.examples),
        }
    }
}

/// A rule file's text and name, as given to [`RuleSet::load`].
#[derive(Debug, Clone)]
pub struct RuleFile {
    pub name: String,
    /// The YAML: borrowed from the binary for a built-in file (copying the 500 KB of the
    /// built-in files was a tenth of the memory loading the rules touches).
    pub text: std::borrow::Cow<'static, str>,
    /// The same data as JSON, made at build time for a built-in file (`build.rs`): it parses
    /// many times faster than the YAML. `None` for a user's file, and empty if the YAML did
    /// not parse, so the YAML parser reports the error.
    pub parsed: Option<&'static str>,
    /// The example sentences that `parsed` leaves out, as JSON (see
    /// [`builtin::EXAMPLES`]); `None` for a user's file, whose YAML holds them.
    pub examples: Option<&'static str>,
    /// Whether the file says `profile: gdpr`, when that is known without searching its text
    /// (a built-in file: `build.rs` has read it); `None` for a user's file.
    pub gdpr: Option<bool>,
}

impl RuleFile {
    /// A rule file from its name and YAML text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> RuleFile {
        RuleFile {
            name: name.into(),
            text: std::borrow::Cow::Owned(text.into()),
            parsed: None,
            examples: None,
            gdpr: None,
        }
    }

    /// Parses the file: from the pre-parsed JSON when there is one, else from the YAML (and
    /// also when the JSON does not fit the type, so the YAML error with its position is what
    /// a user sees).
    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_saphyr::Error> {
        if let Some(parsed) = self.parsed.and_then(builtin::pre_parsed) {
            return Ok(parsed);
        }
        serde_saphyr::from_str::<T>(&self.text)
    }
}

/// The signal that holds a project's own phrases for an element.
pub const VOCABULARY: &str = "project-vocabulary";

/// The active rules, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub elements: Vec<CompiledElement>,
    pub common: Common,
    automaton: Overlapping,
    phrases: Vec<PhraseMeta>,
    /// Each distinct pattern once, with every target that uses it.
    patterns: Vec<Pattern>,
    links: Vec<(String, Target)>,
    /// Normalised phrase text for `privlint rules --phrases`.
    phrase_texts: Vec<PhraseText>,
    /// `common.not_names`, normalised once.
    pub not_names: std::collections::HashSet<String>,
    /// `common.legal_forms`, normalised once.
    pub legal_forms: std::collections::HashSet<String>,
    /// `common.language_words` as sets, built once: Dutch, then English.
    pub function_words: [std::collections::HashSet<String>; 2],
}

/// A raw match in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    pub target: Target,
    pub start: usize,
    pub end: usize,
}

impl RuleSet {
    /// The built-in rules for a profile.
    pub fn builtin(profile: Profile) -> Result<RuleSet, RuleErrors> {
        RuleSet::load(&builtin::files(), profile)
    }

    /// Loads and compiles rule files. A file named `common.yaml` (or with a top-level
    /// `placeholders`/`not_names` key) is the shared vocabulary; every other file is one element.
    pub fn load(files: &[RuleFile], profile: Profile) -> Result<RuleSet, RuleErrors> {
        RuleSet::load_with(files, profile, &BTreeMap::new())
    }

    /// Loads rule files plus a project's own vocabulary: for each element id, phrases whose
    /// presence counts as evidence of that element (the `phrases:` key of privlint.yaml).
    pub fn load_with(
        files: &[RuleFile],
        profile: Profile,
        vocabulary: &BTreeMap<String, Vec<String>>,
    ) -> Result<RuleSet, RuleErrors> {
        let mut errors = Vec::new();
        let mut common = Common::default();
        let mut common_file: Option<&RuleFile> = None;
        let mut rules: Vec<(ElementRule, &RuleFile)> = Vec::new();
        // Parsing is a third of start-up; the files are independent.
        enum Parsed<'f> {
            Common(Box<Common>, &'f RuleFile),
            Element(Box<ElementRule>, &'f RuleFile),
            Failed(RuleError),
        }
        // Elements of a stricter profile are not even parsed: parsing is a third of start-up.
        let stricter = |file: &&RuleFile| {
            // `contains` first: a substring search is much faster than splitting into lines.
            profile == Profile::Avg
                && file.gdpr.unwrap_or_else(|| {
                    file.text.contains("profile: gdpr")
                        && file.text.lines().any(|l| l.trim_end() == "profile: gdpr")
                })
        };
        let parsed: Vec<Parsed> = files
            .iter()
            .filter(|f| !stricter(f))
            .collect::<Vec<_>>()
            .par_iter()
            .map(|&file| {
                if is_common(file) {
                    match file.parse::<Common>() {
                        Ok(c) => Parsed::Common(Box::new(c), file),
                        Err(e) => Parsed::Failed(yaml_error(file, &e)),
                    }
                } else {
                    match file.parse::<ElementRule>() {
                        Ok(r) => Parsed::Element(Box::new(r), file),
                        Err(e) => Parsed::Failed(yaml_error(file, &e)),
                    }
                }
            })
            .collect();
        for p in parsed {
            match p {
                Parsed::Common(c, file) => {
                    common = *c;
                    common_file = Some(file);
                }
                Parsed::Element(r, file) => rules.push((*r, file)),
                Parsed::Failed(e) => errors.push(e),
            }
        }
        let mut seen_ids: HashMap<String, &RuleFile> = HashMap::new();
        let mut seen_codes: HashMap<String, String> = HashMap::new();
        for (rule, file) in &rules {
            if let Some(_prev) = seen_ids.insert(rule.id.value.clone(), file) {
                errors.push(at(
                    file,
                    &rule.id,
                    format!("duplicate element id `{}`", rule.id.value),
                ));
            }
            let mut codes: Vec<&Written> = vec![&rule.missing.code];
            codes.extend(rule.placeholder.iter().map(|p| &p.code));
            codes.extend(rule.vague.iter().map(|v| &v.code));
            for code in codes {
                if let Some(other) = seen_codes.insert(code.value.clone(), rule.id.value.clone()) {
                    errors.push(at(
                        file,
                        code,
                        format!("duplicate code `{}` (also used by `{other}`)", code.value),
                    ));
                }
            }
        }
        rules.retain(|(r, _)| r.profile <= profile);
        rules.sort_by_key(|(r, _)| r.number);

        let mut compiler = Compiler::default();
        // The built-in rules have some 5,400 distinct phrases: room for them at once rather
        // than growing step by step (a larger reserve is memory touched for nothing).
        let expected = builtin::PHRASES.patterns.len() + 64;
        compiler.built_index = vec![u32::MAX; builtin::PHRASES.patterns.len() * 4];
        compiler.phrases.reserve(expected);
        compiler.phrase_texts.reserve(expected);
        let shared_lists = groups(&common.lists);
        if let Some(file) = common_file {
            for signal in [&mut common.placeholders, &mut common.outdated] {
                expand_lists(signal, &BTreeMap::new(), &shared_lists, file, &mut errors);
            }
            compiler.signal(
                file,
                &common.placeholders,
                Target::Placeholder,
                Some(Target::NotPlaceholder),
                &mut errors,
            );
            compiler.signal(file, &common.outdated, Target::Outdated, None, &mut errors);
        }
        let mut elements = Vec::new();
        for (index, (mut rule, file)) in rules.into_iter().enumerate() {
            if let Some(words) = vocabulary.get(&rule.id.value) {
                let written = |v: &str| Written::new(v.to_string());
                rule.signals.insert(
                    VOCABULARY.to_string(),
                    model::Signal {
                        phrases: words.iter().map(|w| written(w)).collect(),
                        ..Default::default()
                    },
                );
                rule.present.push(model::Clause {
                    kind: model::CheckKind::Together,
                    all: vec![written(VOCABULARY)],
                    within: Within::Document,
                    unless: Vec::new(),
                    without: Vec::new(),
                });
            }
            let own = groups(&rule.lists);
            for signal in rule.signals.values_mut() {
                expand_lists(signal, &own, &shared_lists, file, &mut errors);
            }
            elements.push(compiler.element(index, rule, file, &mut errors));
        }
        let read_back = builtin::PHRASES.read();
        // The phrase automaton is built while the patterns get their gates (and the user's
        // patterns compile): on two cores that is a sixth of checking one statement.
        let patterns = std::mem::take(&mut compiler.patterns);
        let pattern_origin = std::mem::take(&mut compiler.pattern_origin);
        let phrase_texts = std::mem::take(&mut compiler.phrase_texts);
        let placed: Vec<(&str, Option<u32>)> = phrase_texts
            .iter()
            .map(|t| (t.as_str(), t.place()))
            .collect();
        let (automaton, patterns) = rayon::join(
            || Overlapping::with_read(&placed, read_back),
            || compile_patterns(patterns, pattern_origin, &mut errors),
        );
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        let automaton = automaton.map_err(|e| {
            RuleErrors(vec![RuleError {
                file: "<rules>".into(),
                line: 0,
                column: 0,
                message: format!("the phrase automaton could not be built: {e}"),
                source_text: String::new(),
            }])
        })?;
        let not_names = common
            .not_names
            .iter()
            .map(|n| normalize_phrase(n))
            .collect();
        let legal_forms = common
            .legal_forms
            .iter()
            .map(|n| normalize_phrase(n.trim_end_matches('.')))
            .collect();
        let words = |lang: &str| {
            common
                .language_words
                .get(lang)
                .map(|list| list.iter().cloned().collect())
                .unwrap_or_default()
        };
        let function_words = [words("nl"), words("en")];
        Ok(RuleSet {
            not_names,
            legal_forms,
            function_words,
            elements,
            common,
            automaton,
            phrases: compiler.phrases,
            patterns,
            links: compiler.links,
            phrase_texts,
        })
    }

    /// Every phrase of the rule set, normalised (for `privlint rules --phrases`).
    pub fn phrases(&self) -> Vec<&str> {
        self.phrase_texts.iter().map(PhraseText::as_str).collect()
    }

    /// All phrase and pattern matches in normalised text, in order of start. The phrase
    /// automaton and the patterns run in parallel: matching is most of judging a statement.
    pub fn find(&self, norm: &str) -> Vec<RawMatch> {
        let (mut out, found) = rayon::join(
            || self.find_phrases(norm),
            || {
                let open = self.open_gates(norm);
                self.patterns
                    .par_iter()
                    .filter(|p| p.is_open(&open))
                    .flat_map_iter(|p| {
                        // Only the lines where a match can be, or the whole text.
                        p.searches(&open)
                            .into_iter()
                            .flat_map(|(span, re)| Self::find_pattern(norm, span, re, &p.targets))
                    })
                    .collect::<Vec<RawMatch>>()
            },
        );
        out.extend(found);
        out.sort_by_key(|m| (m.start, m.end));
        out
    }

    /// Whether every pattern that [`RuleSet::find`] will open on `norm` is compiled.
    #[cfg(test)]
    pub(crate) fn is_prepared(&self, norm: &str) -> bool {
        let open = self.open_gates(norm);
        self.patterns
            .iter()
            .filter(|p| p.is_open(&open))
            .all(|p| match p.compiled {
                Compiled::Shared(id) => shared().is_ready(id, &open),
                Compiled::Own(_) => true,
            })
    }

    /// Where the gate literals occur in `norm` (see [`shared::Shared::open_gates`]).
    fn open_gates(&self, norm: &str) -> OpenGates {
        shared().open_gates(norm)
    }

    fn find_phrases(&self, norm: &str) -> Vec<RawMatch> {
        let bytes = norm.as_bytes();
        let mut out = Vec::new();
        self.automaton.for_each(norm, |m| {
            let Some(meta) = self.phrases.get(m.pattern) else {
                return;
            };
            let (s, e) = (m.start, m.end);
            let start_ok = meta.open_start || crate::normalize::starts_word(bytes, s);
            let end_ok = meta.open_end || crate::normalize::ends_word(bytes, e);
            if start_ok && end_ok {
                // A compound match covers the whole word it sits in.
                let mut s = s;
                let mut e = e;
                if meta.open_start {
                    while s > 0 && crate::normalize::is_word_byte(bytes[s - 1]) {
                        s -= 1;
                    }
                }
                if meta.open_end {
                    while e < bytes.len() && crate::normalize::is_word_byte(bytes[e]) {
                        e += 1;
                    }
                }
                while !norm.is_char_boundary(s) {
                    s -= 1;
                }
                while !norm.is_char_boundary(e) {
                    e += 1;
                }
                for &target in &meta.targets {
                    out.push(RawMatch {
                        target,
                        start: s,
                        end: e,
                    });
                }
            }
        });
        out
    }

    /// The matches of a pattern inside `span` of `norm` (its look-arounds, such as `\b`, see
    /// the text around the span).
    fn find_pattern<'a>(
        norm: &'a str,
        span: std::ops::Range<usize>,
        re: &'a Matcher,
        targets: &'a [Target],
    ) -> impl Iterator<Item = RawMatch> + 'a {
        let input = regex_automata::Input::new(norm.as_bytes()).range(span);
        re.find_all(input).into_iter().flat_map(move |m| {
            let (mut s, mut e) = (m.start(), m.end());
            while !norm.is_char_boundary(s) {
                s -= 1;
            }
            while !norm.is_char_boundary(e) {
                e += 1;
            }
            let targets = if e > s { targets } else { &[] };
            targets.iter().map(move |&target| RawMatch {
                target,
                start: s,
                end: e,
            })
        })
    }

    /// Link targets that count as signals: (substring, target).
    pub fn link_signals(&self) -> &[(String, Target)] {
        &self.links
    }

    pub fn element(&self, id: &str) -> Option<&CompiledElement> {
        self.elements.iter().find(|e| e.id == id)
    }
}

/// One distinct pattern of the rule set.
#[derive(Debug, Clone)]
struct Pattern {
    targets: Vec<Target>,
    compiled: Compiled,
}

/// Where a pattern's compiled form lives.
#[derive(Debug, Clone)]
enum Compiled {
    /// A built-in pattern: gated and compiled on first use, once per process, in
    /// [`shared`] at this place.
    Shared(usize),
    /// A pattern of the user's, compiled when the rules load; it always runs.
    Own(Matcher),
}

impl Pattern {
    /// Whether the text whose gate literals were found as in `open` can hold a match.
    fn is_open(&self, open: &OpenGates) -> bool {
        match self.compiled {
            Compiled::Shared(id) => shared().is_open(id, open),
            Compiled::Own(_) => true,
        }
    }

    /// The searches that find its every match in the text whose gate literals are `open`
    /// (see [`shared::Shared::searches`]); a pattern of the user's searches the whole text.
    fn searches(&self, open: &OpenGates) -> Vec<(std::ops::Range<usize>, &Matcher)> {
        match &self.compiled {
            Compiled::Shared(id) => shared().searches(*id, open),
            Compiled::Own(regex) => vec![(open.whole(), regex)],
        }
    }

    #[cfg(test)]
    fn regex(&self) -> Option<&Matcher> {
        match &self.compiled {
            Compiled::Shared(id) => shared().regex(*id),
            Compiled::Own(regex) => Some(regex),
        }
    }

    /// Its source, to name it in a failing test.
    #[cfg(test)]
    fn source(&self) -> &str {
        match &self.compiled {
            Compiled::Shared(id) => shared().source(*id),
            Compiled::Own(_) => "(a pattern of the user's)",
        }
    }
}

/// Compiles one pattern, or says in one line why it does not compile.
fn compile_pattern(source: &str) -> Result<Regex, String> {
    pattern_builder()
        .build(source)
        .map_err(|e| match (e.size_limit(), e.syntax_error()) {
            (Some(limit), _) => format!("compiled regex exceeds size limit of {limit} bytes"),
            (_, Some(syntax)) => one_line(&syntax.to_string()),
            _ => one_line(&e.to_string()),
        })
}

/// The lazy DFA's cache, per search, in bytes (see `matcher`, which builds it as the meta
/// regex would).
const HYBRID_CACHE: usize = 1 << 22;

/// How privlint compiles a pattern.
fn pattern_builder() -> regex_automata::meta::Builder {
    // Patterns run over the normalised text, which is lower-case ASCII nearly everywhere:
    // ASCII classes (`\b`, `\w`, `\d`) compile an order of magnitude faster than Unicode ones.
    //
    // No prefilter and no fully built DFA: patterns run over one statement at a time, where
    // the lazy DFA alone is fast, and building those two was a quarter of start-up.
    let mut builder = Regex::builder();
    builder
        .syntax(
            regex_automata::util::syntax::Config::new()
                .unicode(false)
                .utf8(false),
        )
        .configure(
            Regex::config()
                .auto_prefilter(false)
                .dfa(false)
                .onepass(false)
                .backtrack(false)
                .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
                .utf8_empty(false)
                .nfa_size_limit(Some(1 << 20))
                .hybrid_cache_capacity(HYBRID_CACHE),
        );
    builder
}

/// Readies every distinct pattern (sources with their targets, and where each was written).
/// A built-in pattern (one whose gate `build.rs` worked out) is shared by every rule set of the
/// process and compiled on first use, only for text that holds a literal of each of its gate's
/// sets (see [`shared`]); any other pattern is compiled now, on all cores, so that its errors
/// stop the run before anything is read.
fn compile_patterns(
    patterns: Vec<(String, Vec<Target>)>,
    origins: Vec<Origin>,
    errors: &mut Vec<RuleError>,
) -> Vec<Pattern> {
    let known = shared();
    // Each pattern's place among the built-in ones, or else its own regex, compiled now.
    let compiled: Vec<Result<Compiled, String>> = patterns
        .par_iter()
        .map(|(source, _)| match known.id(source) {
            Some(id) => Ok(Compiled::Shared(id)),
            None => compile_pattern(source).map(|re| Compiled::Own(Matcher::Meta(re))),
        })
        .collect();
    let mut out = Vec::with_capacity(patterns.len());
    for (((_, targets), origin), compiled) in patterns.into_iter().zip(origins).zip(compiled) {
        match compiled {
            Ok(compiled) => out.push(Pattern { targets, compiled }),
            Err(e) => errors.push(origin.error(format!("invalid pattern: {e}"))),
        }
    }
    out
}

fn is_common(file: &RuleFile) -> bool {
    let base = file.name.rsplit(['/', '\\']).next().unwrap_or(&file.name);
    base == "common.yaml" || base == "common.yml"
}

/// Where a pattern was written: turned into an error only if it does not compile (the error
/// carries the whole file's text, which is not copied for every pattern).
struct Origin<'f> {
    file: &'f RuleFile,
    line: u32,
    column: u32,
}

impl Origin<'_> {
    fn error(&self, message: String) -> RuleError {
        RuleError {
            file: self.file.name.clone(),
            line: self.line as usize,
            column: self.column as usize,
            message,
            source_text: self.file.text.to_string(),
        }
    }
}

/// Gathers every phrase and pattern of the rules, each once, with what it is evidence for.
/// Its two indexes take a few thousand short keys while the rules load, so they hash with
/// foldhash, not SipHash, which cost a tenth of loading the rules (foldhash's `HashMap` is
/// seeded per process, so a rule file cannot choose colliding keys either).
#[derive(Default)]
struct Compiler<'f> {
    /// The place in `phrases` of each distinct phrase whose text the built-in phrase list
    /// holds, at the text's place there × 4 + open start × 2 + open end (`u32::MAX` for none):
    /// most phrases are found here without hashing.
    built_index: Vec<u32>,
    /// The place in `phrases` of each other distinct phrase (text, open start, open end).
    own_index: foldhash::HashMap<(PhraseText, bool, bool), usize>,
    phrases: Vec<PhraseMeta>,
    /// The text of each of `phrases`.
    phrase_texts: Vec<PhraseText>,
    /// Pattern sources with their targets; compiled together, in parallel, by `compile_patterns`.
    patterns: Vec<(String, Vec<Target>)>,
    /// Where each pattern was written, for its error message.
    pattern_origin: Vec<Origin<'f>>,
    pattern_index: foldhash::HashMap<String, usize>,
    links: Vec<(String, Target)>,
}

impl<'f> Compiler<'f> {
    fn phrase(
        &mut self,
        file: &RuleFile,
        phrase: &Written,
        target: Target,
        errors: &mut Vec<RuleError>,
    ) {
        // A phrase as a built-in file writes it was read at build time.
        let (text, open_start, open_end) = match builtin::written_phrase(&phrase.value) {
            Some((at, open_start, open_end)) => (PhraseText::Built(at), open_start, open_end),
            None => {
                let crate::normalize::RulePhrase {
                    text: norm,
                    open_start,
                    open_end,
                } = crate::normalize::rule_phrase(&phrase.value);
                if !norm.bytes().any(crate::normalize::is_word_byte) {
                    errors.push(at(
                        file,
                        phrase,
                        format!(
                            "the phrase `{}` has no letters or digits once normalised",
                            phrase.value
                        ),
                    ));
                    return;
                }
                let text = match builtin::PHRASES.place(&norm) {
                    Some(at) => PhraseText::Built(at),
                    None => PhraseText::Own(norm),
                };
                (text, open_start, open_end)
            }
        };
        let slot = match text {
            PhraseText::Built(at) => self
                .built_index
                .get_mut(at as usize * 4 + usize::from(open_start) * 2 + usize::from(open_end)),
            PhraseText::Own(_) => None,
        };
        let mut add = |text| {
            self.phrases.push(PhraseMeta {
                open_start,
                open_end,
                // Most phrases serve one target.
                targets: Vec::with_capacity(1),
            });
            self.phrase_texts.push(text);
            self.phrases.len() - 1
        };
        let idx = match slot {
            Some(slot) if *slot != u32::MAX => *slot as usize,
            Some(slot) => {
                let idx = add(text);
                *slot = idx as u32;
                idx
            }
            None => *self
                .own_index
                .entry((text.clone(), open_start, open_end))
                .or_insert_with(|| add(text)),
        };
        if !self.phrases[idx].targets.contains(&target) {
            self.phrases[idx].targets.push(target);
        }
    }

    fn signal(
        &mut self,
        file: &'f RuleFile,
        signal: &model::Signal,
        target: Target,
        unless: Option<Target>,
        errors: &mut Vec<RuleError>,
    ) {
        for p in &signal.phrases {
            self.phrase(file, p, target, errors);
        }
        for p in &signal.patterns {
            if let Some(&i) = self.pattern_index.get(&p.value) {
                if !self.patterns[i].1.contains(&target) {
                    self.patterns[i].1.push(target);
                }
                continue;
            }
            self.pattern_index
                .insert(p.value.clone(), self.patterns.len());
            self.patterns.push((p.value.clone(), vec![target]));
            self.pattern_origin.push(Origin {
                file,
                line: p.line,
                column: p.column,
            });
        }
        for l in &signal.links {
            if l.value.trim().is_empty() {
                errors.push(at(
                    file,
                    l,
                    "an empty link substring matches every link".into(),
                ));
            } else {
                self.links.push((l.value.to_ascii_lowercase(), target));
            }
        }
        if let Some(u) = unless {
            for p in &signal.unless {
                self.phrase(file, p, u, errors);
            }
        }
    }

    fn element(
        &mut self,
        index: usize,
        rule: ElementRule,
        file: &'f RuleFile,
        errors: &mut Vec<RuleError>,
    ) -> CompiledElement {
        let names: Vec<String> = rule.signals.keys().cloned().collect();
        let lookup = |s: &Written, errors: &mut Vec<RuleError>| -> Option<usize> {
            let pos = names.iter().position(|n| *n == s.value);
            if pos.is_none() {
                errors.push(at(
                    file,
                    s,
                    format!(
                        "unknown signal `{}`; this rule defines: {}",
                        s.value,
                        names.join(", ")
                    ),
                ));
            }
            pos
        };
        let mut signals = Vec::new();
        for (si, (name, sig)) in rule.signals.iter().enumerate() {
            let target = Target::Signal {
                element: index,
                signal: si,
            };
            let unless = Target::Unless {
                element: index,
                signal: si,
            };
            self.signal(file, sig, target, Some(unless), errors);
            let unless_section = Target::UnlessSection {
                element: index,
                signal: si,
            };
            for p in &sig.unless_section {
                self.phrase(file, p, unless_section, errors);
            }
            let unless_here = Target::UnlessHere {
                element: index,
                signal: si,
            };
            for p in &sig.unless_here {
                self.phrase(file, p, unless_here, errors);
            }
            if sig.phrases.is_empty() && sig.patterns.is_empty() && sig.links.is_empty() {
                errors.push(at(
                    file,
                    &rule.id,
                    format!("signal `{name}` has no phrases, patterns or links"),
                ));
            }
            let mut unless_signals = Vec::new();
            for other in &sig.unless_signals {
                match lookup(other, errors) {
                    Some(o) if o == si => errors.push(at(
                        file,
                        other,
                        format!("signal `{name}` cannot cancel itself"),
                    )),
                    Some(o) => unless_signals.push(o),
                    None => {}
                }
            }
            signals.push(CompiledSignal {
                name: name.clone(),
                context: sig.context,
                requires: sig.requires,
                has_unless: !sig.unless.is_empty() || !unless_signals.is_empty(),
                unless_signals,
            });
        }
        for h in &rule.headings {
            self.phrase(file, h, Target::Heading { element: index }, errors);
        }
        let topic = names.iter().position(|n| n == "topic");
        let compile =
            |clauses: &[model::Clause], errors: &mut Vec<RuleError>| -> Vec<CompiledClause> {
                clauses
                    .iter()
                    .map(|c| {
                        check_kind(file, &rule.id, c, errors);
                        CompiledClause {
                            signals: c.all.iter().filter_map(|s| lookup(s, errors)).collect(),
                            within: c.within,
                            unless: c.unless.iter().filter_map(|s| lookup(s, errors)).collect(),
                            without: c.without.iter().filter_map(|s| lookup(s, errors)).collect(),
                        }
                    })
                    .collect()
            };
        for v in &rule.vague {
            if v.when.is_empty() {
                errors.push(at(
                    file,
                    &v.code,
                    format!("vague check `{}` has no `when` clauses", v.code.value),
                ));
            }
        }
        for f in std::iter::once(&rule.missing).chain(&rule.placeholder) {
            if !f.when.is_empty() {
                errors.push(at(
                    file,
                    &f.code,
                    format!(
                        "`when` belongs to vague checks; `{}` is decided by the other clauses",
                        f.code.value
                    ),
                ));
            }
        }
        let present = compile(&rule.present, errors);
        let vague = rule
            .vague
            .iter()
            .map(|v| compile(&v.when, errors))
            .collect();
        if signals.iter().any(|s| s.context == Context::Topic) && topic.is_none() {
            errors.push(at(
                file,
                &rule.id,
                "a signal has `context: topic` but the rule has no `topic` signal".into(),
            ));
        }
        CompiledElement {
            id: rule.id.value.clone(),
            examples_json: file.examples,
            rule,
            signals,
            topic,
            present,
            vague,
        }
    }
}

/// A clause's data must fit its kind.
fn check_kind(file: &RuleFile, id: &Written, c: &model::Clause, errors: &mut Vec<RuleError>) {
    use model::CheckKind::*;
    let anchor = c.all.first().unwrap_or(id);
    let problem = match c.kind {
        _ if c.all.is_empty() => Some("`all` names no signal".to_string()),
        Together => (!c.without.is_empty())
            .then(|| "`without` belongs to kind `without-companion`".to_string()),
        ExplicitNone => (c.all.len() != 1 || !c.without.is_empty())
            .then(|| "kind `explicit-none` takes exactly one signal in `all`".to_string()),
        WithoutCompanion => (c.all.len() != 1 || c.without.is_empty()).then(|| {
            "kind `without-companion` takes one signal in `all` and its companions in `without`"
                .to_string()
        }),
        OnlyGeneral => {
            (c.all.len() != 1 || c.unless.is_empty() || !c.without.is_empty()).then(|| {
                "kind `only-general` takes one signal in `all` and the specific signals in `unless`"
                    .to_string()
            })
        }
    };
    if let Some(message) = problem {
        errors.push(at(file, anchor, message));
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each named list as the group that replaces its name (see `rules::lists`).
fn groups(lists: &BTreeMap<String, Vec<String>>) -> BTreeMap<&str, String> {
    lists
        .iter()
        .map(|(name, items)| (name.as_str(), lists::group(items)))
        .collect()
}

/// Writes out the named lists (`<<name>>`) in every pattern of a signal: the rule's `own`
/// first, then the `shared` lists of `common.yaml`. A name neither defines is an error at the
/// pattern. (`build.rs` expands the built-in patterns alike to key their gates.)
fn expand_lists(
    signal: &mut model::Signal,
    own: &BTreeMap<&str, String>,
    shared: &BTreeMap<&str, String>,
    file: &RuleFile,
    errors: &mut Vec<RuleError>,
) {
    let lookup = |name: &str| {
        own.get(name)
            .or_else(|| shared.get(name))
            .map(String::as_str)
    };
    for pattern in &mut signal.patterns {
        match lists::expand(&pattern.value, &lookup) {
            Ok(std::borrow::Cow::Borrowed(_)) => {}
            Ok(std::borrow::Cow::Owned(expanded)) => pattern.value = expanded,
            Err(name) => {
                fn names<'a>(g: &BTreeMap<&'a str, String>) -> Vec<&'a str> {
                    g.keys().copied().collect()
                }
                let known = match (names(own), names(shared)) {
                    (o, s) if o.is_empty() && s.is_empty() => "no lists are defined".to_string(),
                    (o, s) if s.is_empty() => format!("this rule's lists: {}", o.join(", ")),
                    (o, s) if o.is_empty() => format!("the lists of common.yaml: {}", s.join(", ")),
                    (o, s) => format!(
                        "this rule's lists: {}; those of common.yaml: {}",
                        o.join(", "),
                        s.join(", ")
                    ),
                };
                errors.push(at(
                    file,
                    pattern,
                    format!("unknown list `<<{name}>>` in a pattern; {known}"),
                ));
            }
        }
    }
}

fn at(file: &RuleFile, written: &Written, message: String) -> RuleError {
    Origin {
        file,
        line: written.line,
        column: written.column,
    }
    .error(message)
}

/// Line, column and a one-line message of a YAML error. The crate's own text may carry a
/// snippet and the position; both are rendered separately, so they are cut off here.
pub fn yaml_message(e: &serde_saphyr::Error) -> (usize, usize, String) {
    let (line, column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((0, 0));
    let text = e.to_string();
    let mut message = text.lines().next().unwrap_or("invalid YAML").trim();
    message = message
        .strip_prefix("error:")
        .unwrap_or(message)
        .trim_start();
    if let Some(rest) = message.strip_prefix("line ") {
        if let Some((_, after)) = rest.split_once(": ") {
            message = after;
        }
    }
    (line, column, plain_words(message))
}

/// The YAML library's terse messages in words a rule author understands.
fn plain_words(message: &str) -> String {
    match message {
        "invalid u32" | "invalid u64" | "invalid i64" => "expected a whole number".to_string(),
        "expected string scalar" => "expected a text value, not a list or a map".to_string(),
        "missing field `kind`" => {
            "missing field `kind` (one of together, explicit-none, without-companion, only-general)"
                .to_string()
        }
        m => m.to_string(),
    }
}

fn yaml_error(file: &RuleFile, e: &serde_saphyr::Error) -> RuleError {
    let (line, column, message) = yaml_message(e);
    RuleError {
        file: file.name.clone(),
        line,
        column,
        message,
        source_text: file.text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first element's judgement of `text`, checked as a plain-text statement.
    fn first_element(rules: &RuleSet, text: &str) -> crate::check::ElementReport {
        let source = crate::source::Source::from_string("t.txt", text);
        let opts = crate::check::CheckOptions {
            lang: None,
            site_tracks: false,
        };
        let r = crate::check::check_statement(source, crate::document::Format::Text, rules, opts);
        r.elements
            .into_iter()
            .next()
            .expect("the rule set has an element")
    }

    /// Texts to try the gates on: every fixture statement and every example sentence.
    fn texts() -> Vec<String> {
        let mut out = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/statements");
        for entry in std::fs::read_dir(dir).expect("fixtures").flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                out.push(text);
            }
        }
        for (_, yaml, _, _) in builtin::FILES {
            out.push(yaml.to_string());
        }
        out
    }

    #[test]
    fn the_built_in_rules_read_their_automata_back_and_a_project_vocabulary_adds_its_own() {
        for profile in [Profile::Avg, Profile::Gdpr] {
            let rules = RuleSet::builtin(profile).expect("built-in rules");
            assert_eq!(rules.automaton.built_here(), 0, "{profile:?}: phrases");
        }
        assert!(shared().reads_literals(), "gate literals");
        let vocabulary = BTreeMap::from([(
            "recipients".to_string(),
            vec!["Kassasysteem Kwik".to_string(), "Mailchimp".to_string()],
        )]);
        let rules = RuleSet::load_with(&builtin::files(), Profile::Avg, &vocabulary).unwrap();
        // "mailchimp" is a built-in phrase already; the till system's name is not.
        assert_eq!(rules.automaton.built_here(), 1);
        let text = "wij geven uw bestelling door aan kassasysteem kwik en mailchimp.";
        let recipients = rules.elements.iter().position(|e| e.id == "recipients");
        let vocab_hits: Vec<&str> = rules
            .find(text)
            .into_iter()
            .filter(|m| match m.target {
                Target::Signal { element, signal } => {
                    Some(element) == recipients
                        && rules.elements[element].signals[signal].name == VOCABULARY
                }
                _ => false,
            })
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(vocab_hits, ["kassasysteem kwik", "mailchimp"]);
    }

    /// A one-element rule file whose `thing` signal is cancelled by `generic`.
    const UNLESS_SIGNALS_RULE: &str = r#"
id: purposes
number: 3
name: {nl: Doelen, en: Purposes}
article: {nl: art. 13, en: art. 13}
why: {nl: omdat, en: because}
example: {nl: voorbeeld, en: example}
signals:
  thing:
    phrases: [nieuwsbrief, newsletter]
    unless_signals: [generic]
  generic:
    phrases: [diensten te verbeteren, improve our services]
present:
  - kind: together
    all: [thing]
missing:
  code: PL301
  name: purposes-missing
  message: {nl: geen doel, en: no purpose}
  summary: {nl: geen doel, en: no purpose}
"#;

    /// The rule set of one element rule file (`purposes.yaml`), which must load.
    fn load_one(text: impl Into<String>) -> RuleSet {
        let files = [RuleFile::new("purposes.yaml", text)];
        RuleSet::load(&files, Profile::Avg).expect("the rule loads")
    }

    #[test]
    fn a_signal_named_in_unless_signals_cancels_a_match_in_its_sentence_only() {
        let rules = load_one(UNLESS_SIGNALS_RULE);
        let status = |text: &str| first_element(&rules, text).status;
        use crate::judge::Status;
        assert_eq!(status("Wij sturen u de nieuwsbrief."), Status::Present);
        assert_eq!(
            status("Wij gebruiken de nieuwsbrief om onze diensten te verbeteren."),
            Status::Missing
        );
        // In another sentence the generic aim cancels nothing.
        assert_eq!(
            status("Wij sturen u de nieuwsbrief. Zo proberen wij onze diensten te verbeteren."),
            Status::Present
        );
    }

    #[test]
    fn a_signal_that_only_cancels_is_no_evidence() {
        let rules = load_one(UNLESS_SIGNALS_RULE);
        let text = "Wij sturen u de nieuwsbrief. Zo proberen wij onze diensten te verbeteren.";
        let report = first_element(&rules, text);
        assert_eq!(report.status, crate::judge::Status::Present);
        // `generic` is in no clause: its hit in the other sentence is not shown beside the
        // newsletter.
        let shown: Vec<&str> = report.evidence.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(shown, ["nieuwsbrief"]);
    }

    #[test]
    fn a_cancelling_signal_that_its_own_unless_cancels_cancels_nothing() {
        use crate::judge::Status;
        // `generic` is itself cancelled by an `unless` phrase: then it leaves `thing` alone.
        let rule = UNLESS_SIGNALS_RULE.replace(
            "phrases: [diensten te verbeteren, improve our services]",
            "phrases: [diensten te verbeteren, improve our services]\n    unless: [niet nodig om]",
        );
        let rules = load_one(rule);
        let status = |text: &str| first_element(&rules, text).status;
        assert_eq!(
            status("Wij gebruiken de nieuwsbrief om onze diensten te verbeteren."),
            Status::Missing
        );
        assert_eq!(
            status("De nieuwsbrief is niet nodig om onze diensten te verbeteren."),
            Status::Present
        );
        // Cancelled by a signal instead (`unless_signals`), it still cancels: one level only.
        let rule = UNLESS_SIGNALS_RULE.replace(
            "phrases: [diensten te verbeteren, improve our services]",
            "phrases: [diensten te verbeteren, improve our services]\n    unless_signals: [not_pursued]\n  \
             not_pursued:\n    phrases: [niet nodig om]",
        );
        let rules = load_one(rule);
        let status = |text: &str| first_element(&rules, text).status;
        assert_eq!(
            status("De nieuwsbrief is niet nodig om onze diensten te verbeteren."),
            Status::Missing
        );
        assert_eq!(status("Wij sturen u de nieuwsbrief."), Status::Present);
    }

    #[test]
    fn an_unless_here_phrase_cancels_only_the_match_it_overlaps() {
        let rule = UNLESS_SIGNALS_RULE.replace(
            "phrases: [nieuwsbrief, newsletter]\n    unless_signals: [generic]",
            "phrases: [verstrekt, delen]\n    unless_here: [u heeft verstrekt]",
        );
        let rules = load_one(rule);
        let status = |text: &str| {
            let e = first_element(&rules, text);
            (e.status, e.evidence.len())
        };
        use crate::judge::Status;
        assert_eq!(status("Wij hebben het verstrekt."), (Status::Present, 1));
        // The phrase takes back the match inside it ...
        assert_eq!(
            status("Het doel waarvoor u heeft verstrekt."),
            (Status::Missing, 0)
        );
        // ... and no other match of its sentence, as an `unless` phrase would.
        let (status, evidence) = status("Wat u heeft verstrekt, delen wij.");
        assert_eq!(status, Status::Present);
        assert_eq!(evidence, 1);
    }

    #[test]
    fn a_phrase_needs_a_word_boundary_only_where_it_begins_or_ends_with_a_letter() {
        let rule = UNLESS_SIGNALS_RULE.replace(
            "phrases: [nieuwsbrief, newsletter]",
            "phrases: [\"[at]\", nieuwsbrief]",
        );
        let rules = load_one(rule);
        let hits = |text: &str| -> Vec<String> {
            rules
                .find(text)
                .into_iter()
                .map(|m| text[m.start..m.end].to_string())
                .collect()
        };
        // The brackets are the phrase's edges: the letters beside them are no part of it.
        assert_eq!(hits("mail info[at]voorbeeld.nl"), ["[at]"]);
        assert_eq!(hits("mail info [at] voorbeeld.nl"), ["[at]"]);
        // A phrase with letters at its edges still stands only as a whole word.
        assert!(hits("de nieuwsbriefredactie").is_empty());
        assert_eq!(hits("de nieuwsbrief."), ["nieuwsbrief"]);
    }

    #[test]
    fn unless_signals_must_name_another_signal_of_the_element() {
        for (bad, says) in [
            ("unless_signals: [generic]", "cannot cancel itself"),
            ("unless_signals: [nothing]", "unknown signal `nothing`"),
        ] {
            let text = UNLESS_SIGNALS_RULE.replace(
                "phrases: [diensten te verbeteren, improve our services]",
                &format!("phrases: [diensten te verbeteren, improve our services]\n    {bad}"),
            );
            let files = [RuleFile::new("purposes.yaml", text)];
            let errors = RuleSet::load(&files, Profile::Avg).expect_err("a bad rule");
            let messages: Vec<&str> = errors.0.iter().map(|e| e.message.as_str()).collect();
            assert!(messages.iter().any(|m| m.contains(says)), "{messages:?}");
            let at = errors.0.iter().find(|e| e.message.contains(says)).unwrap();
            assert_eq!(at.line, 14, "{bad}");
        }
    }

    #[test]
    fn every_built_in_pattern_has_a_gate_entry_and_compiles() {
        let rules = RuleSet::builtin(Profile::Gdpr).expect("built-in rules");
        for p in &rules.patterns {
            assert!(
                matches!(p.compiled, Compiled::Shared(_)),
                "no gate for a pattern of {:?}",
                p.targets
            );
            assert!(p.regex().is_some(), "does not compile: {}", p.source());
        }
    }

    #[test]
    fn the_built_in_automata_find_what_daachorse_finds() {
        // Over every fixture statement and rule file, normalised: each prebuilt automaton
        // reports exactly the matches of a `daachorse` automaton built now over the same list.
        let texts: Vec<String> = texts()
            .iter()
            .map(|t| crate::normalize::normalize(t).text)
            .collect();
        assert!(texts.len() > 10);
        for prebuilt in [builtin::PHRASES, builtin::GATE_LITERALS] {
            let own = automaton::Overlapping::prebuilt(prebuilt).expect("reads back");
            let reference = daachorse::DoubleArrayAhoCorasick::<u32>::with_values(
                prebuilt
                    .patterns
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (*p, i as u32)),
            )
            .expect("builds");
            let mut found = 0;
            for text in &texts {
                let mut got: Vec<(usize, usize, usize)> = own
                    .find(text)
                    .into_iter()
                    .map(|m| (m.start, m.end, m.pattern))
                    .collect();
                let mut want: Vec<(usize, usize, usize)> = reference
                    .find_overlapping_iter(text)
                    .map(|m| (m.start(), m.end(), m.value() as usize))
                    .collect();
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want);
                found += got.len();
            }
            assert!(found > 1000, "{found}");
        }
    }

    #[test]
    fn a_built_in_phrase_as_written_is_looked_up_as_reading_it_would_make_it() {
        // The lookup stands in for `rule_phrase` and the place of its text: both must agree
        // on every phrase the built-in files write.
        assert!(builtin::PHRASES_WRITTEN.len() > 3000);
        assert!(builtin::PHRASES.patterns.windows(2).all(|w| w[0] < w[1]));
        for &(written, place, open_start, open_end) in builtin::PHRASES_WRITTEN {
            let read = crate::normalize::rule_phrase(written);
            assert_eq!(
                (
                    builtin::PHRASES.place(&read.text),
                    read.open_start,
                    read.open_end
                ),
                (Some(place), open_start, open_end),
                "{written:?}"
            );
            assert_eq!(
                builtin::written_phrase(written),
                Some((place, open_start, open_end))
            );
        }
        assert_eq!(
            builtin::written_phrase("een zin die geen regel schrijft"),
            None
        );
    }

    #[test]
    fn every_built_in_pattern_s_nfas_read_back_as_compiling_it_would_make_them() {
        for gate in builtin::GATES {
            let hir = syntax::parse(gate.source).expect("parses");
            let (start, middle, end) = gate.nfa.expect("build.rs compiled its NFAs");
            for (code, reverse) in [(start..middle, false), (middle..end, true)] {
                let code = &builtin::PATTERN_NFA[code.start as usize..code.end as usize];
                let back = nfa_code::decode(code).expect("reads back");
                let fresh = nfa_code::compile(&hir, reverse).expect("compiles");
                assert_eq!(format!("{back:?}"), format!("{fresh:?}"), "{}", gate.source);
            }
        }
    }

    #[test]
    fn preparing_a_text_before_the_rules_load_readies_what_finding_in_it_needs() {
        // Whether it compiles no more, and nothing before, `tests/compile_once.rs` shows in a
        // process of its own: here other tests share the compiled patterns.
        for (profile, name) in [
            (Profile::Avg, "complete-en.md"),
            (Profile::Avg, "complete-nl.html"),
            (Profile::Gdpr, "complete-en.md"),
        ] {
            let path = format!("{}/fixtures/statements/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect("fixture");
            let format = crate::document::Format::from_path(&path);
            crate::check::prepare(&text, format, profile);
            let rules = RuleSet::builtin(profile).expect("built-in rules");
            let norm = crate::check::normalised(&text, format);
            assert!(rules.is_prepared(&norm), "{name}: not all prepared");
        }
    }

    #[test]
    fn searching_the_open_lines_finds_what_searching_the_whole_text_finds() {
        // The whole text is searched by the meta regex compiled from the source; the lines
        // (and the whole text) by the engines built from the prebuilt NFAs.
        let rules = RuleSet::builtin(Profile::Gdpr).expect("built-in rules");
        let mut lined = 0;
        let mut built = 0;
        let mut metas: HashMap<&str, Regex> = HashMap::new();
        for text in texts() {
            let norm = crate::normalize::normalize(&text).text;
            let open = rules.open_gates(&norm);
            let spans = |ms: Vec<regex_automata::Match>| -> Vec<(usize, usize)> {
                ms.into_iter().map(|m| (m.start(), m.end())).collect()
            };
            for p in rules.patterns.iter().filter(|p| p.is_open(&open)) {
                let meta = metas
                    .entry(p.source())
                    .or_insert_with(|| compile_pattern(p.source()).expect("compiles"));
                let whole = spans(meta.find_iter(norm.as_bytes()).collect());
                let full = p.regex().expect("compiles");
                built += usize::from(matches!(full, Matcher::Built(_)));
                let input = regex_automata::Input::new(norm.as_bytes());
                assert_eq!(spans(full.find_all(input)), whole, "`{}`", p.source());
                let searches = p.searches(&open);
                if searches.len() != 1 || searches[0].0 != (0..norm.len()) {
                    lined += 1;
                }
                let found: Vec<(usize, usize)> = searches
                    .into_iter()
                    .flat_map(|(span, re)| {
                        re.find_all(regex_automata::Input::new(norm.as_bytes()).range(span))
                            .into_iter()
                            .map(|m| (m.start(), m.end()))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                assert_eq!(found, whole, "`{}`", p.source());
            }
        }
        assert!(lined > 0, "no search was ever kept to lines");
        assert!(built > 0, "no engine was built from a prebuilt NFA");
    }

    #[test]
    fn a_closed_gate_hides_no_match() {
        let rules = RuleSet::builtin(Profile::Gdpr).expect("built-in rules");
        let mut skipped = 0;
        for text in texts() {
            let norm = crate::normalize::normalize(&text).text;
            let open = rules.open_gates(&norm);
            for p in &rules.patterns {
                if p.is_open(&open) {
                    continue;
                }
                skipped += 1;
                let re = p.regex().expect("compiles");
                assert!(
                    re.find_all(regex_automata::Input::new(norm.as_bytes()))
                        .is_empty(),
                    "gate closed but `{}` matches",
                    p.source()
                );
            }
        }
        assert!(skipped > 0, "no gate was ever closed");
    }
}
