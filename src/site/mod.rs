//! Scanning a whole website folder the way a regulator's sweep would: find the privacy
//! statement(s), check every page with a form that asks for personal data for a link to the
//! statement, and hold the trackers and cookies found on the pages against the statement.

mod facts;
mod findings;
pub mod links;
mod needles;
pub mod page;
mod read;
mod scan;
mod tracker_dfa;
pub mod trackers;
pub mod walk;

use std::ops::Range;
use std::path::PathBuf;

use crate::Lang;

pub use scan::{gather, gather_preparing, scan, scan_each, Gathered};

/// How to scan a folder.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub walk: walk::WalkOptions,
    /// Files that are the statement, whatever their name (relative to the folder or absolute).
    pub statements: Vec<PathBuf>,
    pub max_file_size: u64,
    pub lang: Option<Lang>,
    /// Extra host names of the site (for absolute links).
    pub hosts: Vec<String>,
    /// Called once per file read (progress bars).
    pub progress: Option<fn()>,
}

impl Default for SiteOptions {
    /// Every file the walk finds by default, statements by their name, the default size limit.
    fn default() -> SiteOptions {
        SiteOptions {
            walk: Default::default(),
            statements: Vec::new(),
            max_file_size: crate::source::DEFAULT_MAX_FILE_SIZE,
            lang: None,
            hosts: Vec::new(),
            progress: None,
        }
    }
}

/// A form as reported.
#[derive(Debug, Clone)]
pub struct FormInfo {
    pub tag: Range<usize>,
    /// Where the form's tag is, computed while the page's text was at hand.
    pub pos: crate::report::Position,
    /// The fields that ask for personal data, by their label or name.
    pub personal: Vec<String>,
    pub service: Option<&'static str>,
    pub links_to_statement: bool,
    pub link_near_form: bool,
}

/// A tracker as reported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TrackerInfo {
    /// Shared with every other page that uses the service: a site of 40,000 pages must not
    /// hold 40,000 copies of "Google Analytics".
    pub id: std::sync::Arc<str>,
    pub name: std::sync::Arc<str>,
    pub provider: std::sync::Arc<str>,
    pub cookies: bool,
    pub range: Range<usize>,
    pub pos: crate::report::Position,
}

/// What a page of a site holds.
#[derive(Debug, Clone, Default)]
pub struct PageInfo {
    pub forms: Vec<FormInfo>,
    pub trackers: Vec<TrackerInfo>,
    /// A layout or include of a site generator (its links and trackers count site-wide).
    pub template: bool,
}

/// Counts for the end of a site scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteSummary {
    pub root: String,
    pub pages: usize,
    pub statements: usize,
    pub pages_with_forms: usize,
    pub pages_with_trackers: usize,
}

/// Words that make a file or folder name a privacy statement's.
const STATEMENT_NAMES: &[&str] = &[
    "privacy",
    "privacyverklaring",
    "privacybeleid",
    "privacystatement",
    "privacy-statement",
    "privacy-policy",
    "privacypolicy",
    "privacy_policy",
    "privacy-verklaring",
    "privacyreglement",
    "privacy-notice",
    "privacynotice",
    "gegevensbescherming",
    "avg",
    "datenschutz",
    "datenschutzerklarung",
    "datenschutzerklaerung",
    "data-protection",
    "dataprotection",
    "privacy-en",
    "privacy-nl",
    "privacyverklaring-en",
    "privacyverklaring-nl",
];

/// Title words that make a page a privacy statement (the title or first heading starts with one).
const STATEMENT_TITLES: &[&str] = &[
    "privacyverklaring",
    "privacy verklaring",
    "privacybeleid",
    "privacy beleid",
    "privacystatement",
    "privacy statement",
    "privacy policy",
    "privacy notice",
    "privacyreglement",
    "privacy",
    "gegevensbescherming",
    "datenschutz",
    "data protection",
    "avg-verklaring",
    "avg verklaring",
];

/// Whether a relative path names a privacy statement.
pub fn statement_by_path(rel: &str) -> bool {
    let lower = rel.to_lowercase().replace('\\', "/");
    if lower.contains("cookie") {
        return false;
    }
    lower.split('/').any(|seg| {
        let stem = seg.rsplit_once('.').map(|(s, _)| s).unwrap_or(seg);
        STATEMENT_NAMES.contains(&stem)
            || (stem.starts_with("privacy") && !stem.contains("risico") && stem.len() <= 24)
    })
}

/// Whether a title or first heading names a privacy statement.
pub fn statement_by_title(title: &str) -> bool {
    let t = crate::normalize::normalize_phrase(title);
    if t.contains("cookie") {
        return false;
    }
    t.split(['|', '-', ':', '\u{b7}', '/'])
        .map(str::trim)
        .any(|seg| {
            STATEMENT_TITLES
                .iter()
                .any(|s| seg == *s || seg.starts_with(&format!("{s} ")))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_names_and_titles() {
        assert!(statement_by_path("privacyverklaring/index.html"));
        assert!(statement_by_path("_pages/privacy.md"));
        assert!(statement_by_path("privacy-policy.html"));
        assert!(!statement_by_path("cookieverklaring/index.html"));
        assert!(!statement_by_path(
            "blogs/leidt-het-gebruik-tot-privacyrisicos/index.html"
        ));
        assert!(statement_by_title("Privacyverklaring - Bakkerij Bol"));
        assert!(statement_by_title("Bakkerij Bol | Privacy Policy"));
        assert!(!statement_by_title("Drafting a privacy statement"));
        assert!(!statement_by_title("Cookieverklaring"));
    }
}
