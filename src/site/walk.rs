//! Walking a site folder: which files to read, in a stable order, and what could not be read.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::report::FileError;

/// Which files a folder walk reads.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions to read (lower case, without the dot).
    pub extensions: Vec<String>,
    /// Only paths matching one of these globs (relative to the folder), when not empty.
    pub include: Vec<String>,
    /// Paths matching one of these globs are skipped.
    pub exclude: Vec<String>,
    /// Also walk hidden files and folders (and `node_modules`).
    pub hidden: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            extensions: ["html", "htm", "xhtml", "md", "markdown", "txt"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            include: Vec::new(),
            exclude: Vec::new(),
            hidden: false,
        }
    }
}

/// Why glob options are invalid.
#[derive(Debug, thiserror::Error)]
#[error("invalid glob `{glob}`: {message}")]
pub struct GlobError {
    pub glob: String,
    pub message: String,
}

fn build(globs: &[String]) -> Result<GlobSet, GlobError> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| GlobError {
            glob: g.clone(),
            message: e.kind().to_string(),
        })?;
        b.add(glob);
    }
    b.build().map_err(|e| GlobError {
        glob: globs.join(","),
        message: e.to_string(),
    })
}

/// Checks the globs of the options.
pub fn validate(opts: &WalkOptions) -> Result<(), GlobError> {
    build(&opts.include)?;
    build(&opts.exclude)?;
    Ok(())
}

const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    ".git",
    ".svn",
    ".hg",
    "_site",
    ".jekyll-cache",
    ".sass-cache",
    "vendor",
];

/// The files to read below `root`, in path order, one at a time: a site of 40,000 pages is
/// never held as a list of paths. Errors met on the way (symlink loops, folders without
/// permission) come as items too, where the walk meets them.
///
/// Each folder's entries are sorted by name and walked depth first, which is the order of
/// [`Path`]'s `Ord` (component by component), so the items come sorted by path.
/// Which folders and files the walk enters (hidden ones and build folders are skipped).
type Keep = Box<dyn FnMut(&walkdir::DirEntry) -> bool + Send>;

pub struct Walk {
    root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    any_include: bool,
    extensions: Vec<String>,
    inner: walkdir::FilterEntry<walkdir::IntoIter, Keep>,
}

impl Walk {
    pub fn new(root: &Path, opts: &WalkOptions) -> Walk {
        let hidden = opts.hidden;
        let keep: Keep = Box::new(move |e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            hidden
                || !(name.starts_with('.')
                    || (e.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref())))
        });
        Walk {
            root: root.to_path_buf(),
            include: build(&opts.include).unwrap_or_else(|_| GlobSet::empty()),
            exclude: build(&opts.exclude).unwrap_or_else(|_| GlobSet::empty()),
            any_include: !opts.include.is_empty(),
            extensions: opts.extensions.clone(),
            inner: walkdir::WalkDir::new(root)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(keep),
        }
    }

    fn wanted(&self, path: &Path) -> bool {
        let ext = path
            .extension()
            .map(|x| x.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !self.extensions.contains(&ext) {
            return false;
        }
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        (!self.any_include || self.include.is_match(rel)) && !self.exclude.is_match(rel)
    }
}

impl Iterator for Walk {
    type Item = Result<PathBuf, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.inner.next()? {
                Ok(e) => {
                    if e.file_type().is_file() && self.wanted(e.path()) {
                        return Some(Ok(e.into_path()));
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| self.root.display().to_string());
                    let message = if err.loop_ancestor().is_some() {
                        format!("{path}: symbolic link loop, skipped")
                    } else {
                        match err.io_error() {
                            Some(io) => format!("cannot read {path}: {io}"),
                            None => format!("cannot read {path}: {err}"),
                        }
                    };
                    return Some(Err(FileError { path, message }));
                }
            }
        }
    }
}

/// The files to read below `root`, sorted, and the errors met on the way (a count for the
/// progress bar, and tests; the scan itself streams [`Walk`]).
pub fn walk(root: &Path, opts: &WalkOptions) -> (Vec<PathBuf>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for item in Walk::new(root, opts) {
        match item {
            Ok(p) => files.push(p),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_comes_in_path_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Names where string order and path order differ ("a/…" against "a-b…" and "a.html").
        for name in [
            "a/x.html",
            "a/b/c.html",
            "a-b.html",
            "a.html",
            "A.html",
            "b/index.html",
            "a b/index.html",
            "z.md",
        ] {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("folder");
            std::fs::write(&p, "x").expect("write");
        }
        let walked: Vec<PathBuf> = Walk::new(dir.path(), &WalkOptions::default())
            .collect::<Result<_, _>>()
            .expect("no errors");
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked.len(), 8);
        assert_eq!(walked, sorted);
    }
}
