//! The reporters that write each file as it comes (JSON, JSON lines, concise, GitHub and the
//! human format), so a site of any size is never held in memory. The other formats (SARIF,
//! JUnit, GitLab, HTML) are whole documents built from the complete run. A file's text is made
//! apart from the writer ([`Renderer`]), so a site scan makes it on every core and only
//! writes it in order on one.

use std::io::Write;

use super::{human, json, FileError, Tally};
use crate::check::FileReport;
use crate::site::SiteSummary;
use crate::Lang;

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

    /// How this streamer makes a file's text, apart from its writer (see [`Renderer`]).
    pub fn renderer(&self) -> Renderer {
        match self {
            Streamer::Json(_) => Renderer::Json,
            Streamer::Human(s) => match s.renderer() {
                Some((lang, color)) => Renderer::Human { lang, color },
                None => Renderer::Whole,
            },
            Streamer::Lines { lines, .. } => Renderer::Lines(*lines),
        }
    }

    /// Writes one file's text, made by this streamer's [`Renderer`] (in run order).
    pub fn write(&mut self, text: Rendered) -> std::io::Result<()> {
        match (self, text) {
            (Streamer::Json(s), Rendered::Json { entry, diagnostics }) => {
                s.write_file(&entry, &diagnostics)
            }
            (Streamer::Human(s), Rendered::Human { language, text }) => {
                s.write_file(language, &text)
            }
            (Streamer::Lines { out, .. }, Rendered::Lines(text)) => out.write_all(text.as_bytes()),
            _ => Err(std::io::Error::other(
                "a file's text was made for another format",
            )),
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

/// How a streamer makes one file's text, without its writer: a site scan makes the reports
/// of a chunk on every core and writes them in order on one, and making the text (the JSON
/// entry, the rendered diagnostics) costs as much as making the report. Written alone, the
/// last chunk's texts left the other core idle at the end of every scan.
#[derive(Clone, Copy)]
pub enum Renderer {
    Json,
    Human {
        lang: Option<Lang>,
        color: bool,
    },
    Lines(fn(&FileReport, &mut String)),
    /// The streamer needs the whole report (the human format's `--statistics`).
    Whole,
}

/// One file's text, made by a [`Renderer`], for [`Streamer::write`].
pub enum Rendered {
    Json {
        entry: String,
        diagnostics: Vec<String>,
    },
    Human {
        /// The file's language (the summary's, when no `--lang` is given, is the first file's).
        language: Lang,
        text: Vec<u8>,
    },
    Lines(String),
}

impl Renderer {
    /// The file's text; `None` for [`Renderer::Whole`].
    pub fn render(self, f: &FileReport) -> Option<Rendered> {
        Some(match self {
            Renderer::Json => {
                let (entry, diagnostics) = json::render_file(f);
                Rendered::Json { entry, diagnostics }
            }
            Renderer::Human { lang, color } => Rendered::Human {
                language: f.language,
                text: human::render_file(f, lang, color),
            },
            Renderer::Lines(lines) => {
                let mut text = String::new();
                lines(f, &mut text);
                Rendered::Lines(text)
            }
            Renderer::Whole => return None,
        })
    }
}
