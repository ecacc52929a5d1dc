//! privlint.yaml: discovery from the current folder, `statement:` for a site scan, errors with
//! line and column, `--config` and `--isolated`.

use std::process::Command;

fn run(cwd: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_privlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn site(dir: &std::path::Path) {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pages")).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/statements/complete-nl.html");
    std::fs::copy(src, site.join("pages/over-ons.html")).unwrap();
    std::fs::write(site.join("index.html"), "<title>Home</title><p>Welkom</p>").unwrap();
}

#[test]
fn statement_from_the_nearest_config_file() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    // Found by walking up from the current folder.
    std::fs::write(
        dir.path().join("privlint.yaml"),
        "statement: [pages/over-ons.html]\nlang: en\n",
    )
    .unwrap();
    let (code, out, err) = run(&work, &["check", "--format", "json", "../site"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let roles: Vec<(&str, &str)> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["role"].as_str().unwrap()))
        .collect();
    assert!(
        roles.contains(&("../site/pages/over-ons.html", "statement")),
        "{roles:?}"
    );
    assert!(roles.contains(&("../site/index.html", "page")), "{roles:?}");
    // The config's `lang: en` gives English messages; --isolated ignores the file.
    let (_, out, _) = run(&work, &["check", "../site"]);
    assert!(out.contains("pages, 1 privacy statement,"), "{out}");
    let (_, out, _) = run(&work, &["check", "--isolated", "../site"]);
    assert!(out.contains("pagina's, 1 privacyverklaring,"), "{out}");
}

#[test]
fn config_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    std::fs::write(
        dir.path().join(".privlint.yaml"),
        "statement: []\nstatment: x\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["check", "site"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(".privlint.yaml:2:1") && err.contains("statment"),
        "{err}"
    );
    std::fs::write(dir.path().join("other.yaml"), "fail_on: sometimes\n").unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--config", "other.yaml", "site"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("other.yaml:1:10") && err.contains("sometimes"),
        "{err}"
    );
}

#[test]
fn fail_on_from_config_and_command_line_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let weak =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/statements/weak-nl.md");
    std::fs::write(dir.path().join("privlint.yaml"), "fail_on: never\n").unwrap();
    let (code, _, _) = run(dir.path(), &["check", weak.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, _, _) = run(
        dir.path(),
        &["check", "--fail-on", "error", weak.to_str().unwrap()],
    );
    assert_eq!(code, 1);
}

fn weak(dir: &std::path::Path) -> String {
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/statements/weak-en.txt");
    std::fs::create_dir_all(dir.join("blog")).unwrap();
    std::fs::copy(&src, dir.join("privacy.txt")).unwrap();
    std::fs::copy(&src, dir.join("blog/privacy.txt")).unwrap();
    "privacy.txt".to_string()
}

fn codes(out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["path"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn select_ignore_severity_and_per_path_ignores() {
    let dir = tempfile::tempdir().unwrap();
    weak(dir.path());
    std::fs::write(
        dir.path().join("privlint.yaml"),
        "select: [retention, PL901]\nignore: [PL501]\nseverity:\n  retention-no-period: error\n  PL901: note\nper_path_ignores:\n  \"blog/**\": [complaint]\n",
    )
    .unwrap();
    let (code, out, err) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "privacy.txt",
            "blog/privacy.txt",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let mut got = codes(&out);
    got.sort();
    assert_eq!(
        got,
        [
            "blog/privacy.txt:PL503:error",
            "privacy.txt:PL503:error",
            "privacy.txt:PL901:note",
        ],
        "{out}"
    );
    // The command line's --select replaces the file's; --ignore adds to it.
    let (_, out, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "PL901,PL503",
            "--ignore",
            "retention",
            "privacy.txt",
        ],
    );
    assert_eq!(codes(&out), ["privacy.txt:PL901:note"]);
    // A severity lowered to note no longer fails the run.
    let (code, _, _) = run(dir.path(), &["check", "--select", "PL901", "privacy.txt"]);
    assert_eq!(code, 0);
}

#[test]
fn unknown_selectors_and_element_ids_are_errors_with_position() {
    let dir = tempfile::tempdir().unwrap();
    weak(dir.path());
    for (yaml, needle) in [
        (
            "ignore: [PL503]\nselect: [retentoin]\n",
            "privlint.yaml:2:10: `retentoin` in select",
        ),
        (
            "severity:\n  PL9999: error\n",
            "privlint.yaml:2:11: `PL9999` in severity",
        ),
        (
            "phrases:\n  recipient: [Jansen]\n",
            "privlint.yaml:2:14: `recipient` in phrases",
        ),
        ("severity:\n  PL502: fatal\n", "privlint.yaml:2:10"),
        ("profile: strict\n", "privlint.yaml:1:10"),
        ("per_path_ignore: {}\n", "privlint.yaml:1:1"),
    ] {
        std::fs::write(dir.path().join("privlint.yaml"), yaml).unwrap();
        let (code, out, err) = run(dir.path(), &["check", "privacy.txt"]);
        assert_eq!(code, 2, "{yaml}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{yaml}: {err}");
    }
    let (code, _, err) = run(
        dir.path(),
        &["check", "--isolated", "--ignore", "PL5O3", "privacy.txt"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("`PL5O3` in ignore"), "{err}");
}

#[test]
fn a_project_vocabulary_makes_an_element_present() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.txt"),
        "Privacy statement of Acme Ltd.\n\nOrders go to the Paperclip Office.\n",
    )
    .unwrap();
    let status = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v["files"][0]["elements"]["recipients"]["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "p.txt"]);
    assert_eq!(status(&out), "missing");
    std::fs::write(
        dir.path().join("privlint.yaml"),
        "phrases:\n  recipients: [paperclip office]\n",
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "p.txt"]);
    assert_eq!(status(&out), "present");
}

#[test]
fn profiles_from_the_command_line_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    weak(dir.path());
    let elements = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v["files"][0]["elements"].as_object().unwrap().len()
    };
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "privacy.txt"]);
    assert_eq!(elements(&out), 11);
    let (_, out, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--profile",
            "gdpr",
            "privacy.txt",
        ],
    );
    assert_eq!(elements(&out), 19);
    std::fs::write(dir.path().join(".privlint.yaml"), "profile: gdpr\n").unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "privacy.txt"]);
    assert_eq!(elements(&out), 19);
    // The command line wins over the file.
    let (_, out, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--profile",
            "avg",
            "privacy.txt",
        ],
    );
    assert_eq!(elements(&out), 11);
}

#[test]
fn config_show_names_each_origin() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.path().join("privlint.yaml"),
        "lang: en\nfail_on: warning\nexclude: [drafts/**]\n",
    )
    .unwrap();
    let (code, out, err) = run(
        &nested,
        &[
            "config",
            "--show",
            "--fail-on",
            "never",
            "--profile",
            "gdpr",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let line = |key: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("{key} in {out}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let file = dir.path().join("privlint.yaml").display().to_string();
    assert_eq!(line("lang"), ["lang", "en", &format!("{file}:1")]);
    assert_eq!(line("fail_on"), ["fail_on", "never", "command", "line"]);
    assert_eq!(line("profile"), ["profile", "gdpr", "command", "line"]);
    assert_eq!(line("exclude"), ["exclude", "drafts/**", &file]);
    assert_eq!(line("ignore"), ["ignore", "(none)", "default"]);
    let (_, out, _) = run(&nested, &["config", "--show", "--isolated"]);
    assert!(out.starts_with("config file        (none)"), "{out}");
}

#[test]
fn config_without_show_checks_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("privlint.yaml"),
        "lang: en
",
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["config"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("privlint.yaml and the rules are valid"),
        "{out}"
    );
    assert!(
        !out.contains("fail_on"),
        "settings are listed only with --show: {out}"
    );
    std::fs::write(
        dir.path().join("privlint.yaml"),
        "lang: fr
",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["config"]);
    assert_eq!(code, 2);
    assert!(err.contains("privlint.yaml:1:"), "{err}");
}
