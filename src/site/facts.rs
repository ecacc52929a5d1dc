//! What the first pass of a site scan learns about the whole site, one page at a time and in
//! path order. It stays small whatever the size of the site: a few strings per template and
//! per tracker provider, the site's own host names, and counters. Everything else about a page
//! waits in the scan's temporary store.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use super::read::FileData;
use crate::report::Position;

/// The uses of one tracker provider (Google, Meta…) across the site.
#[derive(Debug)]
pub(crate) struct ProviderUse {
    /// The first use, in path order: the page, and the tracker's range and position there.
    pub first_path: String,
    pub first_range: Range<usize>,
    pub first_pos: Position,
    /// The services of this provider the site uses, by id and by name.
    pub ids: BTreeSet<Arc<str>>,
    pub names: BTreeSet<Arc<str>>,
    /// How many pages use one of them.
    pub pages: usize,
}

/// The site-wide facts (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct SiteFacts {
    /// Files read.
    pub pages: usize,
    /// Hosts named by the pages' canonical addresses, each once.
    pub canonical_hosts: Vec<String>,
    /// Whether any page uses a service that sets cookies.
    pub site_tracks: bool,
    /// Layouts and includes: their address and links (on every page built with them).
    pub templates: Vec<(String, Vec<String>)>,
    pub providers: BTreeMap<String, ProviderUse>,
    pub pages_with_forms: usize,
    pub pages_with_trackers: usize,
    /// The first `index.html` at the top of the site, by its place in path order: where a
    /// "no statement" finding goes.
    pub front_page: Option<usize>,
}

impl SiteFacts {
    /// Takes in the next file, in path order. `root_depth` is the number of `/` in the root.
    pub fn add(&mut self, f: &FileData, root_depth: usize) {
        let seq = self.pages;
        self.pages += 1;
        if let Some(h) = &f.canonical_host {
            if !self.canonical_hosts.contains(h) {
                self.canonical_hosts.push(h.clone());
            }
        }
        if f.template {
            self.templates.push((f.url.clone(), f.hrefs.clone()));
        }
        if f.forms.iter().any(|form| !form.personal.is_empty()) {
            self.pages_with_forms += 1;
        }
        if f.trackers.iter().any(|t| t.cookies) {
            self.pages_with_trackers += 1;
            self.site_tracks = true;
        }
        if self.front_page.is_none() {
            let p = f.path.replace('\\', "/");
            if p.ends_with("/index.html") && p.matches('/').count() == root_depth + 1 {
                self.front_page = Some(seq);
            }
        }
        let mut counted: Vec<&str> = Vec::new();
        for t in &f.trackers {
            let u = self
                .providers
                .entry(t.provider.to_string())
                .or_insert_with(|| ProviderUse {
                    first_path: f.path.clone(),
                    first_range: t.range.clone(),
                    first_pos: t.pos,
                    ids: BTreeSet::new(),
                    names: BTreeSet::new(),
                    pages: 0,
                });
            u.ids.insert(t.id.clone());
            u.names.insert(t.name.clone());
            if !counted.contains(&&*t.provider) {
                counted.push(&t.provider);
                u.pages += 1;
            }
        }
    }
}
