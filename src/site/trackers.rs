//! Third-party services recognised on pages, from the data file `rules/trackers.yaml`.

use serde::Deserialize;

/// One service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Shared (`Arc`) with every page report that names the service.
    pub id: std::sync::Arc<str>,
    pub name: std::sync::Arc<str>,
    pub provider: std::sync::Arc<str>,
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

/// A tracker list with its automaton, built once for every folder a run scans.
#[derive(Debug, Clone)]
pub struct Trackers {
    pub services: Vec<Service>,
    pub detector: Detector,
}

impl Trackers {
    /// A tracker list's services and automaton.
    pub fn new(services: Vec<Service>) -> Result<Trackers, String> {
        let detector = Detector::new(&services)?;
        Ok(Trackers { services, detector })
    }

    /// The built-in list (`rules/trackers.yaml`).
    pub fn builtin() -> Result<Trackers, String> {
        // The JSON made from the same file at build time parses many times faster.
        let services = match crate::rules::builtin::pre_parsed::<TrackerFile>(
            crate::rules::builtin::TRACKERS_JSON,
        ) {
            Some(f) => f.services,
            None => load(BUILTIN)?,
        };
        Trackers::new(services)
    }
}

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

/// One pass over a page's bytes finds both the page markers (forms, title, canonical,
/// scripts; see [`Markers`](super::page::Markers)) and the services it loads: a single
/// ASCII-case-insensitive DFA.
#[derive(Debug, Clone)]
pub struct Detector {
    automaton: Automaton,
    /// For each pattern after the markers: (service, is a script snippet).
    patterns: Vec<(usize, bool)>,
}

/// The built-in list's automaton is made at build time; any other list builds its own.
#[derive(Debug, Clone)]
enum Automaton {
    Prebuilt,
    Built(aho_corasick::AhoCorasick),
}

impl Detector {
    pub fn new(services: &[Service]) -> Result<Detector, String> {
        let (texts, patterns) = pattern_list(services);
        let automaton = if super::tracker_dfa::built_for(&texts) {
            Automaton::Prebuilt
        } else {
            Automaton::Built(build(&texts)?)
        };
        Ok(Detector {
            automaton,
            patterns,
        })
    }

    /// A detector that builds its automaton at run time even for the built-in list (the
    /// tests compare the two).
    #[cfg(test)]
    fn built(services: &[Service]) -> Result<Detector, String> {
        let (texts, patterns) = pattern_list(services);
        Ok(Detector {
            automaton: Automaton::Built(build(&texts)?),
            patterns,
        })
    }

    /// Whether this detector uses the automaton made at build time.
    pub fn is_prebuilt(&self) -> bool {
        matches!(self.automaton, Automaton::Prebuilt)
    }

    /// Calls `f(pattern, start, end)` for each match, left to right.
    fn find_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        match &self.automaton {
            Automaton::Prebuilt => super::tracker_dfa::find_each(text.as_bytes(), f),
            Automaton::Built(ac) => {
                for m in ac.find_iter(text) {
                    f(m.pattern().as_usize(), m.start(), m.end());
                }
            }
        }
    }

    /// The page's markers and the services it uses (each once, at its first appearance).
    pub fn scan(&self, text: &str) -> (super::page::Markers, Vec<Found>) {
        let markers_len = super::page::NEEDLES.len();
        let mut markers = super::page::Markers::default();
        let mut candidates: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        self.find_each(text, |p, start, end| {
            if p < markers_len {
                markers.record(p, start);
            } else {
                candidates.push((p - markers_len, start..end));
            }
        });
        markers.finish(text.len());
        let mut found: Vec<Found> = Vec::new();
        for (p, range) in candidates {
            let (service, snippet) = self.patterns[p];
            let counts = if snippet {
                markers.in_script(range.start)
            } else {
                loads_here(text, range.start) || markers.in_script(range.start)
            };
            if counts && !found.iter().any(|f| f.service == service) {
                found.push(Found { service, range });
            }
        }
        (markers, found)
    }

    /// The services a page uses (see [`Detector::scan`]).
    pub fn detect(&self, text: &str) -> Vec<Found> {
        self.scan(text).1
    }
}

/// The automaton's patterns (the page markers, then per service its URLs, lower-cased, and
/// its snippets; `build.rs` makes the same list) and, for each after the markers, its service
/// and whether it is a snippet.
fn pattern_list(services: &[Service]) -> (Vec<String>, Vec<(usize, bool)>) {
    let mut texts: Vec<String> = super::page::NEEDLES.iter().map(|n| n.to_string()).collect();
    let mut patterns = Vec::new();
    for (i, s) in services.iter().enumerate() {
        for u in &s.urls {
            texts.push(u.to_lowercase());
            patterns.push((i, false));
        }
        for sn in &s.snippets {
            texts.push(sn.clone());
            patterns.push((i, true));
        }
    }
    (texts, patterns)
}

fn build(texts: &[String]) -> Result<aho_corasick::AhoCorasick, String> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::Standard)
        // ~150 patterns get no SIMD prefilter ("<" is everywhere in HTML anyway): a DFA
        // scans a byte per transition, several times faster than the default NFA here.
        // `build.rs` builds the built-in list's with the same options.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .prefilter(false)
        .build(texts)
        .map_err(|e| e.to_string())
}

/// Tags whose URL the browser loads (a plain `<a href>` loads nothing until clicked).
const LOADING_TAGS: &[&str] = &[
    "script", "iframe", "img", "link", "embed", "source", "video", "audio", "object", "form",
    "frame",
];

/// Whether the URL at `at` sits inside the start tag of an element that loads it.
fn loads_here(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(2048);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let before = &text[start..at];
    match before.rfind('<') {
        Some(lt) if !before[lt..].contains('>') => {
            let name: String = before[lt + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            LOADING_TAGS.contains(&name.as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_made_at_build_time_holds_the_same_list() {
        let json = serde_json::from_str::<TrackerFile>(crate::rules::builtin::TRACKERS_JSON)
            .expect("build.rs made JSON that fits");
        assert_eq!(
            format!("{:?}", json.services),
            format!("{:?}", load(BUILTIN).unwrap())
        );
    }

    #[test]
    fn builtin_list_has_at_least_forty_services_and_loads() {
        let s = load(BUILTIN).unwrap();
        assert!(s.len() >= 40, "{}", s.len());
        let mut ids: Vec<&str> = s.iter().map(|s| &*s.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), s.len(), "unique ids");
    }

    /// Every match of both automata: (pattern, start, end).
    fn matches(d: &Detector, text: &str) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        d.find_each(text, |p, s, e| v.push((p, s, e)));
        v
    }

    #[test]
    fn the_builtin_list_uses_the_automaton_made_at_build_time() {
        assert!(Trackers::builtin().unwrap().detector.is_prebuilt());
        let mut services = load(BUILTIN).unwrap();
        services[0].urls.push("example.org/pixel".into());
        assert!(!Detector::new(&services).unwrap().is_prebuilt());
    }

    #[test]
    fn the_automaton_made_at_build_time_finds_what_aho_corasick_finds() {
        let services = load(BUILTIN).unwrap();
        let (prebuilt, built) = (
            Detector::new(&services).unwrap(),
            Detector::built(&services).unwrap(),
        );
        let (texts, _) = pattern_list(&services);
        // Every pattern, in odd case, run together, overlapping and cut short, amid
        // multi-byte text; and every fixture site page.
        let mut pages: Vec<String> = Vec::new();
        let mut all = String::new();
        for (i, t) in texts.iter().enumerate() {
            let odd: String = t
                .chars()
                .enumerate()
                .map(|(j, c)| {
                    if (i + j) % 3 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            all.push_str(&odd);
            all.push_str(if i % 2 == 0 { " é " } else { "" });
            all.push_str(t.get(..t.len() / 2).unwrap_or(""));
            all.push_str(t.get(t.len() / 3..).unwrap_or(""));
        }
        pages.push(all.clone());
        pages.push(all.to_ascii_lowercase());
        pages.push(all.to_ascii_uppercase());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites");
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                pages.push(text);
            }
        }
        assert!(pages.len() > 10, "{}", pages.len());
        let mut hits = 0;
        for page in &pages {
            let want = matches(&built, page);
            assert_eq!(matches(&prebuilt, page), want);
            assert_eq!(prebuilt.scan(page), built.scan(page));
            hits += want.len();
        }
        assert!(hits > texts.len(), "{hits}");
    }

    #[test]
    fn detects_gtag_and_gtm_in_raw_text() {
        let services = load(BUILTIN).unwrap();
        let detector = Detector::new(&services).unwrap();
        let page = r#"<script async src="https://www.GoogleTagManager.com/gtag/js?id=G-X"></script>
               <script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-ABC');</script>"#;
        let found = detector.detect(page);
        let ids: Vec<&str> = found.iter().map(|f| &*services[f.service].id).collect();
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
        let ids: Vec<&str> = found.iter().map(|f| &*services[f.service].id).collect();
        assert_eq!(ids, vec!["google-maps"]);
        assert!(page[found[0].range.start..].starts_with("google.com/maps/embed"));
    }
}
