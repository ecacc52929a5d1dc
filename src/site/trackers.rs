//! Third-party services recognised on pages, from the data file `rules/trackers.yaml`.

use serde::Deserialize;

/// One service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub provider: String,
    /// Sets cookies or tracks visitors.
    pub cookies: bool,
    /// Words a statement would use for it (any one counts as naming it).
    pub names: Vec<String>,
    /// Substrings of resource URLs.
    #[serde(default)]
    pub urls: Vec<String>,
    /// Substrings of inline scripts (case-sensitive).
    #[serde(default)]
    pub snippets: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackerFile {
    services: Vec<Service>,
}

/// The built-in tracker list.
pub const BUILTIN: &str = include_str!("../../rules/trackers.yaml");

/// Loads a tracker list.
pub fn load(text: &str) -> Result<Vec<Service>, String> {
    serde_saphyr::from_str::<TrackerFile>(text)
        .map(|f| f.services)
        .map_err(|e| {
            e.to_string()
                .lines()
                .next()
                .unwrap_or("invalid tracker file")
                .to_string()
        })
}

/// A service found on a page, with the source range of the URL or snippet that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub service: usize,
    pub range: std::ops::Range<usize>,
}

/// Finds services in a page's raw text with two automatons built once: URL substrings
/// (ASCII case-insensitive) and script snippets (exact). One pass over the bytes, no parsing.
#[derive(Debug, Clone)]
pub struct Detector {
    urls: aho_corasick::AhoCorasick,
    url_service: Vec<usize>,
    snippets: aho_corasick::AhoCorasick,
    snippet_service: Vec<usize>,
}

impl Detector {
    pub fn new(services: &[Service]) -> Result<Detector, String> {
        let mut urls = Vec::new();
        let mut url_service = Vec::new();
        let mut snippets = Vec::new();
        let mut snippet_service = Vec::new();
        for (i, s) in services.iter().enumerate() {
            for u in &s.urls {
                urls.push(u.to_lowercase());
                url_service.push(i);
            }
            for sn in &s.snippets {
                snippets.push(sn.clone());
                snippet_service.push(i);
            }
        }
        let build = |pats: &[String], ci: bool| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(ci)
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(pats)
                .map_err(|e| e.to_string())
        };
        Ok(Detector {
            urls: build(&urls, true)?,
            url_service,
            snippets: build(&snippets, false)?,
            snippet_service,
        })
    }

    /// The services a page uses, each once, at their first appearance, in order.
    pub fn detect(&self, text: &str) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut push = |service: usize, range: std::ops::Range<usize>| match found
            .iter_mut()
            .find(|f| f.service == service)
        {
            Some(f) if f.range.start > range.start => f.range = range,
            Some(_) => {}
            None => found.push(Found { service, range }),
        };
        for m in self.urls.find_overlapping_iter(text) {
            if loads_here(text, m.start()) {
                push(self.url_service[m.pattern().as_usize()], m.start()..m.end());
            }
        }
        for m in self.snippets.find_overlapping_iter(text) {
            if in_script(text, m.start()) {
                push(
                    self.snippet_service[m.pattern().as_usize()],
                    m.start()..m.end(),
                );
            }
        }
        found.sort_by_key(|f| f.range.start);
        found
    }
}

/// Tags whose URL the browser loads (a plain `<a href>` loads nothing until clicked).
const LOADING_TAGS: &[&str] = &[
    "script", "iframe", "img", "link", "embed", "source", "video", "audio", "object", "form",
    "frame",
];

fn window_start(text: &str, at: usize, size: usize) -> usize {
    let mut s = at.saturating_sub(size);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

/// Whether the URL at `at` is one the page loads: inside a loading tag, or in a script.
fn loads_here(text: &str, at: usize) -> bool {
    let start = window_start(text, at, 2048);
    let before = &text[start..at];
    if let Some(lt) = before.rfind('<') {
        // Inside a tag when no `>` closes it before the URL.
        if !before[lt..].contains('>') {
            let name: String = before[lt + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            return LOADING_TAGS.contains(&name.as_str());
        }
    }
    in_script(text, at)
}

/// Whether `at` lies inside a `<script>` element (within 256 KiB of its start).
fn in_script(text: &str, at: usize) -> bool {
    let start = window_start(text, at, 256 * 1024);
    let before = text[start..at].to_ascii_lowercase();
    match (before.rfind("<script"), before.rfind("</script")) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_has_at_least_forty_services_and_loads() {
        let s = load(BUILTIN).unwrap();
        assert!(s.len() >= 40, "{}", s.len());
        let mut ids: Vec<&str> = s.iter().map(|s| s.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), s.len(), "unique ids");
    }

    #[test]
    fn detects_gtag_and_gtm_in_raw_text() {
        let services = load(BUILTIN).unwrap();
        let detector = Detector::new(&services).unwrap();
        let page = r#"<script async src="https://www.GoogleTagManager.com/gtag/js?id=G-X"></script>
               <script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-ABC');</script>"#;
        let found = detector.detect(page);
        let ids: Vec<&str> = found
            .iter()
            .map(|f| services[f.service].id.as_str())
            .collect();
        assert_eq!(ids, vec!["google-analytics", "google-tag-manager"]);
        assert_eq!(
            &page[found[0].range.clone()],
            "GoogleTagManager.com/gtag/js"
        );
    }

    #[test]
    fn links_and_text_are_not_trackers() {
        let services = load(BUILTIN).unwrap();
        let detector = Detector::new(&services).unwrap();
        let page = r#"<a href="https://www.google.com/maps/place/x">Route</a>
            <p>We gebruiken geen google-analytics.com en geen fbq('init'.</p>
            <iframe src="https://www.google.com/maps/embed?pb=1"></iframe>"#;
        let found = detector.detect(page);
        let ids: Vec<&str> = found
            .iter()
            .map(|f| services[f.service].id.as_str())
            .collect();
        assert_eq!(ids, vec!["google-maps"]);
        assert!(page[found[0].range.start..].starts_with("google.com/maps/embed"));
    }
}
