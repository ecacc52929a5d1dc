//! Reporters: turn file reports into output. Spans become disk offsets and line/column here,
//! at the edge, and nowhere else.

pub mod baseline;
pub mod html;
pub mod human;
pub mod json;
pub mod machine;
pub mod sarif;
pub mod stream;

use crate::check::FileReport;
use crate::rules::Severity;

/// A file that could not be checked, with the reason.
#[derive(Debug, Clone)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// Counts of files and findings that were written out as they came and not kept (a site scan
/// streamed to `--format json`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub statements: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Elements of the statements, by status.
    pub present: usize,
    pub vague: usize,
    pub missing: usize,
}

impl Tally {
    /// The counts of one file.
    pub fn of(f: &FileReport) -> Tally {
        let mut t = Tally::default();
        t.add(f);
        t
    }

    /// Adds another tally's counts.
    pub fn merge(&mut self, other: &Tally) {
        let Tally {
            files,
            statements,
            errors,
            warnings,
            notes,
            present,
            vague,
            missing,
        } = *other;
        self.files += files;
        self.statements += statements;
        self.errors += errors;
        self.warnings += warnings;
        self.notes += notes;
        self.present += present;
        self.vague += vague;
        self.missing += missing;
    }

    /// Counts one file and its findings.
    pub fn add(&mut self, f: &FileReport) {
        self.files += 1;
        if f.role == crate::check::Role::Statement {
            self.statements += 1;
        }
        for d in &f.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
        for e in &f.elements {
            match e.status {
                crate::judge::Status::Present => self.present += 1,
                crate::judge::Status::Vague => self.vague += 1,
                crate::judge::Status::Missing => self.missing += 1,
            }
        }
    }
}

/// The whole run: checked files (sorted by path) and files that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub files: Vec<FileReport>,
    /// Files that were reported as they came and not kept in `files`.
    pub streamed: Tally,
    pub errors: Vec<FileError>,
    /// One summary per scanned folder.
    pub sites: Vec<crate::site::SiteSummary>,
    /// Findings left out because the baseline knows them.
    pub baselined: usize,
}

/// Which severity makes the run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Never,
}

impl Run {
    /// Counts of diagnostics by severity: (errors, warnings, notes).
    pub fn counts(&self) -> (usize, usize, usize) {
        let t = self.tally();
        (t.errors, t.warnings, t.notes)
    }

    /// Counts of every file of the run, kept or streamed.
    pub fn tally(&self) -> Tally {
        let mut t = self.streamed;
        for f in &self.files {
            t.add(f);
        }
        t
    }

    /// The exit status: 2 when a file could not be checked, 1 for findings at or above the
    /// failing severity, else 0.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        if !self.errors.is_empty() {
            return 2;
        }
        let (errors, warnings, _) = self.counts();
        let failing = match fail_on {
            FailOn::Error => errors > 0,
            FailOn::Warning => errors + warnings > 0,
            FailOn::Never => false,
        };
        i32::from(failing)
    }
}

/// How often each code was reported: (code, name, severity, count), most frequent first.
pub fn statistics(run: &Run) -> Vec<(String, String, Severity, usize)> {
    let mut counts = CodeCounts::default();
    for f in &run.files {
        counts.add(f);
    }
    counts.rows()
}

/// Counts per code, file after file (for `--statistics`).
#[derive(Debug, Default)]
pub struct CodeCounts {
    counts: std::collections::BTreeMap<(String, String, Severity), usize>,
}

impl CodeCounts {
    pub fn add(&mut self, f: &FileReport) {
        for d in &f.diagnostics {
            *self
                .counts
                .entry((d.code.clone(), d.name.clone(), d.severity))
                .or_default() += 1;
        }
    }

    /// (code, name, severity, count), most frequent first.
    pub fn rows(self) -> Vec<(String, String, Severity, usize)> {
        let mut rows: Vec<(String, String, Severity, usize)> = self
            .counts
            .into_iter()
            .map(|((code, name, severity), n)| (code, name, severity, n))
            .collect();
        rows.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
        rows
    }
}

/// A fingerprint per diagnostic, in the order of `run.files` and their diagnostics (see
/// [`Fingerprints`]).
pub fn fingerprints(run: &Run) -> Vec<String> {
    let mut prints = Fingerprints::default();
    run.files.iter().flat_map(|f| prints.of_file(f)).collect()
}

/// Fingerprints of diagnostics, file after file: the code, the path and the evidence text,
/// never the line, so edits elsewhere in a file do not change them. The same finding twice (a
/// form repeated on a page) is numbered, which is why the files must come in run order.
#[derive(Debug, Default)]
pub struct Fingerprints {
    seen: std::collections::HashMap<String, usize>,
}

impl Fingerprints {
    /// The fingerprints of one file's diagnostics, in their order.
    pub fn of_file(&mut self, f: &FileReport) -> Vec<String> {
        let path = f.source.path.replace('\\', "/");
        f.diagnostics
            .iter()
            .map(|d| {
                let base = machine::fingerprint(&[&d.code, &path, &d.evidence]);
                let n = self.seen.entry(base.clone()).or_insert(0);
                *n += 1;
                if *n == 1 {
                    base
                } else {
                    machine::fingerprint(&[&base, &n.to_string()])
                }
            })
            .collect()
    }
}

/// A span as reporters show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Position {
    /// The disk position of a decoded-source range.
    pub fn of(source: &crate::source::Source, range: &std::ops::Range<usize>) -> Position {
        let (line, column) = source.line_col(range.start);
        let (end_line, end_column) = source.line_col(range.end);
        Position {
            start: source.disk_offset(range.start),
            end: source.disk_offset(range.end),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// A count with its noun in the right number: `counted(1, "pagina", "pagina's")` is
/// "1 pagina", `counted(3, ...)` "3 pagina's" (summary lines read as sentences, not forms).
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn a_count_takes_its_noun_in_the_right_number() {
        assert_eq!(counted(1, "pagina", "pagina's"), "1 pagina");
        assert_eq!(counted(0, "pagina", "pagina's"), "0 pagina's");
        assert_eq!(counted(12, "warning", "warnings"), "12 warnings");
    }
}
