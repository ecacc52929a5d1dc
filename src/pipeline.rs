//! The steps every file's report goes through between checking and reporting: inline
//! suppressions, the configuration's select / ignore / per-path ignores / severities, and the
//! baseline (recorded with `--write-baseline`, applied with `--baseline`). One file at a time,
//! in run order, so a site scan can hand each report on to a streaming reporter and drop it.

use std::path::Path;

use crate::check::FileReport;
use crate::report::baseline::{Baseline, Known};
use crate::report::Fingerprints;
use crate::rules::model::Finding;
use crate::rules::RuleSet;
use crate::settings::{Filter, Settings};
use crate::Lang;

/// The per-file steps, with what they carry from file to file.
pub struct Pipeline<'a> {
    /// The steps that need nothing from other files: run on any thread, in any order.
    pub steps: Steps<'a>,
    /// The baseline's: one file at a time, in run order.
    pub book: Book,
}

/// Suppressions and the configuration's filter: each file on its own.
pub struct Steps<'a> {
    unused: Option<&'a Finding>,
    lang: Option<Lang>,
    filter: Filter<'a>,
}

/// The baseline recorded and applied, which counts findings across files (a fingerprint
/// numbers the findings of one code and evidence in a file in run order).
pub struct Book {
    prints: Fingerprints,
    recorded: Option<Baseline>,
    known: Option<Known>,
    /// Findings dropped because the baseline knows them.
    pub baselined: usize,
}

impl<'a> Pipeline<'a> {
    /// `base` is the folder per-path globs are relative to; `record` keeps a baseline of every
    /// finding (before `baseline` is applied).
    pub fn new(
        rules: &'a RuleSet,
        settings: &'a Settings,
        base: &Path,
        lang: Option<Lang>,
        record: bool,
        baseline: Option<&Baseline>,
    ) -> Result<Pipeline<'a>, globset::Error> {
        Ok(Pipeline {
            steps: Steps {
                unused: rules.common.findings.get("unused-suppression"),
                lang,
                filter: Filter::new(settings, base)?,
            },
            book: Book {
                prints: Fingerprints::default(),
                recorded: record.then(|| Baseline {
                    version: 1,
                    findings: Vec::new(),
                }),
                known: baseline.map(Known::new),
                baselined: 0,
            },
        })
    }

    /// Runs the steps on the next file of the run.
    pub fn process(&mut self, f: &mut FileReport) {
        self.steps.apply(f);
        self.book.record(f);
    }

    /// The baseline recorded so far (with `record`).
    pub fn take_recorded(&mut self) -> Option<Baseline> {
        self.book.recorded.take()
    }
}

impl Steps<'_> {
    /// Drops what the file's suppressions and the configuration drop.
    pub fn apply(&self, f: &mut FileReport) {
        let lang = self.lang.unwrap_or(f.language);
        crate::suppress::apply(f, self.unused, lang);
        self.filter.apply(f);
    }
}

impl Book {
    /// Whether a baseline is recorded or applied (else [`Book::record`] does nothing).
    pub fn active(&self) -> bool {
        self.recorded.is_some() || self.known.is_some()
    }

    /// Records the next file of the run in the baseline, and drops the findings it knows.
    pub fn record(&mut self, f: &mut FileReport) {
        if !self.active() {
            return;
        }
        let prints = self.prints.of_file(f);
        if let Some(b) = &mut self.recorded {
            b.record(f, &prints);
        }
        if let Some(k) = &mut self.known {
            self.baselined += k.drop_known(f, &prints);
        }
    }
}
