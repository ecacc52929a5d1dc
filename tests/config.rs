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
    assert!(out.contains("pages, 1 privacy statement(s)"), "{out}");
    let (_, out, _) = run(&work, &["check", "--isolated", "../site"]);
    assert!(out.contains("pagina's, 1 privacyverklaring(en)"), "{out}");
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
