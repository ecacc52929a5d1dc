//! Checking one statement: extraction, analysis, judgement and diagnostics, producing a
//! self-contained [`FileReport`] whose spans are decoded-source ranges.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::{Document, Format};
use crate::judge::{judge, Reason, Status, Verdict};
use crate::rules::model::Text;
use crate::rules::{RuleSet, Severity};
use crate::source::Source;
use crate::Lang;

/// What a file is in a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Statement,
    Page,
}

/// One element's result in a file.
#[derive(Debug, Clone)]
pub struct ElementReport {
    pub id: String,
    pub status: Status,
    /// The code of the finding, when not present.
    pub code: Option<String>,
    /// Evidence as decoded-source ranges, with the text they cover.
    pub evidence: Vec<(Range<usize>, String)>,
    /// One short line for the checklist.
    pub summary: String,
}

/// Everything privlint found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: Source,
    pub format: Format,
    pub role: Role,
    pub language: Lang,
    pub title: Option<String>,
    pub elements: Vec<ElementReport>,
    pub diagnostics: Vec<Diagnostic>,
    /// Forms and trackers, for files read in a site scan.
    pub page: Option<crate::site::PageInfo>,
    /// Its `privlint-disable…` comments, applied once every finding is known
    /// ([`crate::suppress::apply`]).
    pub suppressions: Vec<crate::suppress::Directive>,
}

/// Options that change how a file is judged or reported.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// The language of messages; `None` follows each document's language.
    pub lang: Option<Lang>,
    /// The statement is part of a site whose pages set cookies or track.
    pub site_tracks: bool,
}

/// Checks a decoded source as a privacy statement.
pub fn check_statement(
    source: Source,
    format: Format,
    rules: &RuleSet,
    opts: CheckOptions,
) -> FileReport {
    let doc = crate::extract::extract(&source.text, format);
    check_document(source, format, doc, rules, opts)
}

/// Compiles the built-in patterns of `profile` that judging this text will run (see
/// [`crate::rules::shared::prepare`]): before the rules have loaded, if need be.
pub fn prepare(text: &str, format: Format, profile: crate::rules::Profile) {
    crate::rules::shared::prepare(&normalised(text, format), profile);
}

/// A statement's text as its phrases and patterns are matched against: extracted from its
/// format, then normalised.
pub fn normalised(text: &str, format: Format) -> String {
    let doc = crate::extract::extract(text, format);
    crate::normalize::normalize(&doc.text).text
}

/// Checks an already extracted document as a privacy statement.
pub fn check_document(
    source: Source,
    format: Format,
    doc: Document,
    rules: &RuleSet,
    opts: CheckOptions,
) -> FileReport {
    let analysis = Analysis::new(&doc);
    let judgement = judge(&analysis, rules);
    let lang = opts.lang.unwrap_or(judgement.language);
    let anchor = missing_anchor(&doc);
    let mut elements = Vec::new();
    let mut diagnostics = Vec::new();
    for verdict in &judgement.verdicts {
        let element = &rules.elements[verdict.element];
        let rule = &element.rule;
        let evidence: Vec<(Range<usize>, String)> = verdict
            .evidence
            .iter()
            .map(|ev| {
                let text_range = analysis.text_range(ev.range.clone());
                let src = doc.source_range(text_range.clone());
                (src, doc.text[text_range].trim().to_string())
            })
            .collect();
        let finding = finding_of(verdict, element);
        let summary = match (&finding, verdict.status) {
            // The sentence (or heading) the first evidence stands in says more than the
            // matched words alone.
            (_, Status::Present) => verdict
                .evidence
                .first()
                .map(|ev| {
                    let sentence = analysis.sentence_range(analysis.sentence_of(ev.range.start));
                    analysis
                        .original(sentence)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
            (Some(f), _) => f
                .summary
                .as_ref()
                .map(|s| s.get(lang).to_string())
                .unwrap_or_else(|| f.message.get(lang).to_string()),
            (None, _) => String::new(),
        };
        if let Some(f) = &finding {
            // On a page in two languages, a finding speaks the language of its own section.
            let lang = opts.lang.unwrap_or_else(|| {
                verdict
                    .evidence
                    .first()
                    .and_then(|ev| {
                        crate::judge::language_of(
                            &analysis,
                            rules,
                            analysis.top_section_range(ev.range.start),
                            12,
                        )
                    })
                    .unwrap_or(lang)
            });
            let severity = match verdict.status {
                Status::Missing => match (rule.missing_alone, opts.site_tracks) {
                    (Some(s), false) => s,
                    _ => f.severity.unwrap_or(Severity::Error),
                },
                _ => f.severity.unwrap_or(Severity::Warning),
            };
            // The first evidence is the primary span; a missing element points at the anchor.
            let label = |range: Range<usize>, message: String| Label {
                range,
                message,
                path: None,
                position: None,
            };
            let summary_text = Text::owned(&f.summary, lang);
            let (primary, secondary) = match evidence.split_first() {
                Some((first, rest)) => (
                    label(first.0.clone(), summary_text),
                    rest.iter()
                        .map(|(r, _)| label(r.clone(), String::new()))
                        .collect(),
                ),
                None => (label(anchor.clone(), summary_text), Vec::new()),
            };
            diagnostics.push(Diagnostic {
                code: f.code.value.clone(),
                name: f.name.clone(),
                severity,
                element: Some(element.id.clone()),
                message: f.message.get(lang).to_string(),
                why: format!("{} ({})", rule.why.get(lang), rule.article.get(lang)),
                example: rule.example.get(lang).to_string(),
                primary,
                secondary,
                evidence: crate::diagnostic::evidence_key(
                    &evidence
                        .iter()
                        .map(|(_, t)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            });
        }
        elements.push(ElementReport {
            id: element.id.clone(),
            status: verdict.status,
            code: finding.map(|f| f.code.value.clone()),
            evidence,
            summary,
        });
    }
    let to_src = |r: &Range<usize>| doc.source_range(analysis.text_range(r.clone()));
    let places = |ranges: &[Range<usize>]| -> Vec<Range<usize>> {
        ranges.iter().take(6).map(to_src).collect()
    };
    if let Some(f) = rules.common.findings.get("template-placeholder") {
        diagnostics.extend(common_finding(
            f,
            lang,
            &places(&judgement.placeholders),
            &source.text,
        ));
    }
    if let Some(f) = rules.common.findings.get("outdated-law") {
        diagnostics.extend(common_finding(
            f,
            lang,
            &places(&judgement.outdated),
            &source.text,
        ));
    }
    let order = |d: &Diagnostic| {
        d.element
            .as_deref()
            .and_then(|id| rules.elements.iter().position(|e| e.id == id))
            .unwrap_or(usize::MAX)
    };
    diagnostics.sort_by_key(|d| (d.primary.range.start, order(d)));
    let title = doc
        .title
        .clone()
        .or_else(|| doc.headings.first().map(|h| h.range.clone()))
        .map(|r| doc.text[r].trim().to_string());
    let suppressions = crate::suppress::from_comments(&doc.comments, &source);
    FileReport {
        suppressions,
        source,
        format,
        role: Role::Statement,
        language: judgement.language,
        title,
        elements,
        diagnostics,
        page: None,
    }
}

/// A finding of the shared vocabulary (PL001, PL002): the first place is the primary span,
/// the others secondary. `None` when it was found nowhere.
fn common_finding(
    f: &crate::rules::model::Finding,
    lang: Lang,
    places: &[Range<usize>],
    source_text: &str,
) -> Option<Diagnostic> {
    let (first, rest) = places.split_first()?;
    let text = source_text.get(first.clone()).unwrap_or("");
    let label = |range: &Range<usize>, message: String| Label {
        range: range.clone(),
        message,
        path: None,
        position: None,
    };
    Some(Diagnostic {
        code: f.code.value.clone(),
        name: f.name.clone(),
        severity: f.severity.unwrap_or(Severity::Warning),
        element: None,
        message: f.message.get(lang).to_string(),
        why: Text::owned(&f.why, lang),
        example: Text::owned(&f.example, lang),
        primary: label(first, Text::owned(&f.summary, lang)),
        secondary: rest.iter().map(|r| label(r, String::new())).collect(),
        evidence: crate::diagnostic::evidence_key(text),
    })
}

/// The finding that applies to a verdict.
fn finding_of<'r>(
    verdict: &Verdict,
    element: &'r crate::rules::CompiledElement,
) -> Option<&'r crate::rules::model::Finding> {
    let rule = &element.rule;
    match verdict.reason {
        Reason::Present => None,
        Reason::Missing => Some(&rule.missing),
        Reason::Placeholder => rule.placeholder.as_ref(),
        Reason::Vague(i) => rule.vague.get(i),
    }
}

/// Where a diagnostic about something missing points: the title or first heading, else the
/// first line of text.
fn missing_anchor(doc: &Document) -> Range<usize> {
    let range = doc
        .headings
        .iter()
        .find(|h| h.level > 0)
        .or(doc.headings.first())
        .map(|h| h.range.clone())
        .or_else(|| {
            let end = doc.text.find('\n').unwrap_or(doc.text.len());
            (end > 0).then_some(0..end)
        });
    match range {
        Some(r) => doc.source_range(r),
        None => 0..0,
    }
}
