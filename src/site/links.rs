//! Resolving links the way a browser and a static host would, to compare them with the
//! address of the privacy statement: relative, root-relative and absolute links on the site's
//! own host, `index.html` and trailing slashes, `.html` left off, fragments and queries, and
//! Jekyll/Hugo template expressions in `href`.

/// A normalised path key: lower case, no `index.html`, no extension, no trailing slash.
pub fn key(path: &str) -> String {
    let mut p = path.trim().to_lowercase();
    if let Some(i) = p.find(['#', '?']) {
        p.truncate(i);
    }
    let mut segments: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    if let Some(last) = segments.last().copied() {
        if matches!(
            last,
            "index.html" | "index.htm" | "index.md" | "index.php" | "_index.md"
        ) {
            segments.pop();
        } else if let Some(stem) = [".html", ".htm", ".md", ".markdown", ".php"]
            .iter()
            .find_map(|ext| last.strip_suffix(ext))
        {
            let stem = stem.to_string();
            segments.pop();
            return format!(
                "/{}",
                segments
                    .iter()
                    .map(|s| s.to_string())
                    .chain([stem])
                    .collect::<Vec<_>>()
                    .join("/")
            );
        }
    }
    format!("/{}", segments.join("/"))
}

/// The URL path a file is served at, from its path relative to the site root, for built
/// output and for Jekyll/Hugo sources (`_pages/`, `content/` are not part of the URL).
pub fn page_path(rel: &str, permalink: Option<&str>) -> String {
    if let Some(p) = permalink {
        return if p.starts_with('/') {
            p.to_string()
        } else {
            format!("/{p}")
        };
    }
    let rel = rel.replace('\\', "/");
    let trimmed = ["_pages/", "content/", "pages/", "src/pages/", "docs/"]
        .iter()
        .find_map(|prefix| rel.strip_prefix(prefix))
        .unwrap_or(&rel);
    format!("/{trimmed}")
}

/// Strips template expressions from an `href`: `{{ '/privacy/' | relative_url }}` becomes
/// `/privacy/`, `{{ site.baseurl }}/privacy` becomes `/privacy`, `{% link _pages/x.md %}`
/// becomes `/_pages/x.md`, `{{< ref "privacy" >}}` becomes `privacy`.
pub fn untemplate(href: &str) -> String {
    let h = href.trim();
    if let Some(inner) = h.strip_prefix("{%").and_then(|r| r.strip_suffix("%}")) {
        let inner = inner.trim();
        for tag in ["link ", "post_url ", "relref ", "ref "] {
            if let Some(path) = inner.strip_prefix(tag) {
                return format!("/{}", path.trim().trim_matches(['"', '\'']));
            }
        }
    }
    if !h.contains("{{") {
        return h.to_string();
    }
    let mut out = String::new();
    let mut rest = h;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or(after.len());
        let expr = &after[..end];
        // A quoted literal inside the expression is the path.
        if let Some(q) = expr.find(['\'', '"']) {
            let quote = expr.as_bytes()[q] as char;
            if let Some(len) = expr[q + 1..].find(quote) {
                out.push_str(&expr[q + 1..q + 1 + len]);
            }
        }
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Resolves an `href` found on the page served at `page` to a path key on this site, or
/// `None` for other sites, `mailto:`, scripts and same-page fragments.
pub fn resolve(href: &str, page: &str, hosts: &[String]) -> Option<String> {
    let h = untemplate(href);
    let h = h.trim();
    if h.is_empty() || h.starts_with('#') {
        return None;
    }
    let lower = h.to_lowercase();
    if ["mailto:", "tel:", "javascript:", "data:", "sms:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return None;
    }
    let rest = if let Some(r) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))
    {
        let (host, path) = r.split_at(r.find('/').unwrap_or(r.len()));
        let host = host.trim_start_matches("www.");
        if !hosts.iter().any(|s| s.trim_start_matches("www.") == host) {
            return None;
        }
        return Some(key(if path.is_empty() { "/" } else { path }));
    } else {
        h
    };
    if rest.starts_with('/') {
        return Some(key(rest));
    }
    // Relative: against the page's folder.
    let dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "/",
    };
    let base = if page.ends_with('/') { page } else { dir };
    Some(key(&format!("{base}{rest}")))
}

/// The host of an absolute URL.
pub fn host_of(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    let r = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = r.split(['/', '?', '#']).next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_index_extension_and_slash() {
        assert_eq!(key("/privacy/"), "/privacy");
        assert_eq!(key("/privacy/index.html"), "/privacy");
        assert_eq!(key("/privacy.html#top"), "/privacy");
        assert_eq!(key("/a/../Privacy?x=1"), "/privacy");
        assert_eq!(key("/"), "/");
    }

    #[test]
    fn resolves_like_a_browser() {
        let hosts = vec!["example.nl".to_string()];
        assert_eq!(
            resolve("privacyverklaring.html", "/index.html", &hosts).as_deref(),
            Some("/privacyverklaring")
        );
        assert_eq!(
            resolve("../privacy/", "/contact/index.html", &hosts).as_deref(),
            Some("/privacy")
        );
        assert_eq!(
            resolve("../privacy/", "/contact/", &hosts).as_deref(),
            Some("/privacy")
        );
        assert_eq!(
            resolve("https://www.example.nl/privacy", "/x/", &hosts).as_deref(),
            Some("/privacy")
        );
        assert_eq!(resolve("https://other.nl/privacy", "/x/", &hosts), None);
        assert_eq!(resolve("mailto:a@b.nl", "/", &hosts), None);
        assert_eq!(
            resolve("{{ '/privacy/' | relative_url }}", "/contact/", &hosts).as_deref(),
            Some("/privacy")
        );
        assert_eq!(
            resolve("{{ site.baseurl }}/privacy", "/contact/", &hosts).as_deref(),
            Some("/privacy")
        );
        assert_eq!(
            resolve("{% link _pages/privacy.md %}", "/contact/", &hosts).as_deref(),
            Some("/_pages/privacy")
        );
    }

    #[test]
    fn page_paths_for_sources_and_built_output() {
        assert_eq!(
            key(&page_path("privacyverklaring/index.html", None)),
            "/privacyverklaring"
        );
        assert_eq!(
            key(&page_path("_pages/privacy.md", Some("/privacy/"))),
            "/privacy"
        );
        assert_eq!(key(&page_path("content/privacy.md", None)), "/privacy");
    }
}
