//! The first look at one file of a site: read it, run the one pass of the marker and tracker
//! automaton, and reduce it to the facts the scan needs (title, address, links, forms that ask
//! for personal data, trackers, suppressions). Only a statement keeps its text.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    links, page, statement_by_path, statement_by_title, trackers, SiteOptions, TrackerInfo,
};
use crate::document::Format;
use crate::report::FileError;
use crate::source::Source;

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

/// A form as found in the first pass, before the statement's address is known.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FormFacts {
    /// The source range of the `<form>` start tag (or the embed's tag).
    pub tag: Range<usize>,
    pub service: ServiceName,
    pub pos: crate::report::Position,
    pub personal: Vec<String>,
    /// Links inside the form or within [`NEAR`] bytes of it.
    pub near_hrefs: Vec<String>,
}

/// What the first pass keeps of a file: small facts, and the text only for a statement. The
/// facts of a page go to the scan's temporary store; a statement's stay in memory with its
/// text.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct FileData {
    pub rel: String,
    pub path: String,
    pub format: Format,
    pub statement: bool,
    pub template: bool,
    pub url: String,
    pub title: String,
    pub canonical_host: Option<String>,
    /// Every link of the page, for pages with personal-data forms and for templates.
    pub hrefs: Vec<String>,
    pub forms: Vec<FormFacts>,
    pub trackers: Vec<TrackerInfo>,
    /// Statements keep their source for the second pass (boxed: most pages have none, and a
    /// `Source` inline would make every page's facts larger).
    #[serde(skip)]
    pub source: Option<Box<Source>>,
    pub encoding: EncodingName,
    /// `privlint-disable…` comments of a page (a statement's come from its extraction).
    pub suppressions: Vec<crate::suppress::Directive>,
}

/// How close a link must be to a form to count as "next to" it.
const NEAR: usize = 1500;

pub(crate) fn read_one(
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
    // Resolving a path costs a system call per folder in it: only when statements were named.
    let is_explicit = !explicit.is_empty()
        && path
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
                tag: form.tag.clone(),
                service: ServiceName(form.service),
                pos: crate::report::Position::of(&source, &form.tag),
                personal: personal_fields(form),
                near_hrefs,
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
        statement,
        template,
        url,
        title,
        canonical_host: head.canonical.as_deref().and_then(links::host_of),
        hrefs,
        forms,
        trackers,
        encoding: EncodingName(source.encoding),
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

/// A form service's name, stored as text and read back as the `'static` name [`page`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServiceName(pub Option<&'static str>);

impl Serialize for ServiceName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for ServiceName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name: Option<String> = Option::deserialize(d)?;
        Ok(ServiceName(name.and_then(|n| {
            page::FORM_SERVICES.iter().copied().find(|s| *s == n)
        })))
    }
}

/// An encoding's name, stored as text and read back as `encoding_rs`'s own `'static` name.
/// (A newtype: serde would take a bare `&'static str` field as borrowed from the input.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EncodingName(pub &'static str);

impl Serialize for EncodingName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for EncodingName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        encoding_rs::Encoding::for_label(name.as_bytes())
            .map(|e| EncodingName(e.name()))
            .ok_or_else(|| serde::de::Error::custom(format!("unknown encoding {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn facts_survive_the_temporary_store() {
        let form = FormFacts {
            tag: 3..40,
            service: ServiceName(Some("formspree")),
            pos: crate::report::Position {
                start: 3,
                end: 41,
                line: 1,
                column: 4,
                end_line: 1,
                end_column: 41,
            },
            personal: vec!["Naam".into()],
            near_hrefs: vec!["/privacy/".into()],
        };
        let text = serde_json::to_string(&form).expect("serialise");
        let back: FormFacts = serde_json::from_str(&text).expect("read back");
        assert_eq!(back.service.0, Some("formspree"));
        assert_eq!(back.tag, 3..40);
        assert_eq!(back.pos, form.pos);
        let enc: EncodingName = serde_json::from_str("\"windows-1252\"").expect("encoding");
        assert_eq!(enc.0, encoding_rs::WINDOWS_1252.name());
    }
}
