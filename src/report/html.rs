//! The HTML report: one self-contained page for a person. For each statement, the checklist
//! of elements with their status and a colour, the statement's visible text with each
//! element's evidence highlighted in that colour, and each finding beside the paragraph it is
//! about, with why the law asks for it and wording that would satisfy it. For a site scan,
//! the pages with forms and trackers.
//!
//! No network, no external assets and no script: a Content-Security-Policy forbids both, and
//! every piece of statement text goes through [`esc`], so a statement holding `<script>` or
//! an `onerror=` attribute shows that text and runs nothing.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use super::{counted, Run};
use crate::check::{FileReport, Role};
use crate::diagnostic::Diagnostic;
use crate::judge::Status;
use crate::rules::{RuleSet, Severity};
use crate::Lang;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

struct Words {
    title: &'static str,
    checklist: &'static str,
    text: &'static str,
    missing_here: &'static str,
    why: &'static str,
    example: &'static str,
    present: &'static str,
    vague: &'static str,
    missing: &'static str,
    site: &'static str,
    forms: &'static str,
    trackers: &'static str,
    page: &'static str,
    fields: &'static str,
    link: &'static str,
    none: &'static str,
    service: &'static str,
    unreadable: &'static str,
    legend: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            title: "privlint-rapport",
            checklist: "De onderdelen",
            text: "De tekst, met wat privlint vond",
            missing_here: "Ontbreekt in de hele tekst",
            why: "Waarom",
            example: "Zo kan het",
            present: "aanwezig",
            vague: "vaag",
            missing: "ontbreekt",
            site: "Site",
            forms: "Pagina's met formulieren voor persoonsgegevens",
            trackers: "Pagina's met trackers en diensten van derden",
            page: "Pagina",
            fields: "Vraagt",
            link: "Link naar de privacyverklaring",
            none: "geen",
            service: "Dienst (aanbieder)",
            unreadable: "Niet gecontroleerd",
            legend: "De gekleurde woorden zijn het bewijs dat privlint voor een onderdeel vond.",
        },
        Lang::En => Words {
            title: "privlint report",
            checklist: "The elements",
            text: "The text, with what privlint found",
            missing_here: "Missing from the whole text",
            why: "Why",
            example: "For example",
            present: "present",
            vague: "vague",
            missing: "missing",
            site: "Site",
            forms: "Pages with forms asking for personal data",
            trackers: "Pages with trackers and third-party services",
            page: "Page",
            fields: "Asks for",
            link: "Link to the privacy statement",
            none: "none",
            service: "Service (provider)",
            unreadable: "Not checked",
            legend: "Coloured words are the evidence privlint found for an element.",
        },
    }
}

const STYLE: &str = r#"
:root{--ink:#1d2430;--muted:#5b6472;--line:#dde2ea;--bg:#f6f7f9;--card:#fff;--err:#b3261e;--warn:#8a5a00;--ok:#1f7a3a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#16324f;color:#fff;padding:20px 24px}
header.top h1{margin:0;font-size:22px}
header.top p{margin:4px 0 0;opacity:.85}
main{max-width:1180px;margin:0 auto;padding:16px}
section.file{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:18px 0;padding:18px 22px}
section.file h2{margin:0 0 2px;font-size:20px;overflow-wrap:anywhere}
.path{color:var(--muted);font:13px ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
h3{font-size:16px;margin:22px 0 8px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px;border:1px solid rgba(0,0,0,.15)}
.status{display:inline-block;min-width:82px;padding:1px 8px;border-radius:99px;font-size:13px;font-weight:600;text-align:center}
.status.present{background:#e3f4e8;color:var(--ok)}
.status.vague{background:#fff1d6;color:var(--warn)}
.status.missing{background:#fde4e2;color:var(--err)}
.summary{color:var(--muted);overflow-wrap:anywhere}
.statement{display:flow-root}
.statement p{margin:0 0 10px;white-space:pre-wrap;overflow-wrap:anywhere}
.statement .h{font-weight:700;font-size:17px;margin-top:18px}
mark{border-radius:3px;padding:0 1px;color:inherit}
.finding{float:right;clear:right;width:42%;margin:0 0 12px 18px;border:1px solid var(--line);border-left:5px solid var(--warn);border-radius:8px;padding:10px 12px;background:#fffdf7;font-size:14px}
.finding.error{border-left-color:var(--err);background:#fff8f7}
.finding .code{font:600 12px ui-monospace,Menlo,monospace;color:var(--muted)}
.finding .msg{font-weight:600;margin:2px 0 6px}
.finding .why,.finding .ex{margin:4px 0}
.finding .ex{font-style:italic}
.finding .label{font-weight:600;font-style:normal}
.missing-list .finding{float:none;width:auto;margin:0 0 10px}
.legend{color:var(--muted);font-size:14px}
.errors li{color:var(--err)}
footer{color:var(--muted);font-size:13px;text-align:center;padding:18px}
@media (max-width:760px){
 main{padding:8px}
 section.file{padding:14px}
 .finding{float:none;width:auto;margin:8px 0 12px}
 td,th{padding:5px 4px}
 .status{min-width:0}
 .checklist tr{display:grid;grid-template-columns:1fr auto;border-bottom:1px solid var(--line)}
 .checklist td{border:0}
 .checklist td.summary{grid-column:1/3;padding-top:0}
}
"#;

/// Eleven light colours that stay apart from each other; further elements (the gdpr
/// profile) step around the colour wheel.
const PALETTE: [&str; 11] = [
    "#fde2a7", "#b8f0ec", "#f7c6e0", "#d4f5a8", "#c3cdfa", "#ffc4b8", "#a8e6c0", "#e2cbfa",
    "#fff3a0", "#b5dcff", "#f0d0b0",
];

fn colour(i: usize) -> String {
    match PALETTE.get(i) {
        Some(c) => (*c).to_string(),
        None => format!("hsl({} 75% 84%)", (i * 137 + 20) % 360),
    }
}

fn status_word(s: Status, w: &Words) -> &'static str {
    match s {
        Status::Present => w.present,
        Status::Vague => w.vague,
        Status::Missing => w.missing,
    }
}

/// Renders the run as one HTML page.
pub fn render(run: &Run, rules: &RuleSet, lang: Option<Lang>) -> String {
    let page_lang = lang
        .or_else(|| run.files.first().map(|f| f.language))
        .unwrap_or(Lang::Nl);
    let w = words(page_lang);
    let index: HashMap<&str, usize> = rules
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut css = String::from(STYLE);
    for i in 0..rules.elements.len() {
        let _ = writeln!(css, ".e{i}{{background:{}}}", colour(i));
    }
    let (errors, warnings, _) = run.counts();
    let statements = run
        .files
        .iter()
        .filter(|f| f.role == Role::Statement)
        .count();
    let mut out = String::new();
    let _ = writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{css}</style>\n</head>\n<body>",
        page_lang.as_str(),
        esc(w.title)
    );
    let _ = writeln!(
        out,
        "<header class=\"top\"><h1>{}</h1><p id=\"totals\">{}</p></header>\n<main>",
        esc(w.title),
        esc(&totals(run, statements, errors, warnings, page_lang))
    );
    for f in run.files.iter().filter(|f| f.role == Role::Statement) {
        statement(&mut out, f, rules, &index, lang.unwrap_or(f.language));
    }
    site(&mut out, run, &w);
    if !run.errors.is_empty() {
        let _ = write!(
            out,
            "<section class=\"file errors\"><h2>{}</h2><ul>",
            esc(w.unreadable)
        );
        for e in &run.errors {
            let _ = write!(out, "<li>{}</li>", esc(&e.message));
        }
        out.push_str("</ul></section>\n");
    }
    let _ = writeln!(
        out,
        "</main>\n<footer>privlint {}</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn totals(run: &Run, statements: usize, errors: usize, warnings: usize, lang: Lang) -> String {
    let pages = run.files.len() - statements;
    // Only the words differ by language.
    let [statement, page, error, warning] = match lang {
        Lang::Nl => [
            ("privacyverklaring", "privacyverklaringen"),
            ("andere pagina", "andere pagina's"),
            ("fout", "fouten"),
            ("waarschuwing", "waarschuwingen"),
        ],
        Lang::En => [
            ("privacy statement", "privacy statements"),
            ("other page", "other pages"),
            ("error", "errors"),
            ("warning", "warnings"),
        ],
    };
    format!(
        "{}, {} — {}, {}",
        counted(statements, statement.0, statement.1),
        counted(pages, page.0, page.1),
        counted(errors, error.0, error.1),
        counted(warnings, warning.0, warning.1),
    )
}

fn finding_card(out: &mut String, d: &Diagnostic, w: &Words, line: Option<usize>) {
    let class = match d.severity {
        Severity::Error => "finding error",
        _ => "finding",
    };
    let at = line.map(|l| format!(" · {l}")).unwrap_or_default();
    let _ = write!(
        out,
        "<aside class=\"{class}\" data-code=\"{}\"><div class=\"code\">{} {}{}</div><div class=\"msg\">{}</div>",
        esc(&d.code),
        esc(&d.code),
        esc(&d.name),
        esc(&at),
        esc(&d.message)
    );
    if !d.why.is_empty() {
        let _ = write!(
            out,
            "<p class=\"why\"><span class=\"label\">{}:</span> {}</p>",
            esc(w.why),
            esc(&d.why)
        );
    }
    if !d.example.is_empty() {
        let _ = write!(
            out,
            "<p class=\"ex\"><span class=\"label\">{}:</span> “{}”</p>",
            esc(w.example),
            esc(&d.example)
        );
    }
    out.push_str("</aside>\n");
}

fn statement(
    out: &mut String,
    f: &FileReport,
    rules: &RuleSet,
    index: &HashMap<&str, usize>,
    lang: Lang,
) {
    let w = words(lang);
    let title = f.title.clone().unwrap_or_else(|| f.source.path.clone());
    let _ = writeln!(
        out,
        "<section class=\"file\" data-path=\"{}\"><h2>{}</h2><div class=\"path\">{} · {}</div>",
        esc(&f.source.path),
        esc(&title),
        esc(&f.source.path),
        f.language.as_str()
    );
    // The checklist.
    let _ = writeln!(
        out,
        "<h3>{}</h3><table class=\"checklist\"><tbody>",
        esc(w.checklist)
    );
    for e in &f.elements {
        let i = index.get(e.id.as_str()).copied().unwrap_or(0);
        let name = rules
            .element(&e.id)
            .map(|c| c.rule.name.get(lang).to_string())
            .unwrap_or_else(|| e.id.clone());
        let status = e.status.as_str();
        let _ = writeln!(
            out,
            "<tr data-element=\"{}\"><td><span class=\"swatch e{i}\"></span>{}</td><td><span class=\"status {status}\">{}</span></td><td class=\"summary\">{}</td></tr>",
            esc(&e.id),
            esc(&name),
            esc(status_word(e.status, &w)),
            esc(&e.summary)
        );
    }
    out.push_str("</tbody></table>\n");
    // The text, with highlights and findings.
    let doc = crate::extract::extract(&f.source.text, f.format);
    let mut marks: Vec<(Range<usize>, usize)> = Vec::new();
    for e in &f.elements {
        let i = index.get(e.id.as_str()).copied().unwrap_or(0);
        for (range, _) in &e.evidence {
            marks.push((range.clone(), i));
        }
    }
    let missing: Vec<&Diagnostic> = f
        .diagnostics
        .iter()
        .filter(|d| {
            d.element.as_ref().is_some_and(|id| {
                f.elements
                    .iter()
                    .any(|e| &e.id == id && e.status == Status::Missing)
            })
        })
        .collect();
    let mut placed: HashMap<usize, Vec<&Diagnostic>> = HashMap::new();
    for d in f.diagnostics.iter().filter(|d| !missing.contains(d)) {
        let at = doc.text_offset_of(&d.primary.range).unwrap_or(0);
        let block_start = doc.text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        placed.entry(block_start).or_default().push(d);
    }
    let _ = writeln!(
        out,
        "<h3>{}</h3><p class=\"legend\">{}</p>",
        esc(w.text),
        esc(w.legend)
    );
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "<div class=\"missing-list\"><h3>{}</h3>",
            esc(w.missing_here)
        );
        for d in &missing {
            finding_card(out, d, &w, None);
        }
        out.push_str("</div>\n");
    }
    out.push_str("<div class=\"statement\">\n");
    let mut start = 0;
    for block in doc.text.split_inclusive('\n') {
        let range = start..start + block.len();
        start = range.end;
        let is_heading = doc
            .headings
            .iter()
            .any(|h| h.level > 0 && h.range.start >= range.start && h.range.start < range.end);
        if let Some(ds) = placed.get(&range.start) {
            for d in ds {
                let line = d.primary.position_in(&f.source).line;
                finding_card(out, d, &w, Some(line));
            }
        }
        // The page title is already the section's heading.
        let is_title = doc
            .title
            .as_ref()
            .is_some_and(|t| t.start >= range.start && t.start < range.end);
        if block.trim().is_empty() || is_title {
            continue;
        }
        out.push_str(if is_heading { "<p class=\"h\">" } else { "<p>" });
        highlighted(out, &doc, range, &marks, rules, lang);
        out.push_str("</p>\n");
    }
    out.push_str("</div></section>\n");
}

/// Writes a block of text with each evidence character inside `<mark class="eN">`.
fn highlighted(
    out: &mut String,
    doc: &crate::document::Document,
    range: Range<usize>,
    marks: &[(Range<usize>, usize)],
    rules: &RuleSet,
    lang: Lang,
) {
    let text = doc.text[range.clone()].trim_end_matches('\n');
    let mut open: Option<usize> = None;
    for (offset, c) in text.char_indices() {
        let at = range.start + offset;
        let mark = doc.source_start(at).and_then(|s| {
            marks
                .iter()
                .find(|(r, _)| r.start <= s && s < r.end)
                .map(|&(_, i)| i)
        });
        if mark != open {
            if open.is_some() {
                out.push_str("</mark>");
            }
            if let Some(i) = mark {
                let name = rules
                    .elements
                    .get(i)
                    .map(|e| e.rule.name.get(lang))
                    .unwrap_or("");
                let _ = write!(out, "<mark class=\"e{i}\" title=\"{}\">", esc(name));
            }
            open = mark;
        }
        let mut buf = [0u8; 4];
        out.push_str(&esc(c.encode_utf8(&mut buf)));
    }
    if open.is_some() {
        out.push_str("</mark>");
    }
}

fn site(out: &mut String, run: &Run, w: &Words) {
    let pages: Vec<&FileReport> = run
        .files
        .iter()
        .filter(|f| f.page.is_some() && f.role == Role::Page)
        .collect();
    if run.sites.is_empty() {
        return;
    }
    for s in &run.sites {
        let _ = writeln!(
            out,
            "<section class=\"file site\"><h2>{}: {}</h2>",
            esc(w.site),
            esc(&s.root)
        );
        // Site-level findings (no statement) sit on a page; show them here.
        let site_findings: Vec<&Diagnostic> = pages
            .iter()
            .flat_map(|f| f.diagnostics.iter())
            .filter(|d| d.code == "PL010")
            .collect();
        for d in site_findings {
            finding_card(out, d, w, None);
        }
        let _ = writeln!(
            out,
            "<h3>{}</h3><table class=\"forms\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(w.forms),
            esc(w.page),
            esc(w.fields),
            esc(w.link)
        );
        let mut any = false;
        for f in pages.iter().filter(|f| f.source.path.starts_with(&s.root)) {
            let Some(info) = &f.page else { continue };
            for form in info.forms.iter().filter(|x| !x.personal.is_empty()) {
                any = true;
                let finding = f.diagnostics.iter().find(|d| {
                    (d.code == "PL020" || d.code == "PL021") && d.primary.range == form.tag
                });
                let cell = match finding {
                    Some(d) => format!(
                        "<span class=\"status {}\">{}</span> {}",
                        if d.severity == Severity::Error {
                            "missing"
                        } else {
                            "vague"
                        },
                        esc(&d.code),
                        esc(&d.message)
                    ),
                    None => "<span class=\"status present\">✓</span>".to_string(),
                };
                let _ = writeln!(
                    out,
                    "<tr><td class=\"path\">{}:{}</td><td>{}</td><td>{cell}</td></tr>",
                    esc(&f.source.path),
                    form.pos.line,
                    esc(&form.personal.join(", "))
                );
            }
        }
        if !any {
            let _ = write!(out, "<tr><td colspan=\"3\">{}</td></tr>", esc(w.none));
        }
        out.push_str("</tbody></table>\n");
        let _ = writeln!(
            out,
            "<h3>{}</h3><table class=\"trackers\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(w.trackers),
            esc(w.page),
            esc(w.service)
        );
        let mut any = false;
        for f in pages.iter().filter(|f| f.source.path.starts_with(&s.root)) {
            let Some(info) = &f.page else { continue };
            if info.trackers.is_empty() {
                continue;
            }
            any = true;
            let names: Vec<String> = info
                .trackers
                .iter()
                .map(|t| format!("{} ({})", t.name, t.provider))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td class=\"path\">{}</td><td>{}</td></tr>",
                esc(&f.source.path),
                esc(&names.join(", "))
            );
        }
        if !any {
            let _ = write!(out, "<tr><td colspan=\"2\">{}</td></tr>", esc(w.none));
        }
        out.push_str("</tbody></table></section>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc("<img src=x onerror=\"alert('x')\"> & \u{7}"),
            "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; \u{FFFD}"
        );
    }
}
