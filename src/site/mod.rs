//! Scanning a whole website folder the way a regulator's sweep would: find the privacy
//! statement(s), check every page with a form that asks for personal data for a link to the
//! statement, and hold the trackers and cookies found on the pages against the statement.

pub mod links;
pub mod page;
pub mod trackers;
pub mod walk;

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{check_document, CheckOptions, FileReport, Role};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::Format;
use crate::report::FileError;
use crate::rules::{RuleSet, Severity};
use crate::source::Source;
use crate::Lang;

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
#[derive(Debug, Clone)]
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

static LIQUID_LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\]\((\{[{%][^)\n]{1,200}[}%]\}[^)\s]*)\)").expect("valid regex")
});

const TEMPLATE_DIRS: &[&str] = &[
    "_includes/",
    "_layouts/",
    "layouts/",
    "partials/",
    "includes/",
    "themes/",
    "_partials/",
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

/// A form as found in the first pass, before the statement's address is known.
struct FormFacts {
    form: page::Form,
    pos: crate::report::Position,
    personal: Vec<String>,
    /// Links inside the form or within [`NEAR`] bytes of it.
    near_hrefs: Vec<String>,
}

/// What the first pass keeps of a file: small facts, and the text only where a diagnostic may
/// need it (statements, pages with forms that ask for personal data).
struct FileData {
    rel: String,
    path: String,
    format: Format,
    language_hint: Option<Lang>,
    statement: bool,
    template: bool,
    url: String,
    title: String,
    canonical_host: Option<String>,
    /// Every link of the page, for pages with personal-data forms and for templates.
    hrefs: Vec<String>,
    forms: Vec<FormFacts>,
    trackers: Vec<TrackerInfo>,
    /// Statements keep their source for the second pass (boxed: most pages have none, and a
    /// `Source` inline would make every page's facts larger).
    source: Option<Box<Source>>,
    encoding: &'static str,
    /// `privlint-disable…` comments of a page (a statement's come from its extraction).
    suppressions: Vec<crate::suppress::Directive>,
}

/// How close a link must be to a form to count as "next to" it.
const NEAR: usize = 1500;

/// Scans a folder.
pub fn scan(
    root: &Path,
    rules: &RuleSet,
    services: &[trackers::Service],
    opts: &SiteOptions,
) -> (Vec<FileReport>, Vec<FileError>, SiteSummary) {
    let (paths, mut errors) = walk::walk(root, &opts.walk);
    let explicit: HashSet<PathBuf> = opts
        .statements
        .iter()
        .map(|p| {
            if p.is_absolute() {
                p.clone()
            } else {
                root.join(p)
            }
        })
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let detector = match trackers::Detector::new(services) {
        Ok(d) => d,
        Err(e) => {
            errors.push(FileError {
                path: "rules/trackers.yaml".into(),
                message: format!("rules/trackers.yaml: {e}"),
            });
            return (Vec::new(), errors, SiteSummary::default());
        }
    };
    // First pass, in parallel: every file is read, reduced to facts, and its text dropped.
    // Errors go aside as they happen, so only one vector of facts is ever built.
    let failed = std::sync::Mutex::new(Vec::new());
    let mut files: Vec<FileData> = paths
        .par_iter()
        .filter_map(|path| {
            let r = read_one(root, path, &explicit, services, &detector, opts);
            if let Some(tick) = opts.progress {
                tick();
            }
            match r {
                Ok(f) => Some(f),
                Err(e) => {
                    if let Ok(mut v) = failed.lock() {
                        v.push((path.clone(), e));
                    }
                    None
                }
            }
        })
        .collect();
    // Reported in path order whatever the thread that met them.
    let mut failed = failed.into_inner().unwrap_or_default();
    failed.sort_by(|a, b| a.0.cmp(&b.0));
    errors.extend(failed.into_iter().map(|(_, e)| e));
    let root_name = root
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut hosts: Vec<String> = opts.hosts.iter().map(|h| h.to_lowercase()).collect();
    if root_name.contains('.') {
        hosts.push(root_name.trim_end_matches(".github.io").to_string());
        hosts.push(root_name.clone());
    }
    for f in &files {
        if let Some(h) = &f.canonical_host {
            if !hosts.contains(h) {
                hosts.push(h.clone());
            }
        }
    }
    let site_tracks = files.iter().any(|f| f.trackers.iter().any(|t| t.cookies));
    let statement_keys: Vec<String> = files
        .iter()
        .filter(|f| f.statement)
        .flat_map(|f| [links::key(&f.url), links::key(&format!("/{}", f.rel))])
        .collect();
    let statement_urls: Vec<String> = {
        let mut v: Vec<String> = files
            .iter()
            .filter(|f| f.statement)
            .map(|f| f.url.clone())
            .collect();
        v.dedup();
        v
    };
    let links_to_statement = |href: &str, page_url: &str| -> bool {
        links::resolve(href, page_url, &hosts).is_some_and(|k| statement_keys.contains(&k))
    };
    // Links in layouts and includes are on every page built with them.
    let sitewide_link = files
        .iter()
        .filter(|f| f.template)
        .any(|f| f.hrefs.iter().any(|h| links_to_statement(h, &f.url)));

    let check_opts = CheckOptions {
        lang: opts.lang,
        site_tracks,
    };
    // Second pass: statements are judged, forms held against the statement's address.
    let mut reports: Vec<FileReport> = files
        .par_iter_mut()
        .map(|f| {
            let source = f.source.take().map(|b| *b);
            let mut report = match (f.statement, source) {
                (true, Some(source)) => {
                    let doc = crate::extract::extract(&source.text, f.format);
                    check_document(source, f.format, doc, rules, check_opts)
                }
                (_, source) => FileReport {
                    source: source.unwrap_or_else(|| Source::detached(&f.path, f.encoding)),
                    format: f.format,
                    role: Role::Page,
                    language: opts.lang.or(f.language_hint).unwrap_or(Lang::Nl),
                    title: Some(f.title.trim().to_string()).filter(|t| !t.is_empty()),
                    elements: Vec::new(),
                    diagnostics: Vec::new(),
                    page: None,
                    suppressions: std::mem::take(&mut f.suppressions),
                },
            };
            let lang = opts.lang.unwrap_or(report.language);
            let page_links = f.hrefs.iter().any(|h| links_to_statement(h, &f.url));
            let mut info = PageInfo {
                template: f.template,
                ..PageInfo::default()
            };
            for facts in &f.forms {
                let linked = page_links || sitewide_link || f.statement;
                let near = f.statement
                    || facts
                        .near_hrefs
                        .iter()
                        .any(|h| links_to_statement(h, &f.url));
                // No link on the page: PL020; a link, but not at the form: PL021.
                let complete = linked && near;
                if !facts.personal.is_empty() && !complete {
                    report.diagnostics.push(form_diagnostic(
                        &facts.form,
                        facts.pos,
                        &facts.personal,
                        &statement_urls,
                        lang,
                        linked,
                        &rules.common,
                    ));
                }
                info.forms.push(FormInfo {
                    tag: facts.form.tag.clone(),
                    pos: facts.pos,
                    personal: facts.personal.clone(),
                    service: facts.form.service,
                    links_to_statement: linked,
                    link_near_form: near,
                });
            }
            info.trackers = std::mem::take(&mut f.trackers);
            report.page = Some(info);
            report
        })
        .collect();

    // Providers of trackers the statements never name.
    let statements: Vec<usize> = (0..reports.len())
        .filter(|&i| reports[i].role == Role::Statement)
        .collect();
    // provider -> (file index, tracker index) of every use
    let mut by_provider: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (fi, r) in reports.iter().enumerate() {
        if let Some(p) = &r.page {
            for (ti, t) in p.trackers.iter().enumerate() {
                by_provider
                    .entry(t.provider.to_string())
                    .or_default()
                    .push((fi, ti));
            }
        }
    }
    for &si in &statements {
        let norm = crate::normalize::normalize(
            &crate::extract::extract(&reports[si].source.text, reports[si].format).text,
        )
        .text;
        let lang = opts.lang.unwrap_or(reports[si].language);
        for (provider, uses) in &by_provider {
            let named = uses.iter().any(|&(fi, ti)| {
                let id = &reports[fi]
                    .page
                    .as_ref()
                    .map(|p| p.trackers[ti].id.to_string())
                    .unwrap_or_default();
                services
                    .iter()
                    .filter(|s| *s.id == **id)
                    .flat_map(|s| &s.names)
                    .any(|n| contains_word(&norm, &crate::normalize::normalize_phrase(n)))
            });
            if named {
                continue;
            }
            let mut service_names: Vec<String> = uses
                .iter()
                .filter_map(|&(fi, ti)| {
                    reports[fi]
                        .page
                        .as_ref()
                        .map(|p| p.trackers[ti].name.to_string())
                })
                .collect();
            service_names.sort();
            service_names.dedup();
            let (fi, ti) = uses[0];
            let Some(t) = reports[fi].page.as_ref().map(|p| p.trackers[ti].clone()) else {
                continue;
            };
            let page_path = reports[fi].source.path.clone();
            let primary = reports[si]
                .elements
                .iter()
                .find(|e| e.id == "recipients")
                .and_then(|e| e.evidence.first().map(|(r, _)| r.clone()))
                .or_else(|| {
                    reports[si]
                        .diagnostics
                        .iter()
                        .find(|d| d.element.as_deref() == Some("recipients"))
                        .map(|d| d.primary.range.clone())
                })
                .unwrap_or(0..0);
            let pages: HashSet<usize> = uses.iter().map(|&(f, _)| f).collect();
            let names: Vec<&str> = service_names.iter().map(String::as_str).collect();
            reports[si].diagnostics.push(provider_diagnostic(
                provider,
                &names,
                pages.len(),
                primary,
                &page_path,
                t.range.clone(),
                t.pos,
                lang,
                &rules.common,
            ));
        }
    }
    // A site with no statement at all.
    if statements.is_empty() && !reports.is_empty() {
        let root_depth = root
            .to_string_lossy()
            .replace('\\', "/")
            .trim_end_matches('/')
            .matches('/')
            .count();
        let idx = reports
            .iter()
            .position(|r| {
                let p = r.source.path.replace('\\', "/");
                p.ends_with("/index.html") && p.matches('/').count() == root_depth + 1
            })
            .unwrap_or(0);
        let lang = opts.lang.unwrap_or(Lang::Nl);
        if reports[idx].source.is_detached() {
            if let Ok(s) = Source::read(
                Path::new(&reports[idx].source.path),
                &reports[idx].source.path,
                opts.max_file_size,
            ) {
                reports[idx].source = s;
            }
        }
        reports[idx].diagnostics.insert(
            0,
            no_statement_diagnostic(&root.display().to_string(), lang, &rules.common),
        );
    }
    for r in &mut reports {
        r.diagnostics.sort_by_key(|d| d.primary.range.start);
    }
    let summary = SiteSummary {
        root: root.display().to_string(),
        pages: reports.len(),
        statements: statements.len(),
        pages_with_forms: reports
            .iter()
            .filter(|r| {
                r.page
                    .as_ref()
                    .is_some_and(|p| p.forms.iter().any(|f| !f.personal.is_empty()))
            })
            .count(),
        pages_with_trackers: reports
            .iter()
            .filter(|r| {
                r.page
                    .as_ref()
                    .is_some_and(|p| p.trackers.iter().any(|t| t.cookies))
            })
            .count(),
    };
    (reports, errors, summary)
}

fn read_one(
    root: &Path,
    path: &Path,
    explicit: &HashSet<PathBuf>,
    services: &[trackers::Service],
    detector: &trackers::Detector,
    opts: &SiteOptions,
) -> Result<FileData, FileError> {
    let display = path.display().to_string();
    let source = Source::read(path, &display, opts.max_file_size).map_err(|e| FileError {
        path: display.clone(),
        message: e.to_string(),
    })?;
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let format = Format::from_path(&display);
    let text = source.text.as_str();
    let data = page::looks_like_data(text);
    let template = TEMPLATE_DIRS
        .iter()
        .any(|d| rel.starts_with(d) || rel.contains(&format!("/{d}")));
    let (markers, found) = detector.scan(text);
    let has_form = !data && markers.form;
    let head = page::quick_head(text, &markers);
    let mut page = if has_form || template {
        page::scan(text)
    } else {
        page::Page::default()
    };
    let (permalink, md_title) = if format == Format::Markdown {
        let permalink =
            front_matter_value(text, "permalink").or_else(|| front_matter_value(text, "url"));
        if has_form || template {
            let doc = crate::extract::extract(text, format);
            let title = doc
                .title
                .clone()
                .or_else(|| doc.headings.first().map(|h| h.range.clone()))
                .map(|r| doc.text[r].to_string());
            // Markdown links, with their source ranges, count like HTML links.
            page.links.extend(
                doc.links
                    .iter()
                    .map(|l| (l.href.clone(), doc.source_range(l.range.clone()))),
            );
            // `[text]({% link x.md %})`: Liquid runs before Markdown, so CommonMark never sees
            // these as links (their destination has spaces).
            page.links
                .extend(LIQUID_LINK.captures_iter(text).filter_map(|c| {
                    let m = c.get(1)?;
                    Some((m.as_str().to_string(), m.range()))
                }));
            (permalink, title)
        } else {
            // Without a form only the title matters: front matter, else the first `#` line.
            let title = front_matter_value(text, "title").or_else(|| {
                text.lines()
                    .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
            });
            (permalink, title)
        }
    } else {
        (None, None)
    };
    let is_explicit = path
        .canonicalize()
        .map(|c| explicit.contains(&c))
        .unwrap_or(false);
    let title_says = statement_by_title(&head.title)
        || statement_by_title(&head.h1)
        || md_title.as_deref().is_some_and(statement_by_title);
    let statement = !template
        && !data
        && (is_explicit || (explicit.is_empty() && (statement_by_path(&rel) || title_says)));
    let url = links::page_path(&rel, permalink.as_deref());
    let trackers: Vec<TrackerInfo> = if data {
        Vec::new()
    } else {
        found
            .into_iter()
            .map(|t| {
                let s = &services[t.service];
                TrackerInfo {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    provider: s.provider.clone(),
                    cookies: s.cookies,
                    pos: crate::report::Position::of(&source, &t.range),
                    range: t.range,
                }
            })
            .collect()
    };
    let forms: Vec<FormFacts> = page
        .forms
        .iter()
        .map(|form| {
            let mut near_hrefs = form.links.clone();
            near_hrefs.extend(
                page.links
                    .iter()
                    .filter(|(_, r)| {
                        r.start + NEAR >= form.extent.start && r.start <= form.extent.end + NEAR
                    })
                    .map(|(h, _)| h.clone()),
            );
            FormFacts {
                pos: crate::report::Position::of(&source, &form.tag),
                personal: personal_fields(form),
                near_hrefs,
                form: form.clone(),
            }
        })
        .collect();
    let personal_forms = forms.iter().any(|f| !f.personal.is_empty());
    // Only statements keep their text: everything a page's report needs was computed above.
    let hrefs: Vec<String> = if personal_forms || template {
        page.links.iter().map(|(h, _)| h.clone()).collect()
    } else {
        Vec::new()
    };
    let title = if head.title.is_empty() {
        md_title.unwrap_or_default()
    } else {
        head.title.clone()
    };
    let keep = statement;
    Ok(FileData {
        rel,
        path: display,
        format,
        language_hint: None,
        statement,
        template,
        url,
        title,
        canonical_host: head.canonical.as_deref().and_then(links::host_of),
        hrefs,
        forms,
        trackers,
        encoding: source.encoding,
        suppressions: if statement {
            Vec::new()
        } else {
            crate::suppress::scan_raw(text, &source)
        },
        source: keep.then(|| Box::new(source)),
    })
}

/// A value of the YAML front matter (`permalink: /privacy/`).
fn front_matter_value(src: &str, key: &str) -> Option<String> {
    // YAML (`---`, `key: value`) or TOML (`+++`, `key = "value"`).
    let (fence, sep) = if src.starts_with("+++") {
        ("+++", '=')
    } else {
        ("---", ':')
    };
    let body = src.strip_prefix(fence)?;
    let end = body.find(&format!("\n{fence}"))?;
    body[..end].lines().find_map(|l| {
        l.strip_prefix(key)
            .and_then(|r| r.trim_start().strip_prefix(sep))
            .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

const PERSONAL_WORDS: &[&str] = &[
    "naam",
    "name",
    "voornaam",
    "achternaam",
    "firstname",
    "first-name",
    "first_name",
    "lastname",
    "last-name",
    "last_name",
    "surname",
    "fullname",
    "e-mail",
    "email",
    "mail",
    "replyto",
    "telefoon",
    "phone",
    "tel",
    "mobiel",
    "mobile",
    "gsm",
    "adres",
    "address",
    "straat",
    "street",
    "huisnummer",
    "postcode",
    "zip",
    "postal",
    "woonplaats",
    "plaats",
    "city",
    "geboortedatum",
    "birth",
    "birthday",
    "dob",
    "bericht",
    "message",
    "opmerking",
    "comment",
    "vraag",
    "question",
    "iban",
    "bsn",
    "prenom",
    "nom",
    "numero",
    "bedrijf",
    "company",
    "organisation",
    "organisatie",
];

fn personal_fields(form: &page::Form) -> Vec<String> {
    let mut out = Vec::new();
    for f in &form.fields {
        if f.hidden_honeypot
            || matches!(
                f.kind.as_str(),
                "hidden"
                    | "submit"
                    | "button"
                    | "reset"
                    | "image"
                    | "search"
                    | "checkbox"
                    | "radio"
                    | "file"
                    | "range"
                    | "color"
            )
        {
            continue;
        }
        let words = f.words();
        let tokens: Vec<&str> = words
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '_')
            .filter(|t| !t.is_empty())
            .collect();
        let personal = matches!(f.kind.as_str(), "email" | "tel" | "embed")
            || tokens.iter().any(|t| {
                PERSONAL_WORDS.contains(t)
                    || PERSONAL_WORDS.iter().any(|w| {
                        w.len() >= 4
                            && (t.starts_with(w) || t.ends_with(w))
                            && !t.contains("newsletter")
                    })
            })
            || words.contains("your-")
                && (words.contains("name") || words.contains("email") || words.contains("message"));
        if personal {
            let d = f.display();
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before = s == 0 || !crate::normalize::is_word_byte(bytes[s - 1]);
        let after = e >= bytes.len() || !crate::normalize::is_word_byte(bytes[e]);
        if before && after {
            return true;
        }
        from = s + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// A site finding before its code, name, severity and "why" are looked up in `common.yaml`
/// (so a rule set can change them; the built-in defaults stand otherwise).
struct SiteFinding<'a> {
    key: &'a str,
    code: &'a str,
    severity: Severity,
    element: Option<String>,
    message: String,
    example: String,
    primary: Label,
    secondary: Vec<Label>,
    evidence: String,
}

impl SiteFinding<'_> {
    fn build(self, common: &crate::rules::model::Common, lang: Lang) -> Diagnostic {
        let (code, name, severity, why) = match common.findings.get(self.key) {
            Some(f) => (
                f.code.value.clone(),
                f.name.clone(),
                f.severity.unwrap_or(self.severity),
                crate::rules::model::Text::owned(&f.why, lang),
            ),
            None => (
                self.code.to_string(),
                self.key.to_string(),
                self.severity,
                String::new(),
            ),
        };
        Diagnostic {
            code,
            name,
            severity,
            element: self.element,
            message: self.message,
            why,
            example: self.example,
            primary: self.primary,
            secondary: self.secondary,
            evidence: self.evidence,
        }
    }
}

fn form_diagnostic(
    form: &page::Form,
    pos: crate::report::Position,
    personal: &[String],
    statements: &[String],
    lang: Lang,
    only_far: bool,
    common: &crate::rules::model::Common,
) -> Diagnostic {
    let fields = personal.join(", ");
    let target = if statements.is_empty() {
        match lang {
            Lang::Nl => "(geen privacyverklaring gevonden)".to_string(),
            Lang::En => "(no privacy statement found)".to_string(),
        }
    } else {
        statements.join(", ")
    };
    let (code, name, severity, message, label) = match (only_far, lang) {
        (false, Lang::Nl) => ("PL020", "form-without-privacy-link", Severity::Error,
            format!("dit formulier vraagt persoonsgegevens ({fields}), maar de pagina verwijst niet naar de privacyverklaring {target}"),
            "formulier zonder link naar de privacyverklaring".to_string()),
        (false, Lang::En) => ("PL020", "form-without-privacy-link", Severity::Error,
            format!("this form asks for personal data ({fields}) but the page does not link to the privacy statement {target}"),
            "form without a link to the privacy statement".to_string()),
        (true, Lang::Nl) => ("PL021", "privacy-link-not-near-form", Severity::Warning,
            format!("dit formulier vraagt persoonsgegevens ({fields}); de pagina verwijst wel naar de privacyverklaring, maar niet bij het formulier"),
            "zet de link bij het formulier".to_string()),
        (true, Lang::En) => ("PL021", "privacy-link-not-near-form", Severity::Warning,
            format!("this form asks for personal data ({fields}); the page links to the privacy statement, but not at the form"),
            "put the link at the form".to_string()),
    };
    let example = match lang {
        Lang::Nl => format!("<p>Lees in onze <a href=\"{}\">privacyverklaring</a> wat wij met uw gegevens doen.</p>", statements.first().map(String::as_str).unwrap_or("/privacyverklaring/")),
        Lang::En => format!("<p>Read our <a href=\"{}\">privacy statement</a> to see what we do with your data.</p>", statements.first().map(String::as_str).unwrap_or("/privacy/")),
    };
    SiteFinding {
        key: name,
        code,
        severity,
        element: None,
        message,
        example,
        primary: Label {
            range: form.tag.clone(),
            message: label,
            path: None,
            position: Some(pos),
        },
        secondary: Vec::new(),
        evidence: format!("form: {fields}"),
    }
    .build(common, lang)
}

#[allow(clippy::too_many_arguments)]
fn provider_diagnostic(
    provider: &str,
    services: &[&str],
    pages: usize,
    primary: Range<usize>,
    page_path: &str,
    at: Range<usize>,
    at_pos: crate::report::Position,
    lang: Lang,
    common: &crate::rules::model::Common,
) -> Diagnostic {
    let list = services.join(", ");
    let (message, example, label, other) = match lang {
        Lang::Nl => (
            format!("de site gebruikt {list} ({pages} {}), maar de privacyverklaring noemt {provider} nergens als ontvanger", if pages == 1 { "pagina" } else { "pagina's" }),
            format!("Wij gebruiken {list} van {provider}; daarbij gaan uw IP-adres en surfgedrag naar {provider}."),
            "ontvangers".to_string(),
            format!("{list} gevonden"),
        ),
        Lang::En => (
            format!("the site uses {list} ({pages} {}), but the privacy statement never names {provider} as a recipient", if pages == 1 { "page" } else { "pages" }),
            format!("We use {list} by {provider}; your IP address and browsing behaviour go to {provider}."),
            "recipients".to_string(),
            format!("{list} found here"),
        ),
    };
    SiteFinding {
        key: "tracker-provider-not-named",
        code: "PL030",
        severity: Severity::Warning,
        element: Some("recipients".into()),
        message,
        example,
        primary: Label {
            range: primary,
            message: label,
            path: None,
            position: None,
        },
        secondary: vec![Label {
            range: at,
            message: other,
            path: Some(page_path.to_string()),
            position: Some(at_pos),
        }],
        evidence: provider.to_string(),
    }
    .build(common, lang)
}

fn no_statement_diagnostic(
    root: &str,
    lang: Lang,
    common: &crate::rules::model::Common,
) -> Diagnostic {
    let (message, example, label) = match lang {
        Lang::Nl => (
            format!("in {root} is geen privacyverklaring gevonden"),
            "Maak een pagina /privacyverklaring/ met de titel \"Privacyverklaring <uw bedrijfsnaam>\", of wijs hem aan met --statement.".to_string(),
            "geen privacyverklaring op deze site".to_string(),
        ),
        Lang::En => (
            format!("no privacy statement found in {root}"),
            "Add a page /privacy/ titled \"Privacy statement <your company>\", or point at it with --statement.".to_string(),
            "no privacy statement on this site".to_string(),
        ),
    };
    SiteFinding {
        key: "site-without-statement",
        code: "PL010",
        severity: Severity::Error,
        element: None,
        message,
        example,
        primary: Label {
            range: 0..0,
            message: label,
            path: None,
            position: None,
        },
        secondary: Vec::new(),
        evidence: String::new(),
    }
    .build(common, lang)
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

    #[test]
    fn front_matter_permalinks() {
        assert_eq!(
            front_matter_value("---\ntitle: x\npermalink: /privacy/\n---\n", "permalink")
                .as_deref(),
            Some("/privacy/")
        );
        assert_eq!(
            front_matter_value("+++\nurl = \"/privacy/\"\n+++\n", "url").as_deref(),
            Some("/privacy/")
        );
        assert_eq!(front_matter_value("no front matter", "url"), None);
    }

    #[test]
    fn words_match_whole() {
        assert!(contains_word("wij gebruiken google analytics", "google"));
        assert!(!contains_word("googleplex", "google"));
    }
}
