//! Inline suppressions in HTML and Markdown comments, for the finding a team has decided to
//! live with, next to the text it is about:
//!
//! ```html
//! <!-- privlint-disable-file retention -->
//! <!-- privlint-disable PL402 --> … <!-- privlint-enable PL402 -->
//! <!-- privlint-disable-next-line PL020 -->
//! ```
//!
//! A directive names codes (`PL502`), rule names (`retention-no-reason`) or element ids
//! (`retention`), separated by spaces or commas; with none it covers every finding. A
//! directive (or one of its names) that suppresses nothing is itself reported (PL003), as
//! ruff's RUF100 does, so stale suppressions do not pile up.

use std::ops::Range;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Label};
use crate::report::Position;
use crate::rules::model::{Finding, Text};
use crate::rules::Severity;
use crate::settings::selects;
use crate::source::Source;
use crate::Lang;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// From here to the matching `privlint-enable` (or the end of the file).
    Disable,
    Enable,
    /// The line after the comment.
    NextLine,
    /// The whole file.
    File,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Directive {
    pub kind: Kind,
    /// Codes, rule names or element ids; empty for all.
    pub selectors: Vec<String>,
    /// The comment in the decoded source.
    pub range: Range<usize>,
    /// Where the comment is, computed while the text was at hand.
    pub position: Position,
}

/// The directive in a comment's text, if it holds one.
pub fn parse_comment(text: &str) -> Option<(Kind, Vec<String>)> {
    let text = text.trim();
    let rest = text.strip_prefix("privlint-")?;
    let (kind, rest) = [
        ("disable-next-line", Kind::NextLine),
        ("disable-file", Kind::File),
        ("disable", Kind::Disable),
        ("enable", Kind::Enable),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        rest.strip_prefix(word)
            .filter(|r| r.is_empty() || r.starts_with([' ', '\t', '\n', '\r', ',', ':']))
            .map(|r| (kind, r))
    })?;
    // Anything after ` -- ` is a reason for people, not a name.
    let names = rest.split(" -- ").next().unwrap_or("");
    let selectors = names
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, selectors))
}

/// The directives among a document's comments.
pub fn from_comments(comments: &[crate::document::Comment], source: &Source) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|c| {
            let (kind, selectors) = parse_comment(&c.text)?;
            Some(Directive {
                kind,
                selectors,
                range: c.source.clone(),
                position: Position::of(source, &c.source),
            })
        })
        .collect()
}

/// The directives in raw HTML (pages of a site scan, which are not fully extracted): every
/// `<!-- … -->` that starts with `privlint-`.
pub fn scan_raw(text: &str, source: &Source) -> Vec<Directive> {
    let mut out = Vec::new();
    if !text.contains("privlint-") {
        return out;
    }
    let mut at = 0;
    while let Some(open) = text[at..].find("<!--") {
        let start = at + open;
        let body = start + 4;
        let Some(close) = text[body..].find("-->") else {
            break;
        };
        let end = body + close + 3;
        if let Some((kind, selectors)) = parse_comment(&text[body..body + close]) {
            out.push(Directive {
                kind,
                selectors,
                range: start..end,
                position: Position::of(source, &(start..end)),
            });
        }
        at = end;
    }
    out
}

fn covers(selectors: &[String], d: &Diagnostic) -> Option<usize> {
    if selectors.is_empty() {
        return Some(usize::MAX);
    }
    selectors.iter().position(|s| selects(s, d))
}

/// Drops the findings a file's directives suppress, and reports each directive (or name in
/// it) that suppressed nothing with `unused` (the PL003 finding of `common.yaml`).
pub fn apply(f: &mut FileReport, unused: Option<&Finding>, lang: Lang) {
    if f.suppressions.is_empty() {
        return;
    }
    let directives = std::mem::take(&mut f.suppressions);
    // Regions: a disable runs to the first later enable that names one of its names (or names
    // none), else to the end of the file.
    let region_end = |i: usize| -> usize {
        let d = &directives[i];
        directives[i + 1..]
            .iter()
            .find(|e| {
                e.kind == Kind::Enable
                    && (e.selectors.is_empty()
                        || d.selectors.is_empty()
                        || e.selectors.iter().any(|s| d.selectors.contains(s)))
            })
            .map(|e| e.range.start)
            .unwrap_or(usize::MAX)
    };
    let ends: Vec<usize> = (0..directives.len()).map(region_end).collect();
    // used[i][j]: name j of directive i (or the directive, when it names none) suppressed a
    // finding.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.selectors.len().max(1)])
        .collect();
    let mut kept = Vec::new();
    for d in std::mem::take(&mut f.diagnostics) {
        let line = d.primary.position_in(&f.source).line;
        let at = d.primary.range.start;
        let mut suppressed = false;
        for (i, dir) in directives.iter().enumerate() {
            let applies = match dir.kind {
                Kind::File => true,
                Kind::NextLine => line == dir.position.end_line + 1,
                Kind::Disable => at >= dir.range.end && at < ends[i],
                Kind::Enable => false,
            };
            if !applies {
                continue;
            }
            if let Some(j) = covers(&dir.selectors, &d) {
                let slot = j.min(used[i].len() - 1);
                used[i][slot] = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(d);
        }
    }
    f.diagnostics = kept;
    let Some(finding) = unused else {
        return;
    };
    for (i, dir) in directives.iter().enumerate() {
        if dir.kind == Kind::Enable {
            continue;
        }
        let names: Vec<String> = if dir.selectors.is_empty() {
            vec![String::new()]
        } else {
            dir.selectors.clone()
        };
        for (j, name) in names.iter().enumerate() {
            if used[i][j] {
                continue;
            }
            let what = if name.is_empty() {
                match lang {
                    Lang::Nl => "deze uitzondering onderdrukt niets".to_string(),
                    Lang::En => "this suppression suppresses nothing".to_string(),
                }
            } else {
                match lang {
                    Lang::Nl => format!("`{name}` in deze uitzondering onderdrukt niets"),
                    Lang::En => format!("`{name}` in this suppression suppresses nothing"),
                }
            };
            f.diagnostics.push(Diagnostic {
                code: finding.code.value.clone(),
                name: finding.name.clone(),
                severity: finding.severity.unwrap_or(Severity::Warning),
                element: None,
                message: what,
                why: Text::owned(&finding.why, lang),
                example: Text::owned(&finding.example, lang),
                primary: Label {
                    range: dir.range.clone(),
                    message: Text::owned(&finding.summary, lang),
                    path: None,
                    position: Some(dir.position),
                },
                secondary: Vec::new(),
                evidence: format!("{:?} {name}", dir.kind),
            });
        }
    }
    f.diagnostics.sort_by_key(|d| d.primary.range.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse() {
        assert_eq!(
            parse_comment(" privlint-disable-file retention, PL402 "),
            Some((Kind::File, vec!["retention".into(), "PL402".into()]))
        );
        assert_eq!(
            parse_comment("privlint-disable-next-line PL020 -- the form posts nothing"),
            Some((Kind::NextLine, vec!["PL020".into()]))
        );
        assert_eq!(
            parse_comment("privlint-enable"),
            Some((Kind::Enable, vec![]))
        );
        assert_eq!(parse_comment("privlint-disabled PL1"), None);
        assert_eq!(parse_comment("just a comment"), None);
    }
}
