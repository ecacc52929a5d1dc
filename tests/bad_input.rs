//! Nothing breaks privlint: bad, hostile and huge input. Every case asserts the exit status,
//! the message, and what else was still checked. Large inputs are generated here, not
//! committed.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn good() -> String {
    fixture("statements/complete-nl.html")
}

#[test]
fn empty_and_whitespace_files_are_statements_with_everything_missing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [("empty.html", ""), ("ws.md", "  \n\n\t \n")] {
        let p = write(dir.path(), name, body.as_bytes());
        let (code, r) = json(&[&p]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(status(&r, 0, "identity"), "missing");
        assert_eq!(status(&r, 0, "retention"), "missing");
        // A missing element of an empty file points at its start.
        assert_eq!(r["diagnostics"][0]["start"], 0);
    }
}

#[test]
fn binary_and_nul_files_are_skipped_with_exit_2_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(
        dir.path(),
        "logo.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    let nul = write(dir.path(), "nul.html", b"<p>abc\0def</p>");
    let (code, r) = json(&[&png, &nul, &good()]);
    assert_eq!(code, 2);
    assert_eq!(r["files"].as_array().unwrap().len(), 1);
    let errs: Vec<&str> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(errs.len(), 2);
    assert!(
        errs.iter().all(|m| m.contains("not a text file")),
        "{errs:?}"
    );
    assert!(errs[0].contains("logo.html") && errs[1].contains("nul.html"));
}

#[test]
fn invalid_utf8_and_windows_1252_without_charset_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "p.html", b"<h1>Privacyverklaring Caf\xe9 Zo\xeb</h1><p>Wij bewaren uw gegevens niet langer dan noodzakelijk.</p>");
    let (code, r) = json(&[&p]);
    assert_eq!(code, 1);
    assert_eq!(r["files"][0]["encoding"], "windows-1252");
    assert_eq!(r["files"][0]["title"], "Privacyverklaring Café Zoë");
    assert_eq!(status(&r, 0, "retention"), "vague");
}

#[test]
fn utf16_with_and_without_bom_both_byte_orders() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Privacyverklaring\n\nWij bewaren uw gegevens niet langer dan noodzakelijk.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let cases = [
        ("le-bom.txt", [&[0xFF, 0xFE][..], &le].concat(), "UTF-16LE"),
        ("be-bom.txt", [&[0xFE, 0xFF][..], &be].concat(), "UTF-16BE"),
        ("le.txt", le.clone(), "UTF-16LE"),
        ("be.txt", be.clone(), "UTF-16BE"),
    ];
    for (name, bytes, enc) in cases {
        let p = write(dir.path(), name, &bytes);
        let (code, r) = json(&[&p]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(r["files"][0]["encoding"], enc, "{name}");
        let ev = &r["files"][0]["elements"]["retention"]["evidence"][0];
        let (s, e) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        assert_eq!((e - s) % 2, 0, "{name}: whole code units");
        assert_eq!(ev["line"], 3, "{name}");
    }
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    // 200 MB, sparse: the size check happens before reading.
    let big = dir.path().join("huge.html");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let (code, r) = json(&[big.to_str().unwrap(), &good()]);
    assert_eq!(code, 2);
    let msg = r["errors"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("huge.html") && msg.contains("--max-file-size"),
        "{msg}"
    );
    assert_eq!(r["files"].as_array().unwrap().len(), 1);
    // The limit is configurable.
    let (code, r) = json(&["--max-file-size", "1000", &good()]);
    assert_eq!(code, 2);
    assert!(r["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("limit of 1000 bytes"));
}

#[test]
fn deep_nesting_unclosed_tags_and_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let nested = format!(
        "{}<p>Wij bewaren uw gegevens niet langer dan noodzakelijk.</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let quotes = format!(
        "{} Wij bewaren uw gegevens niet langer dan noodzakelijk.\n",
        ">".repeat(100_000)
    );
    let cases = [
        ("nested.html", nested),
        ("quotes.md", quotes),
        ("unclosed.html", "<p>Wij bewaren uw gegevens niet langer dan noodzakelijk.<div><span><!-- never closed".to_string()),
        ("script.html", "<p>Wij bewaren uw gegevens niet langer dan noodzakelijk.</p><script>var s = '<p>cookies</p>".to_string()),
        ("broken.html", "<p <<a href=\"x>Wij bewaren uw gegevens niet langer dan noodzakelijk.</p></</>&#xFFFFFFFF;&#0;&".to_string()),
    ];
    for (name, body) in cases {
        let p = write(dir.path(), name, body.as_bytes());
        let (code, r) = json(&[&p]);
        assert_eq!(code, 1, "{name}");
        assert_ne!(status(&r, 0, "retention"), "?", "{name}");
        if name != "broken.html" {
            assert_eq!(status(&r, 0, "retention"), "vague", "{name}");
        }
        if name == "script.html" {
            // Text inside the unclosed script is not statement text.
            assert_eq!(status(&r, 0, "automated-processing"), "missing");
        }
    }
}

#[test]
fn ten_thousand_forms_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><body>{}</body></html>",
        "<form><input type=\"email\" name=\"email\"></form>".repeat(10_000)
    );
    write(dir.path(), "site/index.html", page.as_bytes());
    let (code, r) = json(&[dir.path().join("site").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(r["files"][0]["forms"].as_array().unwrap().len(), 10_000);
    let pl020 = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "PL020")
        .count();
    assert_eq!(pl020, 10_000);
    assert!(r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "PL010"));
}

#[test]
fn a_fifty_megabyte_line_without_newline() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "Wij bewaren uw gegevens niet langer dan noodzakelijk en delen ze met derden ";
    let mut line = unit.repeat(50 * 1024 * 1024 / unit.len() + 1);
    line.truncate(50 * 1024 * 1024);
    let p = write(dir.path(), "long.txt", line.as_bytes());
    let (code, r) = json(&[&p]);
    assert_eq!(code, 1);
    assert_eq!(
        status(&r, 0, "retention"),
        "vague",
        "{}",
        r["files"][0]["elements"]["retention"]
    );
    assert_eq!(status(&r, 0, "recipients"), "vague");
    let ev = &r["files"][0]["elements"]["retention"]["evidence"][0];
    assert_eq!(ev["line"], 1);
}

#[test]
fn ten_megabytes_of_template_text() {
    // A placeholder every few words, and an address written out against spam ("[at]", which is
    // no placeholder) in every sentence: each match is looked up among hundreds of thousands of
    // both.
    let dir = tempfile::tempdir().unwrap();
    let unit = "[Bedrijfsnaam] bewaart uw gegevens en deelt ze met derden. \
                Mail naar info [at] voorbeeld [dot] nl. ";
    let mut text = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    text.truncate(10 * 1024 * 1024);
    let p = write(dir.path(), "template.txt", text.as_bytes());
    let (code, r) = json(&[&p]);
    assert_eq!(code, 1);
    assert_eq!(r["files"][0]["elements"]["identity"]["code"], "PL103");
    assert_eq!(status(&r, 0, "contact"), "present");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_vanished_files_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write(
        &site,
        "privacy.html",
        std::fs::read(good()).unwrap().as_slice(),
    );
    std::os::unix::fs::symlink(&site, site.join("loop")).unwrap();
    // A file that disappeared after it was listed: a link to nothing.
    std::os::unix::fs::symlink(site.join("gone.html"), site.join("vanished.html")).unwrap();
    let (code, r) = json(&[site.to_str().unwrap()]);
    assert_eq!(code, 2);
    let errs: Vec<&str> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        errs.iter().any(|m| m.contains("symbolic link loop")),
        "{errs:?}"
    );
    assert!(errs.iter().any(|m| m.contains("vanished.html")), "{errs:?}");
    assert_eq!(r["files"][0]["role"], "statement");
    assert_eq!(r["files"].as_array().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn a_folder_without_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write(
        &site,
        "privacy.html",
        std::fs::read(good()).unwrap().as_slice(),
    );
    let locked = site.join("locked");
    write(&locked, "page.html", b"<p>x</p>");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_can_read = std::fs::read_dir(&locked).is_ok();
    let (code, r) = json(&[site.to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if root_can_read {
        // Running as root: permissions do not apply, the folder is read.
        assert_eq!(code, 0, "{r}");
        return;
    }
    assert_eq!(code, 2);
    assert!(r["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("locked"));
    assert_eq!(r["files"].as_array().unwrap().len(), 1);
}

fn rule(extra_signal: &str, phrases: &str, id: &str, code: &str) -> String {
    format!(
        "id: {id}\nnumber: 5\nname: {{nl: a, en: b}}\narticle: {{nl: a, en: b}}\nwhy: {{nl: a, en: b}}\nexample: {{nl: a, en: b}}\n\
         signals:\n  period:\n    phrases: {phrases}\n{extra_signal}present:\n  - kind: together\n    all: [period]\nmissing:\n  code: {code}\n  name: x\n  message: {{nl: a, en: b}}\n"
    )
}

#[test]
fn hostile_rule_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A billion laughs: nine levels of nine aliases.
    let mut bomb = String::from(
        "headings: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for i in 1..10u8 {
        let n = (b'a' + i) as char;
        bomb.push_str(&format!("x{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        prev = n;
    }
    let cases: Vec<(String, &str)> = vec![
        (write(d, "bomb.yaml", bomb.as_bytes()), "bomb.yaml:"),
        (
            write(
                d,
                "regex.yaml",
                rule(
                    "    patterns: ['(a{1000}){1000}']\n",
                    "[bewaren]",
                    "retention",
                    "PL501",
                )
                .as_bytes(),
            ),
            "exceeds size limit",
        ),
        (
            write(
                d,
                "deep.yaml",
                format!("id: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
            ),
            "deep.yaml:1:",
        ),
        (write(d, "binary.yaml", b"\0\x01\x02\xff"), "binary.yaml"),
    ];
    for (path, want) in &cases {
        let (code, _, err) = privlint(&["check", "--rules", path, &good()]);
        assert_eq!(code, 2, "{path}: {err}");
        assert!(err.contains(want), "{path}: {err}");
    }
    // 100,000 phrases load and work.
    let many = format!(
        "[{}, bewaren]",
        (0..100_000)
            .map(|i| format!("\"woord{i} x\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let p = write(
        d,
        "many.yaml",
        rule("", &many, "retention", "PL501").as_bytes(),
    );
    let (code, r) = json(&["--rules", &p, &fixture("statements/weak-nl.md")]);
    assert_eq!(code, 1);
    assert_eq!(status(&r, 0, "retention"), "present");
    // Duplicate ids in two of the user's files.
    let a = write(d, "a.yaml", rule("", "[x]", "custom", "PL950").as_bytes());
    let b = write(d, "b.yaml", rule("", "[y]", "custom", "PL951").as_bytes());
    let (code, _, err) = privlint(&["check", "--rules", &a, "--rules", &b, &good()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("duplicate element id `custom`") && err.contains("b.yaml:1:5"),
        "{err}"
    );
}

#[test]
fn report_file_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("report.json");
    std::fs::write(&out, "old").unwrap();
    let (code, stdout, _) = privlint(&[
        "check",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
        &good(),
    ]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["files"][0]["role"], "statement");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // An unwritable destination is exit 2 and leaves nothing behind.
    let (code, _, err) = privlint(&["check", "-o", "/nonexistent-dir/r.json", &good()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write the report"), "{err}");
}
