//! Diagnostics: what privlint tells the user, with spans as decoded-source byte ranges.
//!
//! Spans are turned into disk offsets and line/column only by the reporters, at the edge.

use std::ops::Range;

use crate::rules::Severity;

/// A labelled span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range in the decoded source.
    pub range: Range<usize>,
    pub message: String,
    /// The file the range is in, when it is not the diagnostic's own file.
    pub path: Option<String>,
    /// The position in that other file, computed while its text was at hand (a site scan
    /// does not keep the text of every page).
    pub position: Option<crate::report::Position>,
}

impl Label {
    /// Where the label is on disk: the position computed while its file's text was at hand,
    /// else computed from `source` (the file the label is in).
    pub fn position_in(&self, source: &crate::source::Source) -> crate::report::Position {
        self.position
            .unwrap_or_else(|| crate::report::Position::of(source, &self.range))
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, such as `PL502`.
    pub code: String,
    /// Stable name, such as `retention-no-reason`.
    pub name: String,
    pub severity: Severity,
    /// The element id, if the finding is about one.
    pub element: Option<String>,
    pub message: String,
    /// Why the law asks for it (with the article).
    pub why: String,
    /// Wording that would satisfy it.
    pub example: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// The text the finding is about, whitespace collapsed (empty for a missing element):
    /// with the code and path it identifies the finding across edits elsewhere in the file,
    /// for fingerprints and baselines.
    pub evidence: String,
}

/// Whitespace collapsed to single spaces, at most 200 characters: the form in which evidence
/// text identifies a finding.
pub fn evidence_key(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    match out.char_indices().nth(200) {
        Some((cut, _)) => out[..cut].to_string(),
        None => out,
    }
}
