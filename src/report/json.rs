//! The JSON report (`--format json`).
//!
//! Wire format (documented in `docs/json-output.md` and `schemas/report.schema.json`):
//! `{version, files: [{path, role, format, language, encoding, title, elements: {ID: {status,
//! code, evidence: [POSITION + text]}}}], diagnostics: [{code, name, severity, element,
//! message, why, example, path, POSITION, secondary: [POSITION + message]}], errors: [{path,
//! message}], summary}`, where POSITION is `start`/`end` (byte offsets on disk) and
//! `line`/`column`/`end_line`/`end_column` (1-based, columns in characters).

use serde_json::{json, Map, Value};

use super::{Position, Run};

/// The report as a JSON value.
pub fn to_value(run: &Run) -> Value {
    let source_of = |path: &Option<String>, own: &crate::source::Source| -> crate::source::Source {
        match path {
            Some(p) => run
                .files
                .iter()
                .find(|f| f.source.path == *p)
                .map(|f| f.source.clone())
                .unwrap_or_else(|| own.clone()),
            None => own.clone(),
        }
    };
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for f in &run.files {
        let mut elements = Map::new();
        for e in &f.elements {
            let evidence: Vec<Value> = e
                .evidence
                .iter()
                .map(|(r, text)| {
                    let mut v =
                        serde_json::to_value(Position::of(&f.source, r)).unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut v {
                        m.insert("text".into(), Value::String(text.clone()));
                    }
                    v
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
                    json!({"id": t.id, "name": t.name, "provider": t.provider, "sets_cookies": t.cookies,
                           "start": p.start, "end": p.end, "line": p.line, "column": p.column})
                })
                .collect();
            m.insert("template".into(), Value::Bool(page.template));
            m.insert("forms".into(), Value::Array(forms));
            m.insert("trackers".into(), Value::Array(trackers));
        }
        files.push(entry);
        for d in &f.diagnostics {
            let p = Position::of(&f.source, &d.primary.range);
            let secondary: Vec<Value> = d
                .secondary
                .iter()
                .map(|l| {
                    let src = source_of(&l.path, &f.source);
                    let p = match l.position {
                        Some(p) => p,
                        None => Position::of(&src, &l.range),
                    };
                    json!({"path": src.path, "start": p.start, "end": p.end, "line": p.line, "column": p.column,
                           "end_line": p.end_line, "end_column": p.end_column, "message": l.message})
                })
                .collect();
            diagnostics.push(json!({
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
            }));
        }
    }
    let errors: Vec<Value> = run
        .errors
        .iter()
        .map(|e| json!({"path": e.path, "message": e.message}))
        .collect();
    let (e, w, n) = run.counts();
    json!({
        "version": 1,
        "files": files,
        "diagnostics": diagnostics,
        "errors": errors,
        "summary": {
            "files": run.files.len(),
            "statements": run.files.iter().filter(|f| f.role == crate::check::Role::Statement).count(),
            "errors": e,
            "warnings": w,
            "notes": n,
            "unreadable": run.errors.len(),
        },
        "sites": run.sites.iter().map(|s| json!({
            "root": s.root, "pages": s.pages, "statements": s.statements,
            "pages_with_forms": s.pages_with_forms, "pages_with_trackers": s.pages_with_trackers,
        })).collect::<Vec<_>>(),
    })
}

/// The report as pretty JSON text with a final newline.
pub fn render(run: &Run) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(run)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
