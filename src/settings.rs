//! The settings in effect for a run, merged from the built-in defaults, `privlint.yaml` and
//! the command line, each value remembering where it came from (`privlint config --show`).
//! Also the one place that applies select / ignore / severity overrides / per-path ignores to
//! a run's findings, so every output format sees the same findings.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::{Config, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleInfo;
use crate::report::FailOn;
use crate::rules::{Profile, Severity};
use crate::Lang;

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File {
        path: String,
        line: usize,
        column: usize,
    },
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::File { path, line: 0, .. } => write!(f, "{path}"),
            Origin::File { path, line, .. } => write!(f, "{path}:{line}"),
            Origin::CommandLine => write!(f, "command line"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

fn default<T>(value: T) -> Setting<T> {
    Setting {
        value,
        origin: Origin::Default,
    }
}

fn cli<T>(value: T) -> Setting<T> {
    Setting {
        value,
        origin: Origin::CommandLine,
    }
}

/// What the command line said (`None` or empty: not given).
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub profile: Option<Profile>,
    pub lang: Option<Lang>,
    pub fail_on: Option<FailOn>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub statement: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub host: Vec<String>,
}

/// The settings in effect.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The configuration file read, if any.
    pub config_file: Option<PathBuf>,
    pub profile: Setting<Profile>,
    /// `None`: each statement's own language.
    pub lang: Setting<Option<Lang>>,
    pub fail_on: Setting<FailOn>,
    /// `None`: every code.
    pub select: Option<Vec<Setting<String>>>,
    pub ignore: Vec<Setting<String>>,
    pub severity: Vec<(String, Setting<Severity>)>,
    /// (glob, selectors).
    pub per_path_ignores: Vec<(String, Vec<Setting<String>>)>,
    /// (element id, the project's own phrases).
    pub phrases: Vec<(String, Setting<Vec<String>>)>,
    pub statement: Vec<Setting<String>>,
    pub include: Vec<Setting<String>>,
    pub exclude: Vec<Setting<String>>,
    pub host: Vec<Setting<String>>,
}

impl Settings {
    /// The project's own phrases per element, as the rule loader takes them.
    pub fn vocabulary(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        self.phrases
            .iter()
            .map(|(id, s)| (id.clone(), s.value.clone()))
            .collect()
    }
}

/// Merges defaults, the configuration file and the command line. Lists from the file and the
/// command line add up, except `select`, where the command line replaces the file's list;
/// single values from the command line win.
pub fn resolve(config: &Config, path: Option<&Path>, line: &CommandLine) -> Settings {
    let file = path.map(|p| p.display().to_string()).unwrap_or_default();
    let from = |loc: &serde_saphyr::Location| Origin::File {
        path: file.clone(),
        line: loc.line() as usize,
        column: loc.column() as usize,
    };
    let spanned = |s: &serde_saphyr::Spanned<String>| Setting {
        value: s.value.clone(),
        origin: from(&s.referenced),
    };
    let list = |file_values: &[serde_saphyr::Spanned<String>], cli_values: &[String]| {
        file_values
            .iter()
            .map(spanned)
            .chain(cli_values.iter().map(|v| self::cli(v.clone())))
            .collect::<Vec<_>>()
    };
    // Plain string lists of the file (statement, include, ...) have no spans of their own;
    // they are attributed to the file.
    let plain = |file_values: &[String], cli_values: &[String]| {
        file_values
            .iter()
            .map(|v| Setting {
                value: v.clone(),
                origin: Origin::File {
                    path: file.clone(),
                    line: 0,
                    column: 0,
                },
            })
            .chain(cli_values.iter().map(|v| self::cli(v.clone())))
            .collect::<Vec<_>>()
    };
    let profile = match (line.profile, &config.profile) {
        (Some(p), _) => cli(p),
        (None, Some(p)) => Setting {
            value: p.value,
            origin: from(&p.referenced),
        },
        (None, None) => default(Profile::Avg),
    };
    let lang = match (line.lang, &config.lang) {
        (Some(l), _) => cli(Some(l)),
        (None, Some(l)) => Setting {
            value: Some(if l.value == "en" { Lang::En } else { Lang::Nl }),
            origin: from(&l.referenced),
        },
        (None, None) => default(None),
    };
    let fail_on = match (line.fail_on, &config.fail_on) {
        (Some(f), _) => cli(f),
        (None, Some(f)) => Setting {
            value: match f.value.as_str() {
                "warning" => FailOn::Warning,
                "never" => FailOn::Never,
                _ => FailOn::Error,
            },
            origin: from(&f.referenced),
        },
        (None, None) => default(FailOn::Error),
    };
    let select = match (&line.select, &config.select) {
        (Some(s), _) => Some(s.iter().map(|v| cli(v.clone())).collect()),
        (None, Some(s)) => Some(s.value.iter().map(spanned).collect()),
        (None, None) => None,
    };
    Settings {
        config_file: path.map(Path::to_path_buf),
        profile,
        lang,
        fail_on,
        select,
        ignore: list(&config.ignore, &line.ignore),
        severity: config
            .severity
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    Setting {
                        value: v.value,
                        origin: from(&v.referenced),
                    },
                )
            })
            .collect(),
        per_path_ignores: config
            .per_path_ignores
            .iter()
            .map(|(glob, v)| (glob.clone(), v.value.iter().map(spanned).collect()))
            .collect(),
        phrases: config
            .phrases
            .iter()
            .map(|(id, v)| {
                (
                    id.clone(),
                    Setting {
                        value: v.value.clone(),
                        origin: from(&v.referenced),
                    },
                )
            })
            .collect(),
        statement: plain(&config.statement, &line.statement),
        include: plain(&config.include, &line.include),
        exclude: plain(&config.exclude, &line.exclude),
        host: plain(&config.host, &line.host),
    }
}

/// A selector names a code (`PL502`), a rule name (`retention-no-reason`), an element id
/// (`retention`) or `ALL`.
pub fn selects(selector: &str, d: &Diagnostic) -> bool {
    selector.eq_ignore_ascii_case("all")
        || selector.eq_ignore_ascii_case(&d.code)
        || selector == d.name
        || d.element.as_deref() == Some(selector)
}

fn known(selector: &str, rules: &[RuleInfo]) -> bool {
    selector.eq_ignore_ascii_case("all")
        || rules.iter().any(|r| {
            selector.eq_ignore_ascii_case(&r.code)
                || selector == r.name
                || r.element.as_deref() == Some(selector)
        })
}

/// Every selector and element id must name something of the active rule set: a typo in a
/// configuration file must not silently select nothing.
pub fn validate(settings: &Settings, rules: &[RuleInfo]) -> Result<(), ConfigError> {
    let error = |s: &Setting<String>, what: &str| {
        let (path, line, column) = match &s.origin {
            Origin::File { path, line, column } => (path.clone(), *line, *column),
            _ => ("command line".to_string(), 0, 0),
        };
        ConfigError {
            path,
            line,
            column,
            message: format!(
                "`{}` in {what} is not a code, rule name or element id of the active rules (see `privlint rules`)",
                s.value
            ),
        }
    };
    for s in settings.select.iter().flatten() {
        if !known(&s.value, rules) {
            return Err(error(s, "select"));
        }
    }
    for s in &settings.ignore {
        if !known(&s.value, rules) {
            return Err(error(s, "ignore"));
        }
    }
    for (_, list) in &settings.per_path_ignores {
        for s in list {
            if !known(&s.value, rules) {
                return Err(error(s, "per_path_ignores"));
            }
        }
    }
    for (key, s) in &settings.severity {
        if !known(key, rules) {
            return Err(error(
                &Setting {
                    value: key.clone(),
                    origin: s.origin.clone(),
                },
                "severity",
            ));
        }
    }
    for (id, s) in &settings.phrases {
        if !rules
            .iter()
            .any(|r| r.element.as_deref() == Some(id.as_str()))
        {
            return Err(error(
                &Setting {
                    value: id.clone(),
                    origin: s.origin.clone(),
                },
                "phrases",
            ));
        }
    }
    Ok(())
}

/// Select, ignore, per-path ignores and severity overrides, ready to apply to one file at a
/// time.
pub struct Filter<'a> {
    settings: &'a Settings,
    base: std::path::PathBuf,
    globs: Vec<(globset::GlobMatcher, &'a Vec<Setting<String>>)>,
}

impl<'a> Filter<'a> {
    pub fn new(settings: &'a Settings, base: &Path) -> Result<Filter<'a>, globset::Error> {
        let mut globs = Vec::new();
        for (glob, list) in &settings.per_path_ignores {
            let matcher = globset::GlobBuilder::new(glob)
                .literal_separator(false)
                .build()?
                .compile_matcher();
            globs.push((matcher, list));
        }
        Ok(Filter {
            settings,
            base: base.to_path_buf(),
            globs,
        })
    }

    /// Drops the file's findings that are not selected or are ignored, and sets severities.
    pub fn apply(&self, f: &mut crate::check::FileReport) {
        let settings = self.settings;
        let path = Path::new(&f.source.path);
        let relative = path
            .strip_prefix(&self.base)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let relative = relative.trim_start_matches("./").to_string();
        let path_ignores: Vec<&String> = self
            .globs
            .iter()
            .filter(|(m, _)| m.is_match(&relative) || m.is_match(&f.source.path))
            .flat_map(|(_, list)| list.iter().map(|s| &s.value))
            .collect();
        f.diagnostics.retain(|d| {
            let selected = settings
                .select
                .as_ref()
                .is_none_or(|sel| sel.iter().any(|s| selects(&s.value, d)));
            let ignored = settings.ignore.iter().any(|s| selects(&s.value, d))
                || path_ignores.iter().any(|s| selects(s, d));
            selected && !ignored
        });
        for d in &mut f.diagnostics {
            // The most specific override wins: code, then rule name, then element.
            let pick = |key: &dyn Fn(&str) -> bool| {
                settings
                    .severity
                    .iter()
                    .find(|(k, _)| key(k))
                    .map(|(_, s)| s.value)
            };
            let code = d.code.clone();
            let name = d.name.clone();
            let element = d.element.clone();
            if let Some(s) = pick(&|k| k.eq_ignore_ascii_case(&code))
                .or_else(|| pick(&|k| k == name))
                .or_else(|| pick(&|k| element.as_deref() == Some(k)))
                .or_else(|| pick(&|k| k.eq_ignore_ascii_case("all")))
            {
                d.severity = s;
            }
        }
    }
}

/// The text of `privlint config --show`: every setting, its value and where it came from.
pub fn show(settings: &Settings) -> String {
    let mut out = String::new();
    let file = settings
        .config_file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(none)".to_string());
    out.push_str(&format!("{:<18} {file}\n", "config file"));
    let row = |out: &mut String, key: &str, value: String, origin: &Origin| {
        out.push_str(&format!("{key:<18} {value:<40} {origin}\n"));
    };
    row(
        &mut out,
        "profile",
        format!("{:?}", settings.profile.value).to_lowercase(),
        &settings.profile.origin,
    );
    row(
        &mut out,
        "lang",
        settings
            .lang
            .value
            .map(|l| l.as_str().to_string())
            .unwrap_or_else(|| "(each statement's own)".into()),
        &settings.lang.origin,
    );
    row(
        &mut out,
        "fail_on",
        format!("{:?}", settings.fail_on.value).to_lowercase(),
        &settings.fail_on.origin,
    );
    match &settings.select {
        None => row(&mut out, "select", "(all)".into(), &Origin::Default),
        Some(list) => {
            for s in list {
                row(&mut out, "select", s.value.clone(), &s.origin);
            }
        }
    }
    let lists: [(&str, &Vec<Setting<String>>); 5] = [
        ("ignore", &settings.ignore),
        ("statement", &settings.statement),
        ("include", &settings.include),
        ("exclude", &settings.exclude),
        ("host", &settings.host),
    ];
    for (key, list) in lists {
        if list.is_empty() {
            row(&mut out, key, "(none)".into(), &Origin::Default);
        }
        for s in list {
            row(&mut out, key, s.value.clone(), &s.origin);
        }
    }
    for (key, s) in &settings.severity {
        row(
            &mut out,
            &format!("severity.{key}"),
            s.value.as_str().to_string(),
            &s.origin,
        );
    }
    for (glob, list) in &settings.per_path_ignores {
        for s in list {
            row(
                &mut out,
                "per_path_ignores",
                format!("{glob}: {}", s.value),
                &s.origin,
            );
        }
    }
    for (id, s) in &settings.phrases {
        row(
            &mut out,
            &format!("phrases.{id}"),
            s.value.join(", "),
            &s.origin,
        );
    }
    out
}
