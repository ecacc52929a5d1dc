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

/// A service found on a page, with the source range of the tag or script that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub service: usize,
    pub range: std::ops::Range<usize>,
}

/// The services a page uses, each once, in order of first appearance.
pub fn detect(services: &[Service], page: &super::page::Page) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut push = |service: usize, range: std::ops::Range<usize>| {
        if !found.iter().any(|f| f.service == service) {
            found.push(Found { service, range });
        }
    };
    for r in &page.resources {
        let url = r.url.to_lowercase();
        for (i, s) in services.iter().enumerate() {
            if s.urls.iter().any(|u| url.contains(&u.to_lowercase())) {
                push(i, r.tag.clone());
            }
        }
    }
    for (range, body) in &page.scripts {
        for (i, s) in services.iter().enumerate() {
            if s.snippets.iter().any(|sn| body.contains(sn.as_str()))
                || s.urls.iter().any(|u| body.contains(u.as_str()))
            {
                push(i, range.clone());
            }
        }
    }
    found.sort_by_key(|f| f.range.start);
    found
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
    fn detects_gtag_and_gtm() {
        let services = load(BUILTIN).unwrap();
        let page = super::super::page::scan(
            r#"<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>
               <script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-ABC');</script>"#,
        );
        let ids: Vec<&str> = detect(&services, &page)
            .iter()
            .map(|f| services[f.service].id.as_str())
            .collect();
        assert_eq!(ids, vec!["google-analytics", "google-tag-manager"]);
    }
}
