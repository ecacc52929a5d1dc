//! `privlint.yaml` (or `.privlint.yaml`): settings a project keeps beside its site, found by
//! walking up from the current folder. Unknown keys are errors with their line and column.
//! Command-line options add to lists and override single values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

/// Message languages, for the JSON Schema.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum LangName {
    Nl,
    En,
}

/// Failing severities, for the JSON Schema.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum FailOnName {
    Error,
    Warning,
    Never,
}

/// The configuration file's contents.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The privacy statement(s) of the site, relative to the scanned folder.
    #[serde(default)]
    pub statement: Vec<String>,
    /// Globs of paths to skip in a folder scan.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Globs of the only paths to read in a folder scan.
    #[serde(default)]
    pub include: Vec<String>,
    /// The site's own host names.
    #[serde(default)]
    pub host: Vec<String>,
    /// Message language: `nl` or `en`.
    #[serde(default)]
    #[schemars(with = "Option<LangName>")]
    pub lang: Option<Spanned<String>>,
    /// Failing severity: `error`, `warning` or `never`.
    #[serde(default)]
    #[schemars(with = "Option<FailOnName>")]
    pub fail_on: Option<Spanned<String>>,
    /// The rule profile: `avg` (the eleven elements) or `gdpr` (articles 13/14 in full).
    #[serde(default)]
    #[schemars(with = "Option<crate::rules::Profile>")]
    pub profile: Option<Spanned<crate::rules::Profile>>,
    /// Report only these codes, rule names or element ids.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<Spanned<Vec<Spanned<String>>>>,
    /// Never report these codes, rule names or element ids.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<Spanned<String>>,
    /// Severity overrides: code, rule name or element id → `error`, `warning` or `note`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, crate::rules::Severity>")]
    pub severity: BTreeMap<String, Spanned<crate::rules::Severity>>,
    /// Glob (relative to the configuration file's folder) → codes, names or element ids
    /// not reported for matching files.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub per_path_ignores: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    /// Element id → the project's own phrases that count as evidence of it.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub phrases: BTreeMap<String, Spanned<Vec<String>>>,
}

/// A configuration file that could not be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The file names looked for, in order.
pub const NAMES: &[&str] = &["privlint.yaml", ".privlint.yaml"];

/// The nearest configuration file at or above `start`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

/// Parses configuration text.
pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
    let config: Config = serde_saphyr::from_str(text).map_err(|e| {
        let (line, column, message) = crate::rules::yaml_message(&e);
        ConfigError {
            path: path.to_string(),
            line,
            column,
            message,
        }
    })?;
    for (value, allowed) in [
        (&config.lang, &["nl", "en"][..]),
        (&config.fail_on, &["error", "warning", "never"][..]),
    ] {
        if let Some(v) = value {
            if !allowed.contains(&v.value.as_str()) {
                return Err(ConfigError {
                    path: path.to_string(),
                    line: v.referenced.line() as usize,
                    column: v.referenced.column() as usize,
                    message: format!("`{}` is not one of: {}", v.value, allowed.join(", ")),
                });
            }
        }
    }
    Ok(config)
}

/// The JSON Schema of privlint.yaml, the rule files and common.yaml, for editors: generated
/// from the Rust types the loader uses, so it cannot drift from what privlint accepts.
pub fn schema(which: SchemaKind) -> String {
    let schema = match which {
        SchemaKind::Config => schemars::schema_for!(Config),
        SchemaKind::Rule => schemars::schema_for!(crate::rules::model::ElementRule),
        SchemaKind::Common => schemars::schema_for!(crate::rules::model::Common),
    };
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Which file a JSON Schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// privlint.yaml
    Config,
    /// An element rule file (rules/elements/*.yaml).
    Rule,
    /// The shared vocabulary (rules/common.yaml).
    Common,
}

/// Reads a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: display.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    })?;
    parse(&display, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys_with_position() {
        let c = parse("p.yaml", "statement: [privacy/index.html]\nlang: en\n").unwrap();
        assert_eq!(c.statement, vec!["privacy/index.html".to_string()]);
        let e = parse("p.yaml", "statement: []\nstatment: x\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.contains("statment"), "{}", e.message);
        let e = parse("p.yaml", "lang: fr\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("fr"));
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join(".privlint.yaml"), "lang: nl\n").unwrap();
        assert_eq!(discover(&nested), Some(dir.path().join(".privlint.yaml")));
    }
}
