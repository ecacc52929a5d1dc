//! The human format: a checklist per statement, codespan-rendered diagnostics, a summary line.

use std::io::Write;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::{counted, Run, Tally};
use crate::check::{FileReport, Role};
use crate::judge::Status;
use crate::rules::Severity;
use crate::Lang;

/// Renders the run; `color` chooses ANSI colours.
pub fn render(run: &Run, lang: Option<Lang>, color: bool) -> Vec<u8> {
    whole(run, Stream::new(Vec::new(), lang, color, false))
}

/// `--statistics`: a count per code, then the summary line.
pub fn render_statistics(run: &Run, lang: Option<Lang>, color: bool) -> Vec<u8> {
    whole(run, Stream::new(Vec::new(), lang, color, true))
}

fn whole(run: &Run, mut s: Stream<Vec<u8>>) -> Vec<u8> {
    for f in &run.files {
        let _ = s.file(f);
    }
    s.finish(&run.errors, &run.sites, run.baselined, run.tally())
        .unwrap_or_default()
}

fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

/// One file's text (its checklist if a statement, its diagnostics), in `lang` or the file's
/// own language. Any thread can make it; [`Stream::write_file`] writes it.
pub fn render_file(f: &FileReport, lang: Option<Lang>, color: bool) -> Vec<u8> {
    let mut out = buffer(color);
    if f.role == Role::Statement {
        checklist(&mut out, f);
    }
    diagnostics(&mut out, f, lang.unwrap_or(f.language));
    out.into_inner()
}

/// The human report written as files come: each file's checklist and diagnostics at once,
/// the summary at the end.
pub struct Stream<W: Write> {
    out: W,
    lang: Option<Lang>,
    /// The language of the first file, for the summary when no `--lang` is given.
    first: Option<Lang>,
    color: bool,
    /// With `--statistics`: counts per code instead of the diagnostics.
    statistics: Option<super::CodeCounts>,
}

impl<W: Write> Stream<W> {
    pub fn new(out: W, lang: Option<Lang>, color: bool, statistics: bool) -> Stream<W> {
        Stream {
            out,
            lang,
            first: None,
            color,
            statistics: statistics.then(super::CodeCounts::default),
        }
    }

    fn buffer(&self) -> Buffer {
        buffer(self.color)
    }

    /// How this stream makes a file's text (`None` with `--statistics`, which counts the
    /// whole report): see [`render_file`].
    pub fn renderer(&self) -> Option<(Option<Lang>, bool)> {
        self.statistics.is_none().then_some((self.lang, self.color))
    }

    /// Writes one file made text by [`render_file`], whose language was `language`.
    pub fn write_file(&mut self, language: Lang, text: &[u8]) -> std::io::Result<()> {
        self.first.get_or_insert(language);
        self.out.write_all(text)
    }

    /// Writes one file.
    pub fn file(&mut self, f: &FileReport) -> std::io::Result<()> {
        self.first.get_or_insert(f.language);
        if let Some(counts) = &mut self.statistics {
            counts.add(f);
            return Ok(());
        }
        let text = render_file(f, self.lang, self.color);
        self.write_file(f.language, &text)
    }

    /// Ends the report with the statistics (with `--statistics`) and the summary (`tally`
    /// counts every file of the run); returns the writer.
    pub fn finish(
        mut self,
        errors: &[super::FileError],
        sites: &[crate::site::SiteSummary],
        baselined: usize,
        tally: Tally,
    ) -> std::io::Result<W> {
        let lang = self.lang.or(self.first).unwrap_or(Lang::Nl);
        let mut out = self.buffer();
        if let Some(counts) = self.statistics.take() {
            statistics(&mut out, counts.rows(), lang);
        }
        let end = End {
            tally,
            sites,
            baselined,
            unreadable: errors.len(),
        };
        summary(&mut out, &end, lang);
        self.out.write_all(out.as_slice())?;
        Ok(self.out)
    }
}

fn checklist(out: &mut Buffer, f: &FileReport) {
    let _ = out.set_color(ColorSpec::new().set_bold(true));
    let _ = write!(out, "{}", f.source.path);
    let _ = out.reset();
    match &f.title {
        Some(t) => {
            let _ = writeln!(out, " — {} ({})", truncate(t, 70), f.language.as_str());
        }
        None => {
            let _ = writeln!(out, " ({})", f.language.as_str());
        }
    }
    let width = f.elements.iter().map(|e| e.id.len()).max().unwrap_or(10);
    for e in &f.elements {
        let (mark, color) = match e.status {
            Status::Present => ("✓", Color::Green),
            Status::Vague => ("⚠", Color::Yellow),
            Status::Missing => ("✗", Color::Red),
        };
        let _ = write!(out, "  ");
        let _ = out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true));
        let _ = write!(out, "{mark}");
        let _ = out.reset();
        let _ = writeln!(
            out,
            " {:width$}  {}",
            e.id,
            truncate(&e.summary, 80),
            width = width
        );
    }
    let _ = writeln!(out);
}

/// The file's diagnostics, rendered by codespan. A site scan does not keep a page's text, so
/// it is read again here; so is a page another file's label points into (PL030 on a statement
/// points at a tracker on a page). Where it cannot be read, the label becomes a note with its
/// position.
fn diagnostics(out: &mut Buffer, f: &FileReport, lang: Lang) {
    if f.diagnostics.is_empty() {
        return;
    }
    let read =
        |path: &str| crate::source::Source::read(std::path::Path::new(path), path, u64::MAX).ok();
    let own_again = if f.source.is_detached() {
        read(&f.source.path)
    } else {
        None
    };
    let mut others: Vec<(String, crate::source::Source)> = Vec::new();
    for l in f.diagnostics.iter().flat_map(|d| &d.secondary) {
        if let Some(p) = &l.path {
            if *p != f.source.path && !others.iter().any(|(q, _)| q == p) {
                if let Some(s) = read(p) {
                    others.push((p.clone(), s));
                }
            }
        }
    }
    let mut files = SimpleFiles::new();
    let own = files.add(
        f.source.path.clone(),
        own_again
            .as_ref()
            .map(|s| s.text.as_str())
            .unwrap_or(f.source.text.as_str()),
    );
    let ids: Vec<(String, usize)> = others
        .iter()
        .map(|(p, s)| (p.clone(), files.add(p.clone(), s.text.as_str())))
        .collect();
    let id_of = |path: &str| {
        if path == f.source.path {
            return Some(own);
        }
        ids.iter().find(|(p, _)| p == path).map(|(_, id)| *id)
    };
    let files = &files;
    let id_of = &id_of;
    let config = Config::default();
    let styles = Styles::default();
    let (why, eg) = match lang {
        Lang::Nl => ("waarom", "bijv."),
        Lang::En => ("why", "e.g."),
    };
    for d in &f.diagnostics {
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        };
        let file_of = |path: &Option<String>| path.as_deref().and_then(id_of).unwrap_or(own);
        // A label in a page whose text a site scan did not keep becomes a note with its
        // position instead of a snippet.
        let detached = |l: &crate::diagnostic::Label| {
            l.path.is_some()
                && l.path
                    .as_deref()
                    .and_then(id_of)
                    .is_none_or(|id| files.get(id).map(|f| f.source().is_empty()).unwrap_or(true))
        };
        let mut labels = vec![
            CsLabel::primary(file_of(&d.primary.path), d.primary.range.clone())
                .with_message(d.primary.message.clone()),
        ];
        let mut extra_notes = Vec::new();
        for l in &d.secondary {
            if detached(l) {
                if let (Some(path), Some(p)) = (&l.path, l.position) {
                    extra_notes.push(format!("{}: {path}:{}:{}", l.message, p.line, p.column));
                }
            } else {
                labels.push(
                    CsLabel::secondary(file_of(&l.path), l.range.clone())
                        .with_message(l.message.clone()),
                );
            }
        }
        let diag = CsDiagnostic::new(severity)
            .with_code(format!("{}/{}", d.code, d.name))
            .with_message(d.message.clone())
            .with_labels(labels)
            .with_notes(
                extra_notes
                    .into_iter()
                    .chain([format!("{why}: {}", d.why), format!("{eg}: {}", d.example)])
                    .collect(),
            );
        let mut writer = StylesWriter::new(&mut *out, &styles);
        let _ = term::emit_to_write_style(&mut writer, &config, files, &diag);
    }
}

fn statistics(out: &mut Buffer, rows: Vec<(String, String, Severity, usize)>, lang: Lang) {
    let width = rows
        .iter()
        .map(|r| r.3.to_string().len())
        .max()
        .unwrap_or(1);
    for (code, name, severity, n) in &rows {
        let _ = writeln!(
            out,
            "{n:>width$}  {code:<7} {name:<36} {}",
            crate::registry::severity_word(*severity, lang)
        );
    }
    if !rows.is_empty() {
        let _ = writeln!(out);
    }
}

/// What the summary lines count.
struct End<'a> {
    tally: Tally,
    sites: &'a [crate::site::SiteSummary],
    baselined: usize,
    unreadable: usize,
}

fn summary(out: &mut Buffer, end: &End, lang: Lang) {
    let t = &end.tally;
    let (present, vague, missing) = (t.present, t.vague, t.missing);
    // One line a site; only the words differ by language.
    let (page, statement, with_forms, with_trackers) = match lang {
        Lang::Nl => (
            ("pagina", "pagina's"),
            ("privacyverklaring", "privacyverklaringen"),
            "met formulieren voor persoonsgegevens",
            "met trackers",
        ),
        Lang::En => (
            ("page", "pages"),
            ("privacy statement", "privacy statements"),
            "with forms asking for personal data",
            "with trackers",
        ),
    };
    for s in end.sites {
        let _ = writeln!(
            out,
            "{}: {}, {}, {} {with_forms}, {} {with_trackers}",
            s.root,
            counted(s.pages, page.0, page.1),
            counted(s.statements, statement.0, statement.1),
            counted(s.pages_with_forms, page.0, page.1),
            counted(s.pages_with_trackers, page.0, page.1),
        );
    }
    // The totals; as for the sites, only the words differ by language.
    let (file, statuses, error, warning) = match lang {
        Lang::Nl => (
            ("bestand", "bestanden"),
            ["aanwezig", "vaag", "ontbreekt"],
            ("fout", "fouten"),
            ("waarschuwing", "waarschuwingen"),
        ),
        Lang::En => (
            ("file", "files"),
            ["present", "vague", "missing"],
            ("error", "errors"),
            ("warning", "warnings"),
        ),
    };
    let line = format!(
        "{}: {present} {}, {vague} {}, {missing} {} — {}, {}",
        counted(t.statements, file.0, file.1),
        statuses[0],
        statuses[1],
        statuses[2],
        counted(t.errors, error.0, error.1),
        counted(t.warnings, warning.0, warning.1),
    );
    let _ = out.set_color(ColorSpec::new().set_bold(true));
    let _ = write!(out, "{line}");
    let _ = out.reset();
    let _ = writeln!(out);
    if end.baselined > 0 {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Nl => format!(
                    "{} uit de baseline niet getoond",
                    counted(end.baselined, "bekende bevinding", "bekende bevindingen")
                ),
                Lang::En => format!(
                    "{} from the baseline not shown",
                    counted(end.baselined, "known finding", "known findings")
                ),
            }
        );
    }
    if end.unreadable > 0 {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Nl => format!(
                    "{} niet worden gecontroleerd",
                    if end.unreadable == 1 {
                        "1 bestand kon".to_string()
                    } else {
                        format!("{} bestanden konden", end.unreadable)
                    }
                ),
                Lang::En => format!(
                    "{} not be checked",
                    counted(end.unreadable, "file could", "files could")
                ),
            }
        );
    }
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
