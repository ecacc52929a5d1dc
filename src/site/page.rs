//! What a page of a site holds besides its text: forms and the fields they ask for,
//! embedded resources (scripts, iframes, images, stylesheets), inline scripts, and the
//! site's own address (canonical link, `og:url`). One html5gum pass over the source.

use std::collections::HashMap;
use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// One input of a form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    pub tag: String,
    pub kind: String,
    pub name: String,
    pub id: String,
    pub autocomplete: String,
    pub placeholder: String,
    pub label: String,
    pub hidden_honeypot: bool,
}

impl Field {
    /// Everything that names the field, lower-cased, for matching.
    pub fn words(&self) -> String {
        format!(
            "{} {} {} {} {} {}",
            self.kind, self.name, self.id, self.autocomplete, self.placeholder, self.label
        )
        .to_lowercase()
    }

    /// A short name for messages.
    pub fn display(&self) -> String {
        let label = self.label.trim();
        if !label.is_empty() && label.chars().count() <= 40 {
            return label.trim_end_matches([':', '*', ' ']).to_string();
        }
        if !self.placeholder.is_empty() && self.placeholder.chars().count() <= 40 {
            return self.placeholder.clone();
        }
        if !self.name.is_empty() {
            return self.name.clone();
        }
        self.kind.clone()
    }
}

/// A form, or a form-like embed (a Google Forms iframe, a HubSpot form script).
#[derive(Debug, Clone, Default)]
pub struct Form {
    /// The source range of the `<form>` start tag (or the embed's tag).
    pub tag: Range<usize>,
    /// The source range of the whole form, to its end tag.
    pub extent: Range<usize>,
    pub action: String,
    /// What kind of form service this is, if recognised (formspree, mailchimp, ...).
    pub service: Option<&'static str>,
    pub fields: Vec<Field>,
    /// `href`s of links inside the form.
    pub links: Vec<String>,
}

/// A URL the page loads or embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub url: String,
    pub tag: Range<usize>,
}

/// The machine side of a page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub forms: Vec<Form>,
    pub resources: Vec<Resource>,
    /// Inline script bodies with their source ranges.
    pub scripts: Vec<(Range<usize>, String)>,
    /// `<link rel=canonical>` or `og:url`.
    pub canonical: Option<String>,
    /// Every `href` on the page with the range of its tag.
    pub links: Vec<(String, Range<usize>)>,
    /// The text of `<title>` and of the first `<h1>`.
    pub title: String,
    pub h1: String,
}

fn attr(tag: &html5gum::StartTag<usize>, name: &str) -> String {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .unwrap_or_default()
}

fn has_attr(tag: &html5gum::StartTag<usize>, name: &str) -> bool {
    tag.attributes.contains_key(name.as_bytes())
}

/// What the head of a page says, found without a tag scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    pub title: String,
    pub h1: String,
    pub canonical: Option<String>,
}

pub use super::needles::NEEDLES;

static MARKER_AUTOMATON: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(NEEDLES)
            .ok()
    });

/// What one case-insensitive pass over a page's bytes finds: whether it has a form (or a
/// form embed), and where its title, first `<h1>` and canonical address are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markers {
    pub form: bool,
    title: Option<(usize, usize)>,
    h1: Option<(usize, usize)>,
    /// Positions of "canonical" and "og:url".
    addresses: Vec<usize>,
    /// `<script>` elements, start of the start tag to start of the end tag.
    pub scripts: Vec<std::ops::Range<usize>>,
    title_open: Option<usize>,
    h1_open: Option<usize>,
    script_open: Option<usize>,
}

impl Markers {
    /// One pass of the marker automaton alone (a site scan runs the combined pass of
    /// [`super::trackers::Detector::scan`] instead).
    pub fn find(src: &str) -> Markers {
        let mut m = Markers::default();
        if let Some(ac) = MARKER_AUTOMATON.as_ref() {
            for hit in ac.find_iter(src) {
                m.record(hit.pattern().as_usize(), hit.start());
            }
        }
        m.finish(src.len());
        m
    }

    /// Records a hit of needle `needle` (an index into [`NEEDLES`]) at `at`; hits come in order.
    pub fn record(&mut self, needle: usize, at: usize) {
        match needle {
            0..=2 => self.form = true,
            3 if self.title_open.is_none() => self.title_open = Some(at),
            4 => {
                if let (Some(o), None) = (self.title_open, self.title) {
                    self.title = Some((o, at));
                }
            }
            5 if self.h1_open.is_none() => self.h1_open = Some(at),
            6 => {
                if let (Some(o), None) = (self.h1_open, self.h1) {
                    self.h1 = Some((o, at));
                }
            }
            7 | 8 if self.addresses.len() < 8 => self.addresses.push(at),
            9 if self.script_open.is_none() => self.script_open = Some(at),
            10 => {
                if let Some(o) = self.script_open.take() {
                    self.scripts.push(o..at);
                }
            }
            _ => {}
        }
    }

    /// Closes what is still open at the end of the text.
    pub fn finish(&mut self, len: usize) {
        if self.title.is_none() {
            self.title = self.title_open.map(|o| (o, len));
        }
        if self.h1.is_none() {
            self.h1 = self.h1_open.map(|o| (o, len));
        }
        if let Some(o) = self.script_open.take() {
            self.scripts.push(o..len);
        }
    }

    /// Whether `at` lies inside a `<script>` element.
    pub fn in_script(&self, at: usize) -> bool {
        crate::ranges::inside(&self.scripts, at)
    }
}

/// The text of an element from its start tag at `open` to `close`, tags removed.
fn element_text(src: &str, open: usize, close: usize, name_len: usize) -> String {
    let after = src.as_bytes().get(open + name_len + 1).copied();
    if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
        return String::new();
    }
    let Some(gt) = src[open..close.max(open)].find('>').map(|i| open + i + 1) else {
        return String::new();
    };
    let end = close.min(gt + 2000).max(gt);
    let end = (gt..=end)
        .rev()
        .find(|&i| src.is_char_boundary(i))
        .unwrap_or(gt);
    let mut text = String::new();
    let mut in_tag = false;
    for c in src[gt..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = super::super::extract::html::extract(&text).text;
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Title, first `<h1>` and canonical address from the markers: enough to tell a statement
/// and the site's own host without tokenising the page.
pub fn quick_head(src: &str, markers: &Markers) -> Head {
    if looks_like_data(src) {
        return Head::default();
    }
    let tag_around = |at: usize| -> &str {
        let start = src[..at].rfind('<').unwrap_or(at);
        let end = src[at..].find('>').map(|i| at + i).unwrap_or(src.len());
        &src[start..end]
    };
    let mut canonical = None;
    for &at in &markers.addresses {
        let tag = tag_around(at);
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<link") && lower.contains("canonical") {
            canonical = attribute_value(tag, "href");
        } else if lower.starts_with("<meta") && lower.contains("og:url") {
            canonical = attribute_value(tag, "content");
        }
        if canonical.is_some() {
            break;
        }
    }
    Head {
        title: markers
            .title
            .map(|(o, c)| element_text(src, o, c, 5))
            .unwrap_or_default(),
        h1: markers
            .h1
            .map(|(o, c)| element_text(src, o, c, 2))
            .unwrap_or_default(),
        canonical,
    }
}

fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if from >= h.len() || n.is_empty() {
        return None;
    }
    h[from..]
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|i| i + from)
}

fn attribute_value(tag: &str, name: &str) -> Option<String> {
    let at = find_ci(tag, &format!("{name}="), 0)?;
    let rest = &tag[at + name.len() + 1..];
    let (quote, rest) = match rest.chars().next()? {
        q @ ('"' | '\'') => (Some(q), &rest[1..]),
        _ => (None, rest),
    };
    let end = match quote {
        Some(q) => rest.find(q)?,
        None => rest.find([' ', '>', '/']).unwrap_or(rest.len()),
    };
    Some(rest[..end].to_string())
}

/// True when the text is not markup at all (a JSON document saved as `.html`).
pub fn looks_like_data(src: &str) -> bool {
    let t = src.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{') || t.starts_with('[')
}

/// Scans a page's source.
pub fn scan(src: &str) -> Page {
    let mut page = Page::default();
    if looks_like_data(src) {
        return page;
    }
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut open_form: Option<Form> = None;
    let mut label_for: HashMap<String, String> = HashMap::new();
    let mut label: Option<(String, String, Vec<usize>)> = None; // (for, text, wrapped field indexes)
    let mut in_script: Option<(usize, String)> = None;
    let mut capture: Option<&'static str> = None;
    for token in Tokenizer::new_with_emitter(src, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let span = tag.span.start..tag.span.end;
                match name.as_str() {
                    "form" => {
                        if let Some(f) = open_form.take() {
                            page.forms.push(f);
                        }
                        let action = attr(&tag, "action");
                        let class = attr(&tag, "class").to_lowercase();
                        let service = form_service(
                            &action,
                            &class,
                            has_attr(&tag, "data-netlify") || has_attr(&tag, "netlify"),
                        );
                        open_form = Some(Form {
                            tag: span.clone(),
                            extent: span.start..span.end,
                            action,
                            service,
                            ..Form::default()
                        });
                    }
                    "input" | "select" | "textarea" => {
                        let kind = if name == "input" {
                            let t = attr(&tag, "type").to_lowercase();
                            if t.is_empty() {
                                "text".into()
                            } else {
                                t
                            }
                        } else {
                            name.clone()
                        };
                        let style = attr(&tag, "style").to_lowercase().replace(' ', "");
                        let field = Field {
                            tag: name.clone(),
                            kind,
                            name: attr(&tag, "name"),
                            id: attr(&tag, "id"),
                            autocomplete: attr(&tag, "autocomplete"),
                            placeholder: attr(&tag, "placeholder"),
                            label: attr(&tag, "aria-label"),
                            hidden_honeypot: style.contains("display:none")
                                || has_attr(&tag, "hidden")
                                || attr(&tag, "tabindex") == "-1"
                                || matches!(
                                    attr(&tag, "name").to_lowercase().as_str(),
                                    "_gotcha" | "_honey" | "honeypot" | "_honeypot" | "b_name"
                                ),
                        };
                        if let Some(f) = &mut open_form {
                            if let Some((_, _, wrapped)) = &mut label {
                                wrapped.push(f.fields.len());
                            }
                            f.fields.push(field);
                        }
                    }
                    "label" => label = Some((attr(&tag, "for"), String::new(), Vec::new())),
                    "title" if page.title.is_empty() => capture = Some("title"),
                    "h1" if page.h1.is_empty() => capture = Some("h1"),
                    "a" | "area" => {
                        let href = attr(&tag, "href");
                        if !href.is_empty() {
                            if let Some(f) = &mut open_form {
                                f.links.push(href.clone());
                            }
                            page.links.push((href, span.clone()));
                        }
                    }
                    "script" => {
                        let s = attr(&tag, "src");
                        if !s.is_empty() {
                            page.resources.push(Resource {
                                url: s,
                                tag: span.clone(),
                            });
                        } else if !tag.self_closing {
                            in_script = Some((span.end, String::new()));
                        }
                    }
                    "iframe" | "img" | "embed" | "source" | "video" | "audio" => {
                        for key in ["src", "data-src", "data-lazy-src"] {
                            let s = attr(&tag, key);
                            if !s.is_empty() {
                                if name == "iframe" && s.contains("docs.google.com/forms") {
                                    page.forms.push(Form {
                                        tag: span.clone(),
                                        extent: span.clone(),
                                        action: s.clone(),
                                        service: Some("google-forms"),
                                        fields: vec![Field {
                                            tag: "iframe".into(),
                                            kind: "embed".into(),
                                            label: "Google Forms".into(),
                                            ..Field::default()
                                        }],
                                        links: Vec::new(),
                                    });
                                }
                                page.resources.push(Resource {
                                    url: s,
                                    tag: span.clone(),
                                });
                            }
                        }
                    }
                    "link" => {
                        let rel = attr(&tag, "rel").to_lowercase();
                        let href = attr(&tag, "href");
                        if rel.split_whitespace().any(|r| r == "canonical")
                            && page.canonical.is_none()
                        {
                            page.canonical = Some(href.clone());
                        }
                        if !href.is_empty()
                            && (rel.contains("stylesheet")
                                || rel.contains("preconnect")
                                || rel.contains("dns-prefetch")
                                || rel.contains("preload"))
                        {
                            page.resources.push(Resource {
                                url: href,
                                tag: span.clone(),
                            });
                        }
                    }
                    "meta"
                        if attr(&tag, "property").eq_ignore_ascii_case("og:url")
                            && page.canonical.is_none() =>
                    {
                        let c = attr(&tag, "content");
                        if !c.is_empty() {
                            page.canonical = Some(c);
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if matches!(name.as_str(), "title" | "h1") {
                    capture = None;
                }
                match name.as_str() {
                    "form" => {
                        if let Some(mut f) = open_form.take() {
                            f.extent.end = tag.span.end;
                            page.forms.push(f);
                        }
                    }
                    "label" => {
                        if let Some((for_id, text, wrapped)) = label.take() {
                            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                            if let Some(f) = &mut open_form {
                                for i in wrapped {
                                    if let Some(field) = f.fields.get_mut(i) {
                                        if field.label.is_empty() {
                                            field.label = text.clone();
                                        }
                                    }
                                }
                            }
                            if !for_id.is_empty() {
                                label_for.insert(for_id, text);
                            }
                        }
                    }
                    "script" => {
                        if let Some((start, body)) = in_script.take() {
                            if hubspot_form(&body) {
                                page.forms.push(Form {
                                    tag: start..start,
                                    extent: start..tag.span.start,
                                    action: "hubspot".into(),
                                    service: Some("hubspot"),
                                    fields: vec![Field {
                                        tag: "script".into(),
                                        kind: "embed".into(),
                                        label: "HubSpot form".into(),
                                        ..Field::default()
                                    }],
                                    links: Vec::new(),
                                });
                            }
                            page.scripts.push((start..tag.span.start, body));
                        }
                    }
                    _ => {}
                }
            }
            Token::String(s) => {
                let text = String::from_utf8_lossy(&s.value);
                if let Some((_, body)) = &mut in_script {
                    body.push_str(&text);
                } else if let Some((_, t, _)) = &mut label {
                    t.push_str(&text);
                    t.push(' ');
                }
                match capture {
                    Some("title") if page.title.len() < 300 => page.title.push_str(&text),
                    Some("h1") if page.h1.len() < 300 => page.h1.push_str(&text),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if let Some((start, body)) = in_script.take() {
        page.scripts.push((start..src.len(), body));
    }
    if let Some(mut f) = open_form.take() {
        f.extent.end = src.len();
        page.forms.push(f);
    }
    // Labels given with `for=` after the field.
    for f in &mut page.forms {
        for field in &mut f.fields {
            if field.label.is_empty() {
                if let Some(l) = label_for.get(&field.id) {
                    field.label = l.clone();
                }
            }
        }
    }
    page.forms.sort_by_key(|f| f.tag.start);
    page
}

/// Every form service [`Form::service`] can name.
pub const FORM_SERVICES: &[&str] = &[
    "formspree",
    "mailchimp",
    "contact-form-7",
    "netlify",
    "hubspot",
    "google-forms",
];

fn form_service(action: &str, class: &str, netlify: bool) -> Option<&'static str> {
    let a = action.to_lowercase();
    if a.contains("formspree.io") {
        Some("formspree")
    } else if a.contains("list-manage.com") || class.contains("mc4wp") {
        Some("mailchimp")
    } else if class.contains("wpcf7") {
        Some("contact-form-7")
    } else if netlify {
        Some("netlify")
    } else if a.contains("hsforms") || a.contains("hubspot") {
        Some("hubspot")
    } else if a.contains("docs.google.com/forms") {
        Some("google-forms")
    } else {
        None
    }
}

fn hubspot_form(script: &str) -> bool {
    script.contains("hbspt.forms.create")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_service_is_listed() {
        let named = [
            form_service("https://formspree.io/f/x", "", false),
            form_service("https://x.list-manage.com/subscribe", "", false),
            form_service("", "wpcf7-form", false),
            form_service("", "", true),
            form_service("https://forms.hsforms.com/x", "", false),
            form_service("https://docs.google.com/forms/d/x", "", false),
        ];
        for n in named {
            assert!(n.is_some_and(|n| FORM_SERVICES.contains(&n)), "{n:?}");
        }
        assert_eq!(form_service("/contact", "", false), None);
    }

    #[test]
    fn forms_fields_and_labels() {
        let src = r#"<form action="https://formspree.io/f/x" method="post">
            <label for="n">Naam</label><input id="n" name="naam">
            <label>E-mail <input type="email" name="_replyto"></label>
            <input type="text" name="_gotcha" style="display:none">
            <a href="/privacy/">privacy</a>
            </form>"#;
        let p = scan(src);
        assert_eq!(p.forms.len(), 1);
        let f = &p.forms[0];
        assert_eq!(f.service, Some("formspree"));
        assert_eq!(f.fields.len(), 3);
        assert_eq!(f.fields[0].label, "Naam");
        assert_eq!(f.fields[1].kind, "email");
        assert!(f.fields[1].label.starts_with("E-mail"));
        assert!(f.fields[2].hidden_honeypot);
        assert_eq!(f.links, vec!["/privacy/".to_string()]);
        assert_eq!(
            &src[f.tag.clone()],
            r#"<form action="https://formspree.io/f/x" method="post">"#
        );
    }

    #[test]
    fn resources_scripts_canonical() {
        let src = r#"<head><link rel="canonical" href="https://x.nl/a/"><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
            <script>gtag('config', 'G-1');</script></head><body><iframe src="https://www.youtube.com/embed/1"></iframe></body>"#;
        let p = scan(src);
        assert_eq!(p.canonical.as_deref(), Some("https://x.nl/a/"));
        assert_eq!(p.resources.len(), 2);
        assert!(p.scripts[0].1.contains("gtag('config'"));
    }

    #[test]
    fn quick_head_finds_title_h1_canonical() {
        let src = "<html><head><TITLE>Privacy &amp; Bol</TITLE><link href=\"https://x.nl/p/\" rel=\"canonical\"></head><body><h1 class=a>Kop <b>één</b></h1><FORM>";
        let m = Markers::find(src);
        assert!(m.form);
        let h = quick_head(src, &m);
        assert_eq!(h.title, "Privacy & Bol");
        assert_eq!(h.h1, "Kop één");
        assert_eq!(h.canonical.as_deref(), Some("https://x.nl/p/"));
        assert_eq!(
            quick_head("<h1x>no</h1x>", &Markers::find("<h1x>no</h1x>")).h1,
            ""
        );
        assert!(!Markers::find("<p>geen formulier</p>").form);
    }

    #[test]
    fn json_saved_as_html_has_no_forms() {
        assert!(scan(r#"{"a": "<form action=x><input type=email>"}"#)
            .forms
            .is_empty());
    }
}
