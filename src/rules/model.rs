//! The rule language: what a rule file may say, as Rust types.
//!
//! One file describes one element of the privacy statement: its names and messages in Dutch
//! and English, the *signals* (phrases and patterns) that show the statement touches it, and
//! the *clauses* that decide present / vague / missing from those signals. Unknown keys are
//! load errors (`deny_unknown_fields`), so a typo in a rule file never silently does nothing.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A text in both message languages.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Nl => &self.nl,
            crate::Lang::En => &self.en,
        }
    }

    /// An optional text in one language, empty when absent.
    pub fn owned(text: &Option<Text>, lang: crate::Lang) -> String {
        text.as_ref()
            .map(|t| t.get(lang).to_string())
            .unwrap_or_default()
    }
}

/// The profile an element belongs to.
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The eleven elements every Dutch statement needs.
    #[default]
    Avg,
    /// The full articles 13/14.
    Gdpr,
}

/// Diagnostic severity.
#[derive(
    Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a signal's match counts.
#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// Anywhere in the statement.
    #[default]
    Anywhere,
    /// Only in a sentence that also has a `topic` match of the same element, or under a
    /// heading of the element, or in a table cell whose column or row header is about it.
    Topic,
    /// Only under a heading of the element (or in such a heading), or in a table cell whose
    /// column or row header is about it ("Toestemming" under "Grondslag").
    Section,
    /// Only inside a title of the statement: the document title, a level-1 heading or the
    /// first heading of the body (not a section heading further on).
    Heading,
}

/// How close together the signals of a clause must be.
#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Within {
    Sentence,
    /// The same paragraph, list item or table row.
    Block,
    Section,
    #[default]
    Document,
}

/// An extra condition a match must meet, checked in code.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// The sentence (or heading) holds a proper name: a capitalised word that is not a
    /// common sentence opener, or a legal form such as B.V. or Stichting.
    ProperName,
    /// As `proper-name`, but a name after "met", "via", "with", "using" or "through" counts too:
    /// for a recipient that is the party the data goes to ("shared with Acme Payments Ltd"),
    /// where for the organisation's own name it is a tool ("betalen met Mollie").
    NamedParty,
}

/// A string of a rule file and where it was written. The YAML parser's `Spanned` carries two
/// full locations, over 100 bytes for each of the built-in rules' 8,000 phrases and patterns;
/// an error needs only the line and column.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Spanned<String>")]
pub struct Written {
    pub value: String,
    /// 1-based; 0 where unknown (pre-parsed built-in rules, a project's vocabulary).
    pub line: u32,
    pub column: u32,
}

impl Written {
    /// A string written nowhere in particular (a project's vocabulary).
    pub fn new(value: String) -> Written {
        Written {
            value,
            line: 0,
            column: 0,
        }
    }
}

/// Written as its string alone (the schema's defaults are serialised values).
impl serde::Serialize for Written {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.value)
    }
}

impl From<Spanned<String>> for Written {
    fn from(s: Spanned<String>) -> Written {
        Written {
            line: s.referenced.line() as u32,
            column: s.referenced.column() as u32,
            value: s.value,
        }
    }
}

/// A named set of phrases and patterns.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    /// Phrases, matched case- and accent-insensitively as whole words. A leading or trailing
    /// `*` lets the phrase sit inside a (Dutch) compound: `bewaar*` matches `bewaartermijn`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub phrases: Vec<Written>,
    /// Regular expressions over the normalised text (lower case, no accents).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Written>,
    /// Substrings of link targets (`href`) that count as this signal, e.g. `mailto:`; one that
    /// ends in `$` must end the target (a trailing slash aside), e.g. `/issues$`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub links: Vec<Written>,
    /// Where a match counts (default: anywhere).
    #[serde(default)]
    pub context: Context,
    /// An extra condition checked in code.
    #[serde(default)]
    pub requires: Option<Requirement>,
    /// Phrases that, in the same sentence, cancel a match (a negation or a template word).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unless: Vec<Written>,
    /// Phrases that cancel only a match they overlap, not the rest of the sentence: `u heeft
    /// verstrekt` takes back the `verstrekt` inside it (the person gives data to the business,
    /// no one receives it) and leaves `delen` in the same sentence a match.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unless_here: Vec<Written>,
    /// Phrases that, in a section heading (not the statement's title), cancel the matches in
    /// that section: a period under "Cookies" is no retention period of customer data.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unless_section: Vec<Written>,
    /// Other signals of the same element whose matches, in the same sentence, cancel a match
    /// of this one, as `unless` phrases do: a purpose construction with a generic aim in its
    /// sentence names no specific purpose, and the generic aims are listed once. A match that
    /// the other signal's own `unless` phrases cancel cancels nothing.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unless_signals: Vec<Written>,
}

/// The closed set of check kinds. A clause picks one and supplies signal names; the loader
/// checks that the data fits the kind, so a rule says what it checks, not only how.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// Every signal of `all`, close together (`within`). The usual presence check.
    #[default]
    Together,
    /// One signal that is an explicit "none" answer ("we use no cookies", "we share nothing").
    ExplicitNone,
    /// The signal of `all` without any signal of `without` in the same scope (a retention
    /// period with no reason beside it).
    WithoutCompanion,
    /// A general wording (`all`, one signal) where none of the specific signals of `unless`
    /// appears anywhere ("as long as necessary" and no period at all).
    OnlyGeneral,
}

/// A clause: signals that together decide a status, checked as its `kind` says.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// What kind of check this is.
    pub kind: CheckKind,
    /// The signals the check is about.
    #[schemars(with = "Vec<String>")]
    pub all: Vec<Written>,
    /// How close together the signals must be (default: anywhere in the document).
    #[serde(default)]
    pub within: Within,
    /// The clause does not hold when any of these signals has a match anywhere (a blanket
    /// "we collect nothing" is no answer where the text also speaks of keeping data).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unless: Vec<Written>,
    /// Signals that must not appear in the same scope (`without-companion`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub without: Vec<Written>,
}

/// A finding the element can produce: its stable code, name and message.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The stable code (`PL501`).
    #[schemars(with = "String")]
    pub code: Written,
    /// The stable rule name (`retention-missing`).
    pub name: String,
    /// What is wrong, in one sentence.
    pub message: Text,
    /// Overrides the default severity (error for missing, warning for vague).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// What the checklist says in one short line.
    #[serde(default)]
    pub summary: Option<Text>,
    /// Why the law asks for it (findings of `common.yaml`; an element's findings use the
    /// element's `why`).
    #[serde(default)]
    pub why: Option<Text>,
    /// Wording that passes (findings of `common.yaml`; an element's findings use the
    /// element's `example`).
    #[serde(default)]
    pub example: Option<Text>,
    /// Wording that fails this check, for `privlint explain` (an element's findings fall
    /// back to its example sentences).
    #[serde(default)]
    pub fails: Option<Text>,
    /// For a vague check only: the verdict applies when any of these clauses holds.
    #[serde(default)]
    pub when: Vec<Clause>,
}

/// A vague verdict: a finding whose `when` clauses trigger it.
pub type VagueCheck = Finding;

/// Example sentences a rule documents and tests itself with.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Sentences that make the element present.
    #[serde(default)]
    pub present: Vec<String>,
    /// Sentences that make it vague (each also documents the code it gives).
    #[serde(default)]
    pub vague: Vec<String>,
    /// Sentences that leave it missing.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// One element's rule file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementRule {
    /// The element's stable id (`retention`); a user's file with a built-in id replaces it.
    #[schemars(with = "String")]
    pub id: Written,
    /// Its place in the checklist.
    pub number: u32,
    /// `avg` for the eleven elements, `gdpr` for the stricter profile.
    #[serde(default)]
    pub profile: Profile,
    /// The element's name in the checklist.
    pub name: Text,
    /// The article of the law that asks for it.
    pub article: Text,
    /// Why the law asks for it, in plain words.
    pub why: Text,
    /// Wording that would satisfy it.
    pub example: Text,
    /// Phrases that make a heading (and its section) about this element.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub headings: Vec<Written>,
    /// Named word lists: a pattern writes `<<name>>` for the list's items as one group of
    /// alternatives (each item a piece of regular expression), so several patterns share one
    /// list (see `rules::lists`).
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    /// Named sets of phrases and patterns; a signal named `topic` is the context of
    /// `context: topic` signals.
    pub signals: BTreeMap<String, Signal>,
    /// The element is present when any of these clauses holds.
    pub present: Vec<Clause>,
    /// Otherwise vague when a check's clause holds (the first that does).
    #[serde(default)]
    pub vague: Vec<VagueCheck>,
    /// Otherwise missing, with this finding.
    pub missing: Finding,
    /// When every piece of evidence for "present" rests on a template placeholder, the
    /// element is vague with this finding.
    #[serde(default)]
    pub placeholder: Option<Finding>,
    /// Severity of a missing element in a statement checked on its own.
    #[serde(default)]
    pub missing_alone: Option<Severity>,
    /// Example sentences, judged by the test suite: the rule documents and tests itself.
    #[serde(default)]
    pub examples: Examples,
}

/// The shared vocabulary file (`common.yaml`).
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// Template placeholders left unfilled: `[Bedrijfsnaam]`, `{{ company }}`.
    #[serde(default)]
    pub placeholders: Signal,
    /// Names of repealed law and former authorities (the Wbp, the CBP).
    #[serde(default)]
    pub outdated: Signal,
    /// Capitalised words that are not names (sentence openers, legal terms).
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words that make a name a legal entity (`B.V.`, `Stichting`).
    #[serde(default)]
    pub legal_forms: Vec<String>,
    /// Frequent function words per language, for language detection.
    #[serde(default)]
    pub language_words: BTreeMap<String, Vec<String>>,
    /// Findings that are not about one element.
    #[serde(default)]
    pub findings: BTreeMap<String, Finding>,
    /// Named word lists that every rule file may use (`<<name>>`, see `rules::lists`), for
    /// words several elements share; a rule's own list of the same name comes first.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
}
