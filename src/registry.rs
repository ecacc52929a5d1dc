//! The registry of rule codes: one list, built from the active rule set, that feeds
//! `privlint rules`, `privlint explain`, the SARIF `rules` array, the HTML report and the
//! generated table in `docs/rules.md`. Each entry says what it checks, why the law asks for
//! it, and an example that fails and one that passes, in Dutch and English.

use std::collections::HashMap;

use crate::check::{check_statement, CheckOptions};
use crate::document::Format;
use crate::rules::model::{Profile, Text};
use crate::rules::{RuleSet, Severity};
use crate::source::Source;
use crate::Lang;

/// One rule code.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub code: String,
    pub name: String,
    /// The element id, for codes about one element.
    pub element: Option<String>,
    pub severity: Severity,
    pub profile: Profile,
    /// What it reports, in one sentence.
    pub message: Text,
    /// The article of the law, where there is one.
    pub article: Option<Text>,
    /// Why the law asks for it.
    pub why: Text,
    /// Wording that fails the check.
    pub fails: Text,
    /// Wording that passes.
    pub passes: Text,
}

impl RuleInfo {
    /// The text of `privlint explain CODE`.
    pub fn explain(&self, lang: Lang) -> String {
        let l = Labels::of(lang);
        let mut out = format!("{} {}\n\n", self.code, self.name);
        out.push_str(&format!(
            "{}: {}\n",
            l.severity,
            severity_word(self.severity, lang)
        ));
        if let Some(e) = &self.element {
            out.push_str(&format!("{}: {e}\n", l.element));
        }
        out.push_str(&format!(
            "{}: {}\n\n",
            l.profile,
            profile_word(self.profile)
        ));
        out.push_str(&format!("{}\n  {}\n\n", l.checks, self.message.get(lang)));
        out.push_str(&format!("{}\n  {}", l.why, self.why.get(lang)));
        if let Some(a) = &self.article {
            out.push_str(&format!(" ({})", a.get(lang)));
        }
        out.push_str("\n\n");
        out.push_str(&format!("{}\n  {}\n\n", l.fails, self.fails.get(lang)));
        out.push_str(&format!("{}\n  {}\n", l.passes, self.passes.get(lang)));
        out
    }

    /// The same text as Markdown (SARIF `help.markdown`).
    pub fn explain_markdown(&self, lang: Lang) -> String {
        let l = Labels::of(lang);
        let mut why = self.why.get(lang).to_string();
        if let Some(a) = &self.article {
            why.push_str(&format!(" ({})", a.get(lang)));
        }
        format!(
            "**{}**: {}\n\n**{}**: {}\n\n**{}**: {}\n\n**{}**: {}\n",
            l.checks.trim_end_matches(':'),
            self.message.get(lang),
            l.why.trim_end_matches(':'),
            why,
            l.fails.trim_end_matches(':'),
            self.fails.get(lang),
            l.passes.trim_end_matches(':'),
            self.passes.get(lang)
        )
    }
}

struct Labels {
    severity: &'static str,
    element: &'static str,
    profile: &'static str,
    checks: &'static str,
    why: &'static str,
    fails: &'static str,
    passes: &'static str,
}

impl Labels {
    fn of(lang: Lang) -> Labels {
        match lang {
            Lang::Nl => Labels {
                severity: "Ernst",
                element: "Onderdeel",
                profile: "Profiel",
                checks: "Wat privlint controleert:",
                why: "Waarom de wet dit vraagt:",
                fails: "Voorbeeld dat niet voldoet:",
                passes: "Voorbeeld dat wel voldoet:",
            },
            Lang::En => Labels {
                severity: "Severity",
                element: "Element",
                profile: "Profile",
                checks: "What privlint checks:",
                why: "Why the law asks for it:",
                fails: "Example that fails:",
                passes: "Example that passes:",
            },
        }
    }
}

/// A severity in words of the message language.
pub fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Nl) => "fout",
        (Severity::Warning, Lang::Nl) => "waarschuwing",
        (Severity::Note, Lang::Nl) => "opmerking",
        (s, Lang::En) => s.as_str(),
    }
}

fn profile_word(p: Profile) -> &'static str {
    match p {
        Profile::Avg => "avg",
        Profile::Gdpr => "gdpr",
    }
}

/// Every code of the rule set, elements in order (missing, vague, placeholder), then the
/// findings of `common.yaml` by code, with failing examples judged from the rule files'
/// example sentences (a few milliseconds: for `explain`, SARIF and the docs).
pub fn all(rules: &RuleSet) -> Vec<RuleInfo> {
    build(rules, &judged_examples(rules))
}

/// The same list without judging the example sentences (failing examples only where a rule
/// file gives one): for checking names in a configuration at start-up.
pub fn codes(rules: &RuleSet) -> Vec<RuleInfo> {
    build(rules, &HashMap::new())
}

fn build(rules: &RuleSet, failing: &HashMap<(String, Lang), String>) -> Vec<RuleInfo> {
    let pick = |explicit: &Option<Text>, code: &str, fallback: &Text| -> Text {
        if let Some(t) = explicit {
            return t.clone();
        }
        let found = |lang: Lang| failing.get(&(code.to_string(), lang)).cloned();
        let nl = found(Lang::Nl).or_else(|| found(Lang::En));
        let en = found(Lang::En).or_else(|| found(Lang::Nl));
        Text {
            nl: nl.unwrap_or_else(|| fallback.nl.clone()),
            en: en.unwrap_or_else(|| fallback.en.clone()),
        }
    };
    let mut out = Vec::new();
    for e in &rules.elements {
        let r = &e.rule;
        let entry =
            |code: &str, name: &str, severity: Severity, message: &Text, fails: &Option<Text>| {
                RuleInfo {
                    code: code.to_string(),
                    name: name.to_string(),
                    element: Some(e.id.clone()),
                    severity,
                    profile: r.profile,
                    message: message.clone(),
                    article: Some(r.article.clone()),
                    why: r.why.clone(),
                    fails: pick(fails, code, &r.missing.message),
                    passes: r.example.clone(),
                }
            };
        out.push(entry(
            &r.missing.code.value,
            &r.missing.name,
            r.missing.severity.unwrap_or(Severity::Error),
            &r.missing.message,
            &r.missing.fails,
        ));
        for v in &r.vague {
            out.push(entry(
                &v.code.value,
                &v.name,
                v.severity.unwrap_or(Severity::Warning),
                &v.message,
                &v.fails,
            ));
        }
        if let Some(p) = &r.placeholder {
            out.push(entry(
                &p.code.value,
                &p.name,
                p.severity.unwrap_or(Severity::Warning),
                &p.message,
                &p.fails,
            ));
        }
    }
    let mut common: Vec<&crate::rules::model::Finding> = rules.common.findings.values().collect();
    common.sort_by(|a, b| a.code.value.cmp(&b.code.value));
    for f in common {
        out.push(RuleInfo {
            code: f.code.value.clone(),
            name: f.name.clone(),
            element: None,
            severity: f.severity.unwrap_or(Severity::Warning),
            profile: Profile::Avg,
            message: f.message.clone(),
            article: None,
            why: f.why.clone().unwrap_or_default(),
            fails: f.fails.clone().unwrap_or_default(),
            passes: f.example.clone().unwrap_or_default(),
        });
    }
    out
}

/// The table of docs/rules.md: every code with what it checks, in English and Dutch.
pub fn markdown_table(all: &[RuleInfo]) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::from(
        "| code | name | element | severity | profile | what it reports | wat privlint meldt |\n|---|---|---|---|---|---|---|\n",
    );
    for r in all {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.element
                .as_deref()
                .map(|e| format!("`{e}`"))
                .unwrap_or_else(|| "-".into()),
            r.severity.as_str(),
            profile_word(r.profile),
            cell(r.message.get(Lang::En)),
            cell(r.message.get(Lang::Nl)),
        ));
    }
    out
}

/// Looks a code (`PL502`), a rule name (`retention-no-reason`) or an element id
/// (`retention`) up. An element id gives all of the element's codes.
pub fn lookup<'a>(all: &'a [RuleInfo], key: &str) -> Vec<&'a RuleInfo> {
    let key = key.trim();
    let exact: Vec<&RuleInfo> = all
        .iter()
        .filter(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    all.iter()
        .filter(|r| r.element.as_deref() == Some(key))
        .collect()
}

/// The example sentences of the rule files, judged: for each code and language, the first
/// example that produces it.
pub fn judged_examples(rules: &RuleSet) -> HashMap<(String, Lang), String> {
    let mut out = HashMap::new();
    for e in &rules.elements {
        let ex = e.examples();
        for sentence in ex.vague.iter().chain(&ex.missing) {
            let report = check_statement(
                Source::from_string("example.txt", sentence),
                Format::Text,
                rules,
                CheckOptions::default(),
            );
            let Some(code) = report
                .elements
                .iter()
                .find(|r| r.id == e.id)
                .and_then(|r| r.code.clone())
            else {
                continue;
            };
            out.entry((code, report.language))
                .or_insert_with(|| sentence.clone());
        }
    }
    out
}
