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

/// The files to read below `root`, sorted, and the errors met on the way (symlink loops,
/// folders without permission).
pub fn walk(root: &Path, opts: &WalkOptions) -> (Vec<PathBuf>, Vec<FileError>) {
    let include = build(&opts.include).unwrap_or_else(|_| GlobSet::empty());
    let exclude = build(&opts.exclude).unwrap_or_else(|_| GlobSet::empty());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            if !opts.hidden
                && (name.starts_with('.')
                    || (e.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref())))
            {
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_file() {
                    continue;
                }
                let path = e.path();
                let ext = path
                    .extension()
                    .map(|x| x.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if !opts.extensions.contains(&ext) {
                    continue;
                }
                let rel = path.strip_prefix(root).unwrap_or(path);
                if (!opts.include.is_empty() && !include.is_match(rel)) || exclude.is_match(rel) {
                    continue;
                }
                files.push(path.to_path_buf());
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                let message = if err.loop_ancestor().is_some() {
                    format!("{path}: symbolic link loop, skipped")
                } else {
                    match err.io_error() {
                        Some(io) => format!("cannot read {path}: {io}"),
                        None => format!("cannot read {path}: {err}"),
                    }
                };
                errors.push(FileError { path, message });
            }
        }
    }
    files.sort();
    (files, errors)
}
