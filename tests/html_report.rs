//! The HTML report: self-contained, escaped, and checked in a real browser (headless
//! Chromium): the DOM has the checklist and highlights, nothing from the statement runs, and
//! the console stays clean. Screenshots at desktop and phone width land in
//! `target/html-report/` for a person to look at.
//!
//! Without Chromium the browser tests are skipped, unless `PRIVLINT_BROWSER_TESTS=1` (set by
//! `.ci/run`, which installs Chromium), where a missing browser is a failure.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

const HOSTILE_TXT: &str = "Privacyverklaring Bakkerij Bol B.V.\n\n\
Wij bewaren facturen 7 jaar, omdat de Belastingdienst dat eist.\n\
<script>document.title='pwned'</script>\n\
<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">\n\
U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.\n";

const HOSTILE_HTML: &str = "<!DOCTYPE html><html><head><title>Privacy</title></head><body>\
<h1>Privacyverklaring</h1><p>Bakkerij Bol B.V. &lt;script&gt;document.title='pwned'&lt;/script&gt; \
bewaart facturen 7 jaar, omdat de wet dat eist.</p>\
<p>&lt;img src=x onerror=&quot;document.body.setAttribute('data-pwned','1')&quot;&gt;</p></body></html>";

fn browser() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHROMIUM").ok(),
        Some("/usr/bin/chromium".into()),
        Some("/usr/bin/chromium-browser".into()),
        Some("/usr/bin/google-chrome".into()),
    ];
    let found = candidates
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() && std::env::var("PRIVLINT_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        panic!("PRIVLINT_BROWSER_TESTS=1 but no Chromium found (set CHROMIUM)");
    }
    found
}

/// Runs headless Chromium on a file; returns (DOM after load, console lines).
fn chromium(bin: &Path, page: &Path, extra: &[String]) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("timeout");
    cmd.arg("120").arg(bin).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.path().display()));
    cmd.args(extra);
    cmd.arg(format!("file://{}", page.display()));
    let out = cmd.output().expect("run chromium");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

fn report(dir: &Path, inputs: &[&str], name: &str) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec!["check", "--format", "html", "-o"];
    let o = out.display().to_string();
    args.push(&o);
    args.extend_from_slice(inputs);
    let (code, _, err) = privlint(&args);
    assert!(code == 0 || code == 1, "{err}");
    out
}

#[test]
fn the_report_is_self_contained_and_escapes_statement_text() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("privacy.txt");
    std::fs::write(&txt, HOSTILE_TXT).unwrap();
    let html = dir.path().join("privacy.html");
    std::fs::write(&html, HOSTILE_HTML).unwrap();
    let page = report(
        dir.path(),
        &[&txt.display().to_string(), &html.display().to_string()],
        "report.html",
    );
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(!text.contains("<script"), "no script element at all");
    assert!(!text.contains("<img"), "the statement's img tag is text");
    assert!(text.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(text.contains("onerror=&quot;"));
    // Nothing is fetched: no URLs in src/href attributes, and a CSP forbids it anyway.
    assert!(!text.contains("src=\"") && !text.contains("href=\""));
    assert!(text.contains("Content-Security-Policy"));
    // Evidence highlighted, one checklist row per element.
    assert_eq!(text.matches("<tr data-element=").count(), 22);
    assert!(
        text.contains("<mark class=\"e4\""),
        "retention evidence is marked"
    );
}

#[test]
fn in_chromium_the_dom_has_highlights_and_nothing_runs() {
    let Some(bin) = browser() else {
        eprintln!("skipped: no Chromium");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("privacy.txt");
    std::fs::write(&txt, HOSTILE_TXT).unwrap();
    let html = dir.path().join("privacy.html");
    std::fs::write(&html, HOSTILE_HTML).unwrap();
    let page = report(
        dir.path(),
        &[
            &txt.display().to_string(),
            &html.display().to_string(),
            &fixture("statements/weak-nl.md"),
        ],
        "report.html",
    );
    let (dom, console) = chromium(&bin, &page, &["--dump-dom".into()]);
    assert!(
        dom.contains("<title>privlint-rapport</title>"),
        "title untouched: {dom:.300}"
    );
    assert!(
        !dom.contains("data-pwned=\"1\""),
        "the onerror text did not run"
    );
    assert!(
        dom.contains("setAttribute('data-pwned'"),
        "it is shown as text"
    );
    assert!(
        dom.contains("&lt;script&gt;"),
        "the script text is shown as text"
    );
    assert!(
        dom.matches("<mark class=\"e").count() >= 10,
        "highlights in the DOM"
    );
    assert!(
        dom.contains("class=\"finding error\""),
        "findings are shown"
    );
    assert!(console.is_empty(), "console: {console:?}");
}

#[test]
fn the_console_check_sees_errors() {
    // The harness must be able to fail: a page with a script error shows up in the console.
    let Some(bin) = browser() else {
        eprintln!("skipped: no Chromium");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>x</title><script>console.error('boom'); undefinedCall();</script>",
    )
    .unwrap();
    let (_, console) = chromium(&bin, &page, &["--dump-dom".into()]);
    assert!(
        console
            .iter()
            .any(|l| l.contains("boom") || l.contains("undefinedCall")),
        "{console:?}"
    );
}

#[test]
fn screenshots_at_desktop_and_phone_width() {
    let Some(bin) = browser() else {
        eprintln!("skipped: no Chromium");
        return;
    };
    let shots = root().join("target/html-report");
    std::fs::create_dir_all(&shots).unwrap();
    let page = report(
        &shots,
        &[
            &fixture("statements/weak-nl.md"),
            &fixture("statements/complete-nl.html"),
            &fixture("sites/built"),
        ],
        "report.html",
    );
    for (name, size) in [("desktop", "1280,2400"), ("phone", "390,2400")] {
        let png = shots.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&png);
        let (_, console) = chromium(
            &bin,
            &page,
            &[
                format!("--window-size={size}"),
                format!("--screenshot={}", png.display()),
            ],
        );
        assert!(console.is_empty(), "{name}: {console:?}");
        let bytes = std::fs::read(&png).unwrap_or_default();
        assert!(bytes.starts_with(b"\x89PNG"), "{name} screenshot written");
        // A blank page compresses to almost nothing; a rendered report does not.
        assert!(bytes.len() > 50_000, "{name}: {} bytes", bytes.len());
    }
}
