//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The eleven element ids of the default profile, in checklist order.
pub const ELEMENTS: [&str; 11] = [
    "identity",
    "contact",
    "purposes",
    "recipients",
    "retention",
    "access-rectification-erasure",
    "objection",
    "consent-withdrawal",
    "complaint",
    "legal-basis",
    "automated-processing",
];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> String {
    root().join("fixtures").join(rel).display().to_string()
}

/// Runs privlint with arguments, from the crate root, without colour.
pub fn privlint(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_privlint"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run privlint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `privlint check --format json` and parses the report.
pub fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = privlint(&all);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}\n{err}"));
    (code, v)
}

pub fn status(report: &serde_json::Value, file: usize, element: &str) -> String {
    report["files"][file]["elements"][element]["status"]
        .as_str()
        .unwrap_or("?")
        .to_string()
}
