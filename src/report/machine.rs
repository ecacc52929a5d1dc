//! Line- and CI-oriented formats: GitHub workflow commands, a concise one-line format,
//! JSON lines, JUnit XML and GitLab Code Quality.

use std::fmt::Write as _;

use serde_json::json;

use super::Run;
use crate::check::{FileReport, Role};
use crate::diagnostic::Diagnostic;
use crate::judge::Status;
use crate::rules::Severity;

fn diagnostics(run: &Run) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
    run.files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
}

/// GitHub's escaping of workflow command data (`%`, CR, LF) and properties (also `:` and `,`).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
pub fn github(run: &Run) -> String {
    each_file(run, github_file)
}

/// A line format for a whole run: the lines of each file in turn.
fn each_file(run: &Run, lines: fn(&FileReport, &mut String)) -> String {
    let mut out = String::new();
    for f in &run.files {
        lines(f, &mut out);
    }
    out
}

/// The `--format github` lines of one file.
pub fn github_file(f: &FileReport, out: &mut String) {
    for d in &f.diagnostics {
        let p = d.primary.position_in(&f.source);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(&f.source.path),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            gh_property(&format!("{} {}", d.code, d.name)),
            gh_data(&format!("{}\n{}\n{}", d.message, d.why, d.example)),
        );
    }
}

/// `path:line:col: severity CODE message`, one finding a line, for editors and grep.
pub fn concise(run: &Run) -> String {
    each_file(run, concise_file)
}

/// The `--format concise` lines of one file.
pub fn concise_file(f: &FileReport, out: &mut String) {
    for d in &f.diagnostics {
        let p = d.primary.position_in(&f.source);
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            f.source.path,
            p.line,
            p.column,
            d.severity.as_str(),
            d.code,
            d.message.replace('\n', " ")
        );
    }
}

/// One JSON object per finding, one a line.
pub fn json_lines(run: &Run) -> String {
    each_file(run, json_lines_file)
}

/// The `--format json-lines` lines of one file.
pub fn json_lines_file(f: &FileReport, out: &mut String) {
    for v in super::json::diagnostic_entries(f) {
        let _ = writeln!(out, "{v}");
    }
}

fn xml(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ')
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// JUnit XML: a test suite per statement, a test case per element (a failure when missing,
/// and when vague at `--fail-on warning`), and a test case per site finding.
pub fn junit(run: &Run, vague_fails: bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"privlint\">\n",
    );
    for f in &run.files {
        let findings: Vec<&Diagnostic> = f
            .diagnostics
            .iter()
            .filter(|d| d.element.is_none() || f.role == Role::Page)
            .collect();
        if f.role == Role::Page && findings.is_empty() {
            continue;
        }
        let mut cases = String::new();
        let mut failures = 0;
        for e in &f.elements {
            let d = f.diagnostics.iter().find(|d| {
                d.element.as_deref() == Some(e.id.as_str()) && Some(&d.code) == e.code.as_ref()
            });
            let fail = e.status == Status::Missing || (vague_fails && e.status == Status::Vague);
            let _ = write!(
                cases,
                "    <testcase classname=\"{}\" name=\"{}\">",
                xml(&f.source.path),
                xml(&e.id)
            );
            match (fail, d) {
                (true, Some(d)) => {
                    failures += 1;
                    let p = d.primary.position_in(&f.source);
                    let _ = write!(
                        cases,
                        "<failure type=\"{}\" message=\"{}\">{}:{}:{}: {}\n{}\n{}</failure>",
                        xml(&d.code),
                        xml(&d.message),
                        xml(&f.source.path),
                        p.line,
                        p.column,
                        xml(&d.message),
                        xml(&d.why),
                        xml(&d.example)
                    );
                }
                (false, Some(d)) => {
                    let _ = write!(
                        cases,
                        "<system-out>{}: {}</system-out>",
                        xml(&d.code),
                        xml(&d.message)
                    );
                }
                _ => {}
            }
            cases.push_str("</testcase>\n");
        }
        for d in findings {
            if d.element.is_some() && f.role == Role::Statement {
                continue;
            }
            let p = d.primary.position_in(&f.source);
            let fail =
                d.severity == Severity::Error || (vague_fails && d.severity == Severity::Warning);
            let _ = write!(
                cases,
                "    <testcase classname=\"{}\" name=\"{} {}:{}\">",
                xml(&f.source.path),
                xml(&d.code),
                p.line,
                p.column
            );
            if fail {
                failures += 1;
                let _ = write!(
                    cases,
                    "<failure type=\"{}\" message=\"{}\">{}</failure>",
                    xml(&d.code),
                    xml(&d.message),
                    xml(&d.why)
                );
            } else {
                let _ = write!(cases, "<system-out>{}</system-out>", xml(&d.message));
            }
            cases.push_str("</testcase>\n");
        }
        let tests = cases.matches("<testcase ").count();
        let _ = write!(
            out,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
            xml(&f.source.path)
        );
    }
    for e in &run.errors {
        let _ = write!(
            out,
            "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase classname=\"{}\" name=\"read\"><error message=\"{}\"/></testcase>\n  </testsuite>\n",
            xml(&e.path),
            xml(&e.path),
            xml(&e.message)
        );
    }
    out.push_str("</testsuites>\n");
    out
}

/// GitLab Code Quality: an array of issues with unique fingerprints.
pub fn gitlab(run: &Run) -> String {
    let issues: Vec<serde_json::Value> = diagnostics(run)
        .zip(super::fingerprints(run))
        .map(|((f, d), fingerprint)| {
            let p = d.primary.position_in(&f.source);
            json!({
                "description": format!("{} {}: {}", d.code, d.name, d.message),
                "check_name": d.name,
                "fingerprint": fingerprint,
                "severity": match d.severity { Severity::Error => "major", Severity::Warning => "minor", Severity::Note => "info" },
                "location": {"path": f.source.path, "lines": {"begin": p.line, "end": p.end_line}},
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// A stable 64-bit FNV-1a fingerprint, as hex.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(gh_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn xml_escapes_and_drops_control_characters() {
        assert_eq!(xml("<a & \"b\">\u{1}"), "&lt;a &amp; &quot;b&quot;&gt;");
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab", ""]));
    }
}
