//! The human format: a checklist per statement, codespan-rendered diagnostics, a summary line.

use std::io::Write;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::Run;
use crate::check::{FileReport, Role};
use crate::judge::Status;
use crate::rules::Severity;
use crate::Lang;

/// Renders the run; `color` chooses ANSI colours.
pub fn render(run: &Run, lang: Option<Lang>, color: bool) -> Vec<u8> {
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    // A site scan keeps only the statements' text; a page with something to show is read
    // again here, when its diagnostics are rendered.
    let reread: Vec<Option<crate::source::Source>> = run
        .files
        .iter()
        .map(|f| {
            (f.source.is_detached() && !f.diagnostics.is_empty())
                .then(|| {
                    crate::source::Source::read(
                        std::path::Path::new(&f.source.path),
                        &f.source.path,
                        u64::MAX,
                    )
                    .ok()
                })
                .flatten()
        })
        .collect();
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = run
        .files
        .iter()
        .zip(&reread)
        .map(|(f, again)| {
            let text = again
                .as_ref()
                .map(|s| s.text.as_str())
                .unwrap_or(f.source.text.as_str());
            files.add(f.source.path.clone(), text)
        })
        .collect();
    let id_of = |path: &str| {
        run.files
            .iter()
            .position(|f| f.source.path == path)
            .map(|i| ids[i])
    };
    for (i, f) in run.files.iter().enumerate() {
        if f.role == Role::Statement {
            checklist(&mut out, f);
        }
        diagnostics(
            &mut out,
            &files,
            ids[i],
            &id_of,
            f,
            lang.unwrap_or(f.language),
        );
    }
    summary(
        &mut out,
        run,
        lang.or_else(|| run.files.first().map(|f| f.language))
            .unwrap_or(Lang::Nl),
    );
    out.into_inner()
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

fn diagnostics(
    out: &mut Buffer,
    files: &SimpleFiles<String, &str>,
    own: usize,
    id_of: &dyn Fn(&str) -> Option<usize>,
    f: &FileReport,
    lang: Lang,
) {
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

/// `--statistics`: a count per code, then the summary line.
pub fn render_statistics(run: &Run, lang: Option<Lang>, color: bool) -> Vec<u8> {
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let lang = lang
        .or_else(|| run.files.first().map(|f| f.language))
        .unwrap_or(Lang::Nl);
    let rows = super::statistics(run);
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
    summary(&mut out, run, lang);
    out.into_inner()
}

fn summary(out: &mut Buffer, run: &Run, lang: Lang) {
    let (mut present, mut vague, mut missing) = (0, 0, 0);
    for e in run.files.iter().flat_map(|f| &f.elements) {
        match e.status {
            Status::Present => present += 1,
            Status::Vague => vague += 1,
            Status::Missing => missing += 1,
        }
    }
    for s in &run.sites {
        let line = match lang {
            Lang::Nl => format!(
                "{}: {} pagina's, {} privacyverklaring(en), {} pagina's met formulieren voor persoonsgegevens, {} pagina's met trackers",
                s.root, s.pages, s.statements, s.pages_with_forms, s.pages_with_trackers
            ),
            Lang::En => format!(
                "{}: {} pages, {} privacy statement(s), {} pages with forms asking for personal data, {} pages with trackers",
                s.root, s.pages, s.statements, s.pages_with_forms, s.pages_with_trackers
            ),
        };
        let _ = writeln!(out, "{line}");
    }
    let (errors, warnings, _) = run.counts();
    let n = run
        .files
        .iter()
        .filter(|f| f.role == Role::Statement)
        .count();
    let line = match lang {
        Lang::Nl => format!(
            "{n} {}: {present} aanwezig, {vague} vaag, {missing} ontbreekt — {errors} {}, {warnings} {}",
            if n == 1 { "bestand" } else { "bestanden" },
            if errors == 1 { "fout" } else { "fouten" },
            if warnings == 1 { "waarschuwing" } else { "waarschuwingen" },
        ),
        Lang::En => format!(
            "{n} {}: {present} present, {vague} vague, {missing} missing — {errors} {}, {warnings} {}",
            if n == 1 { "file" } else { "files" },
            if errors == 1 { "error" } else { "errors" },
            if warnings == 1 { "warning" } else { "warnings" },
        ),
    };
    let _ = out.set_color(ColorSpec::new().set_bold(true));
    let _ = write!(out, "{line}");
    let _ = out.reset();
    let _ = writeln!(out);
    if run.baselined > 0 {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Nl => format!(
                    "{} bekende bevinding(en) uit de baseline niet getoond",
                    run.baselined
                ),
                Lang::En => format!(
                    "{} known finding(s) from the baseline not shown",
                    run.baselined
                ),
            }
        );
    }
    if !run.errors.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Nl => format!(
                    "{} bestand(en) konden niet worden gecontroleerd",
                    run.errors.len()
                ),
                Lang::En => format!("{} file(s) could not be checked", run.errors.len()),
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
