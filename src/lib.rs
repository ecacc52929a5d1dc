//! privlint: a linter for privacy statements (privacyverklaringen).
//!
//! The pipeline, one module per arrow: [`source`] (read and decode, keep the way back to disk
//! offsets) → [`extract`] (HTML, Markdown, text → [`document::Document`]) → [`analysis`]
//! (normalised text, sentences, sections) → [`judge`] (present / vague / missing per element,
//! from the compiled [`rules`]) → [`check`] (diagnostics) → [`report`] (human, JSON).
//! The library does the work and never prints; the binary is a thin shell around it.

pub mod analysis;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod extract;
pub mod judge;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod ranges;
pub mod registry;
pub mod report;
pub mod rules;
pub mod settings;
pub mod site;
pub mod source;
pub mod spill;
pub mod suppress;

/// The language of a statement and of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}
