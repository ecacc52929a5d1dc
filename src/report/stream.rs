//! The reporters that write each file as it comes (JSON, JSON lines, concise, GitHub and the
//! human format), so a site of any size is never held in memory. The other formats (SARIF,
//! JUnit, GitLab, HTML) are whole documents built from the complete run.

use std::io::Write;

use super::{human, json, FileError, Tally};
use crate::check::FileReport;
use crate::site::SiteSummary;

/// A streaming reporter over a writer.
pub enum Streamer<W: Write> {
    Json(json::Stream<W>),
    Human(human::Stream<W>),
    /// A line format: one file's lines at a time (see [`super::machine`]).
    Lines {
        out: W,
        lines: fn(&FileReport, &mut String),
    },
}

impl<W: Write> Streamer<W> {
    /// A line format's streamer.
    pub fn lines(out: W, lines: fn(&FileReport, &mut String)) -> Streamer<W> {
        Streamer::Lines { out, lines }
    }

    /// Writes one file (in run order).
    pub fn file(&mut self, f: &FileReport) -> std::io::Result<()> {
        match self {
            Streamer::Json(s) => s.file(f),
            Streamer::Human(s) => s.file(f),
            Streamer::Lines { out, lines } => {
                let mut text = String::new();
                lines(f, &mut text);
                out.write_all(text.as_bytes())
            }
        }
    }

    /// Ends the report; `tally` counts every file of the run. Returns the writer.
    pub fn finish(
        self,
        errors: &[FileError],
        sites: &[SiteSummary],
        baselined: usize,
        tally: Tally,
    ) -> std::io::Result<W> {
        match self {
            Streamer::Json(s) => s.finish(errors, sites, baselined, &tally),
            Streamer::Human(s) => s.finish(errors, sites, baselined, tally),
            Streamer::Lines { out, .. } => Ok(out),
        }
    }
}
