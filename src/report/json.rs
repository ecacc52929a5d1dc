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

use super::{Position, Run};
use crate::check::FileReport;
use crate::source::Source;

fn source_of<'a>(run: &'a Run, path: &Option<String>, own: &'a Source) -> &'a Source {
    match path {
        Some(p) => run
            .files
            .iter()
            .find(|f| f.source.path == *p)
            .map(|f| &f.source)
            .unwrap_or(own),
        None => own,
    }
}

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

/// The entries of `diagnostics` for one file.
pub fn diagnostic_entries(run: &Run, f: &FileReport) -> Vec<Value> {
    f.diagnostics
        .iter()
        .map(|d| {
            let p = d.primary.position_in(&f.source);
            let secondary: Vec<Value> = d
                .secondary
                .iter()
                .map(|l| {
                    let src = source_of(run, &l.path, &f.source);
                    let p = l.position_in(src);
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

fn summary(run: &Run) -> Value {
    let (e, w, n) = run.counts();
    json!({
        "files": run.files.len(),
        "statements": run.files.iter().filter(|f| f.role == crate::check::Role::Statement).count(),
        "errors": e,
        "warnings": w,
        "notes": n,
        "unreadable": run.errors.len(),
        "baselined": run.baselined,
    })
}

fn sites(run: &Run) -> Value {
    Value::Array(
        run.sites
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

fn write_array<W: Write + ?Sized, I: Iterator<Item = Value>>(
    w: &mut W,
    key: &str,
    items: I,
    last: bool,
) -> std::io::Result<()> {
    write!(w, "  \"{key}\": [")?;
    let mut first = true;
    for item in items {
        w.write_all(if first { b"\n    " } else { b",\n    " })?;
        w.write_all(pretty(&item, 4).as_bytes())?;
        first = false;
    }
    w.write_all(if first { b"]" } else { b"\n  ]" })?;
    w.write_all(if last { b"\n" } else { b",\n" })
}

/// Writes the report, one file at a time: a site of 40,000 pages never becomes one JSON tree
/// in memory. The output is the same as pretty-printing the whole document.
pub fn write<W: Write + ?Sized>(run: &Run, w: &mut W) -> std::io::Result<()> {
    w.write_all(b"{\n  \"version\": 1,\n")?;
    write_array(w, "files", run.files.iter().map(file_entry), false)?;
    write_array(
        w,
        "diagnostics",
        run.files.iter().flat_map(|f| diagnostic_entries(run, f)),
        false,
    )?;
    write_array(
        w,
        "errors",
        run.errors
            .iter()
            .map(|e| json!({"path": e.path, "message": e.message})),
        false,
    )?;
    writeln!(w, "  \"summary\": {},", pretty(&summary(run), 2))?;
    writeln!(w, "  \"sites\": {}", pretty(&sites(run), 2))?;
    w.write_all(b"}\n")
}

/// The report as text (tests, small runs).
pub fn render(run: &Run) -> String {
    let mut out = Vec::new();
    let _ = write(run, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
