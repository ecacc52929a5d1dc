//! SARIF 2.1.0, the format code-scanning dashboards (GitHub, Azure DevOps, SonarQube) read.
//!
//! One run; every rule code of the active rule set in `tool.driver.rules` with the text of
//! `privlint explain` as its help; results with relative URIs under `%SRCROOT%` (the current
//! folder), regions in Unicode code points (`columnKind`) plus byte offsets, related
//! locations for secondary spans, and `partialFingerprints` that do not depend on lines.
//! Files that could not be read become tool execution notifications.

use std::path::Path;

use serde_json::{json, Value};

use super::{Position, Run};
use crate::diagnostic::Label;
use crate::registry::RuleInfo;
use crate::rules::Severity;
use crate::Lang;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Percent-encodes a relative path for a URI reference (RFC 3986 path characters stay).
fn uri_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The artifact location of a path: relative to `root` under `%SRCROOT%`, else an absolute
/// `file://` URI.
fn artifact(path: &str, root: &Path) -> Value {
    let p = Path::new(path);
    let relative = if p.is_absolute() {
        p.strip_prefix(root)
            .ok()
            .map(|r| r.to_string_lossy().into_owned())
    } else {
        Some(path.trim_start_matches("./").to_string())
    };
    match relative {
        Some(rel) => json!({"uri": uri_path(&rel), "uriBaseId": "%SRCROOT%"}),
        None => json!({"uri": format!("file://{}", uri_path(path))}),
    }
}

fn region(p: &Position) -> Value {
    json!({
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column,
        "byteOffset": p.start,
        "byteLength": p.end.saturating_sub(p.start),
    })
}

/// The SARIF log of a run. `root` is the folder `%SRCROOT%` stands for (the current folder).
pub fn sarif(run: &Run, rules: &[RuleInfo], lang: Lang, root: &Path) -> String {
    let index = |code: &str| rules.iter().position(|r| r.code == code);
    let rule_list: Vec<Value> = rules
        .iter()
        .map(|r| {
            let mut full = r.why.get(lang).to_string();
            if let Some(a) = &r.article {
                full.push_str(&format!(" ({})", a.get(lang)));
            }
            let mut tags = vec![format!(
                "profile:{}",
                format!("{:?}", r.profile).to_lowercase()
            )];
            if let Some(e) = &r.element {
                tags.push(format!("element:{e}"));
            }
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.message.get(lang)},
                "fullDescription": {"text": full},
                "help": {"text": r.explain(lang), "markdown": r.explain_markdown(lang)},
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": tags},
            })
        })
        .collect();
    let fingerprints = super::fingerprints(run);
    let mut results = Vec::new();
    let pairs = run
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)));
    for ((f, d), fingerprint) in pairs.zip(fingerprints) {
        let location = |l: &Label, id: Option<usize>| {
            let path = l.path.as_deref().unwrap_or(&f.source.path);
            let mut loc = json!({
                "physicalLocation": {
                    "artifactLocation": artifact(path, root),
                    "region": region(&l.position_in(&f.source)),
                }
            });
            if let Some(id) = id {
                loc["id"] = json!(id);
            }
            if !l.message.is_empty() {
                loc["message"] = json!({"text": l.message});
            }
            loc
        };
        let mut result = json!({
            "ruleId": d.code,
            "level": level(d.severity),
            "message": {"text": d.message},
            "locations": [location(&d.primary, None)],
            "partialFingerprints": {"privlint/v1": fingerprint},
        });
        if let Some(i) = index(&d.code) {
            result["ruleIndex"] = json!(i);
        }
        if !d.secondary.is_empty() {
            result["relatedLocations"] = Value::Array(
                d.secondary
                    .iter()
                    .enumerate()
                    .map(|(i, l)| location(l, Some(i + 1)))
                    .collect(),
            );
        }
        if let Some(e) = &d.element {
            result["properties"] = json!({"element": e});
        }
        results.push(result);
    }
    let notifications: Vec<Value> = run
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(&e.path, root)}}],
            })
        })
        .collect();
    let root_uri = format!(
        "file://{}/",
        uri_path(root.to_string_lossy().trim_end_matches(['/', '\\']))
    );
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "privlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": lang.as_str(),
                "rules": rule_list,
            }},
            "invocations": [{
                "executionSuccessful": run.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_and_relative() {
        assert_eq!(uri_path("a b/ü.html"), "a%20b/%C3%BC.html");
        assert_eq!(
            artifact("./site/index.html", Path::new("/x")),
            json!({"uri": "site/index.html", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("/x/site/index.html", Path::new("/x")),
            json!({"uri": "site/index.html", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("/y/a.html", Path::new("/x")),
            json!({"uri": "file:///y/a.html"})
        );
    }
}
