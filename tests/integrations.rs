//! The CI integrations (action.yml, .pre-commit-hooks.yaml, docs/ci.md, README) only use
//! options privlint has, and their commands work on a fixture.

mod common;
use common::*;

/// Every `--option` on a line that runs `privlint check`.
fn check_options(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.contains("privlint check")) {
        let rest = &line[line.find("privlint check").unwrap_or(0)..];
        for word in rest.split_whitespace() {
            if let Some(opt) = word.strip_prefix("--") {
                let opt: String = opt
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if !opt.is_empty() {
                    out.push(format!("--{opt}"));
                }
            }
        }
    }
    out
}

#[test]
fn documented_commands_use_real_options() {
    let (_, help, _) = privlint(&["check", "--help"]);
    let mut checked = 0;
    for file in [
        "action.yml",
        ".pre-commit-hooks.yaml",
        "docs/ci.md",
        "README.md",
    ] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        for opt in check_options(&text) {
            checked += 1;
            assert!(
                help.contains(&opt),
                "{file} uses {opt}, which `privlint check` lacks"
            );
        }
    }
    assert!(checked >= 20, "{checked} options checked");
}

#[test]
fn action_and_hooks_are_well_formed() {
    let action: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(root().join("action.yml")).unwrap())
            .expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "mode", "fail-on", "args"] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "{input}"
        );
    }
    let steps = action["runs"]["steps"].as_array().unwrap();
    assert!(steps.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))));

    let hooks: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .expect("hooks are YAML");
    let hooks = hooks.as_array().unwrap();
    assert_eq!(hooks[0]["id"], "privlint");
    assert_eq!(hooks[0]["language"], "rust");
    // The file pattern picks statements and leaves other pages alone.
    let pattern = regex::Regex::new(hooks[0]["files"].as_str().unwrap()).unwrap();
    assert!(
        pattern.is_match("public/privacyverklaring/index.html")
            || pattern.is_match("privacyverklaring.md")
    );
    assert!(pattern.is_match("content/Privacy-Policy.md"));
    assert!(!pattern.is_match("content/about.md"));
}

#[test]
fn the_pre_commit_entry_runs() {
    let hooks: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let entry = hooks[0]["entry"].as_str().unwrap();
    let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    args.push("fixtures/statements/weak-nl.md");
    let (code, out, _) = privlint(&args);
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .all(|l| l.starts_with("fixtures/statements/weak-nl.md:")),
        "{out}"
    );
}
