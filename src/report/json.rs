//! The JSON report (`--format json`).
//!
//! Wire format (documented in `docs/json-output.md` and `schemas/report.schema.json`):
//! `{version, files: [{path, role, format, language, encoding, title, elements: {ID: {status,
//! code, evidence: [POSITION + text]}}}], diagnostics: [{code, name, severity, element,
//! message, why, example, path, POSITION, secondary: [POSITION + message]}], errors: [{path,
//! message}], summary}`, where POSITION is `start`/`end` (byte offsets on disk) and
//! `line`/`column`/`end_line`/`end_column` (1-based, columns in characters).

use std::io::Write;

use serde_json::{json, Map, Value};

use super::{FileError, Position, Run, Tally};
use crate::check::FileReport;
use crate::spill::Scratch;

/// One entry of `files`.
pub fn file_entry(f: &FileReport) -> Value {
    let mut elements = Map::new();
    for e in &f.elements {
        let evidence: Vec<Value> = e
            .evidence
            .iter()
            .map(|(r, text)| {
                let p = Position::of(&f.source, r);
                json!({"start": p.start, "end": p.end, "line": p.line, "column": p.column,
                       "end_line": p.end_line, "end_column": p.end_column, "text": text})
            })
            .collect();
        elements.insert(
            e.id.clone(),
            json!({ "status": e.status, "code": e.code, "evidence": evidence }),
        );
    }
    let mut entry = json!({
        "path": f.source.path,
        "role": f.role,
        "format": f.format,
        "language": f.language,
        "encoding": f.source.encoding,
        "title": f.title,
        "elements": elements,
    });
    if let (Some(page), Value::Object(m)) = (&f.page, &mut entry) {
        let forms: Vec<Value> = page
            .forms
            .iter()
            .map(|form| {
                let p = form.pos;
                json!({"start": p.start, "end": p.end, "line": p.line, "column": p.column,
                       "service": form.service, "personal_data": form.personal,
                       "links_to_statement": form.links_to_statement, "link_near_form": form.link_near_form})
            })
            .collect();
        let trackers: Vec<Value> = page
            .trackers
            .iter()
            .map(|t| {
                let p = t.pos;
                json!({"id": &*t.id, "name": &*t.name, "provider": &*t.provider, "sets_cookies": t.cookies,
                       "start": p.start, "end": p.end, "line": p.line, "column": p.column})
            })
            .collect();
        m.insert("template".into(), Value::Bool(page.template));
        m.insert("forms".into(), Value::Array(forms));
        m.insert("trackers".into(), Value::Array(trackers));
    }
    entry
}

/// The entries of `diagnostics` for one file. A label in another file carries its position
/// (computed while that file's text was at hand).
pub fn diagnostic_entries(f: &FileReport) -> Vec<Value> {
    f.diagnostics
        .iter()
        .map(|d| {
            let p = d.primary.position_in(&f.source);
            let secondary: Vec<Value> = d
                .secondary
                .iter()
                .map(|l| {
                    let p = l.position_in(&f.source);
                    json!({"path": l.path.as_deref().unwrap_or(&f.source.path), "start": p.start, "end": p.end,
                           "line": p.line, "column": p.column, "end_line": p.end_line,
                           "end_column": p.end_column, "message": l.message})
                })
                .collect();
            json!({
                "code": d.code,
                "name": d.name,
                "severity": d.severity.as_str(),
                "element": d.element,
                "message": d.message,
                "why": d.why,
                "example": d.example,
                "path": f.source.path,
                "start": p.start,
                "end": p.end,
                "line": p.line,
                "column": p.column,
                "end_line": p.end_line,
                "end_column": p.end_column,
                "label": d.primary.message,
                "secondary": secondary,
            })
        })
        .collect()
}

fn summary(t: &Tally, unreadable: usize, baselined: usize) -> Value {
    json!({
        "files": t.files,
        "statements": t.statements,
        "errors": t.errors,
        "warnings": t.warnings,
        "notes": t.notes,
        "unreadable": unreadable,
        "baselined": baselined,
    })
}

fn sites(sites: &[crate::site::SiteSummary]) -> Value {
    Value::Array(
        sites
            .iter()
            .map(|s| {
                json!({
                    "root": s.root, "pages": s.pages, "statements": s.statements,
                    "pages_with_forms": s.pages_with_forms, "pages_with_trackers": s.pages_with_trackers,
                })
            })
            .collect(),
    )
}

/// Pretty-prints a value indented by `indent` spaces after its first line.
fn pretty(v: &Value, indent: usize) -> String {
    let text = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    let pad = " ".repeat(indent);
    text.replace('\n', &format!("\n{pad}"))
}

/// Writes `items` as the entries of an array, each on its own line(s) after `first`'s
/// separator; returns whether anything was written.
fn write_items<W: Write + ?Sized, I: Iterator<Item = Value>>(
    w: &mut W,
    items: I,
    first: &mut bool,
) -> std::io::Result<()> {
    write_texts(w, items.map(|item| pretty(&item, 4)), first)
}

/// [`write_items`] of items already made text (by [`pretty`] at depth 4).
fn write_texts<W: Write + ?Sized, S: AsRef<str>, I: Iterator<Item = S>>(
    w: &mut W,
    items: I,
    first: &mut bool,
) -> std::io::Result<()> {
    for item in items {
        w.write_all(if *first { b"\n    " } else { b",\n    " })?;
        w.write_all(item.as_ref().as_bytes())?;
        *first = false;
    }
    Ok(())
}

/// One file's part of the report as text: its entry, and its diagnostics (which come after
/// all files in the document). Any thread can make it; [`Stream::write_file`] writes it.
pub fn render_file(f: &FileReport) -> (String, Vec<String>) {
    (
        pretty(&file_entry(f), 4),
        diagnostic_entries(f).iter().map(|d| pretty(d, 4)).collect(),
    )
}

fn close_array<W: Write + ?Sized>(w: &mut W, empty: bool, last: bool) -> std::io::Result<()> {
    w.write_all(if empty { b"]" } else { b"\n  ]" })?;
    w.write_all(if last { b"\n" } else { b",\n" })
}

/// The JSON report written as files come: each file's entry goes out at once, its
/// diagnostics wait in a temporary file (they come after all files in the document). Memory
/// does not grow with the number of files.
pub struct Stream<W: Write> {
    out: W,
    diagnostics: Scratch,
    no_files: bool,
    no_diagnostics: bool,
}

impl<W: Write> Stream<W> {
    /// Starts the document.
    pub fn begin(mut out: W) -> std::io::Result<Stream<W>> {
        out.write_all(b"{\n  \"version\": 1,\n  \"files\": [")?;
        Ok(Stream {
            out,
            diagnostics: Scratch::new(),
            no_files: true,
            no_diagnostics: true,
        })
    }

    /// Writes one file (in path order).
    pub fn file(&mut self, f: &FileReport) -> std::io::Result<()> {
        let (entry, diagnostics) = render_file(f);
        self.write_file(&entry, &diagnostics)
    }

    /// Writes one file made text by [`render_file`] (in path order).
    pub fn write_file(&mut self, entry: &str, diagnostics: &[String]) -> std::io::Result<()> {
        write_texts(&mut self.out, std::iter::once(entry), &mut self.no_files)?;
        write_texts(
            &mut self.diagnostics,
            diagnostics.iter(),
            &mut self.no_diagnostics,
        )
    }

    /// Ends the document with the diagnostics, the files that could not be read, the summary
    /// (`tally` counts every file of the run) and the sites; returns the writer.
    pub fn finish(
        mut self,
        errors: &[FileError],
        sites_scanned: &[crate::site::SiteSummary],
        baselined: usize,
        tally: &Tally,
    ) -> std::io::Result<W> {
        let w = &mut self.out;
        close_array(w, self.no_files, false)?;
        w.write_all(b"  \"diagnostics\": [")?;
        std::io::copy(&mut self.diagnostics.into_reader()?, w)?;
        close_array(w, self.no_diagnostics, false)?;
        w.write_all(b"  \"errors\": [")?;
        let mut none = true;
        write_items(
            w,
            errors
                .iter()
                .map(|e| json!({"path": e.path, "message": e.message})),
            &mut none,
        )?;
        close_array(w, none, false)?;
        writeln!(
            w,
            "  \"summary\": {},",
            pretty(&summary(tally, errors.len(), baselined), 2)
        )?;
        writeln!(w, "  \"sites\": {}", pretty(&sites(sites_scanned), 2))?;
        w.write_all(b"}\n")?;
        Ok(self.out)
    }
}

/// Writes the report of a run whose files are all at hand.
pub fn write<W: Write>(run: &Run, w: W) -> std::io::Result<()> {
    let mut s = Stream::begin(w)?;
    for f in &run.files {
        s.file(f)?;
    }
    s.finish(&run.errors, &run.sites, run.baselined, &run.tally())?;
    Ok(())
}

/// The report as text (tests, small runs).
pub fn render(run: &Run) -> String {
    let mut out = Vec::new();
    let _ = write(run, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
