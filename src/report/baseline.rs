//! Baselines, for sites that cannot be fixed at once: `--write-baseline FILE` records the
//! findings of today, `--baseline FILE` reports only findings that are not in it.
//!
//! A finding is keyed on its code, its path and the text of its evidence (see
//! [`super::fingerprints`]), never on line numbers, so an edit elsewhere in a file keeps the
//! old findings known. The file is JSON with the readable key parts beside the fingerprint, so
//! a reviewer can see what was accepted.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::check::FileReport;

/// The baseline file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub path: String,
    pub evidence: String,
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a privlint baseline: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: baseline version {version} is not supported (this privlint writes version 1)"
    )]
    Version { path: String, version: u32 },
}

impl Baseline {
    /// Records the findings of one file, given their fingerprints.
    pub fn record(&mut self, f: &FileReport, prints: &[String]) {
        let path = f.source.path.replace('\\', "/");
        self.findings.extend(
            f.diagnostics
                .iter()
                .zip(prints)
                .map(|(d, fingerprint)| Entry {
                    fingerprint: fingerprint.clone(),
                    code: d.code.clone(),
                    path: path.clone(),
                    evidence: d.evidence.clone(),
                }),
        );
    }
}

/// The baseline as the text of its file.
pub fn to_json(b: &Baseline) -> String {
    let mut s = serde_json::to_string_pretty(b).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Reads a baseline file.
pub fn load(path: &std::path::Path) -> Result<Baseline, BaselineError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
        path: shown.clone(),
        source,
    })?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Parse {
        path: shown.clone(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if b.version != 1 {
        return Err(BaselineError::Version {
            path: shown,
            version: b.version,
        });
    }
    Ok(b)
}

/// The findings of a baseline not yet met, by fingerprint (one file at a time).
#[derive(Debug)]
pub struct Known {
    left: HashMap<String, usize>,
}

impl Known {
    pub fn new(baseline: &Baseline) -> Known {
        let mut left: HashMap<String, usize> = HashMap::new();
        for e in &baseline.findings {
            *left.entry(e.fingerprint.clone()).or_default() += 1;
        }
        Known { left }
    }

    /// Drops the file's findings the baseline knows, given their fingerprints; returns how many
    /// were dropped. Each recorded finding excuses one finding.
    pub fn drop_known(&mut self, f: &mut FileReport, prints: &[String]) -> usize {
        let mut keep = prints.iter().map(|p| match self.left.get_mut(p.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        let before = f.diagnostics.len();
        f.diagnostics.retain(|_| keep.next().unwrap_or(true));
        before - f.diagnostics.len()
    }
}
