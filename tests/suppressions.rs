//! Inline suppressions in HTML and Markdown comments, on statements and on site pages, and
//! the report of suppressions that suppress nothing (PL003).

mod common;
use common::*;

fn codes(args: &[&str]) -> Vec<(String, u64)> {
    let (_, v) = json(args);
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

const HTML: &str = "<html><head><title>Privacyverklaring Bakkerij Bol</title></head><body>
<!-- privlint-disable-file retention, PL1101 -->
<p>Bakkerij Bol B.V. is verantwoordelijk.</p>
<!-- privlint-disable PL402 -->
<p>Wij kunnen uw gegevens aan derden verstrekken.</p>
<!-- privlint-enable PL402 -->
<!-- privlint-disable PL202 --><p>Welkom.</p><!-- privlint-enable PL202 -->
<!-- privlint-disable-next-line PL902 -- we want complaints to come to us first -->
<p>Heeft u een klacht? Neem dan contact met ons op.</p>
<!-- privlint-disable-next-line objection -->
<p>Nothing here.</p>
</body></html>
";

#[test]
fn html_comments_suppress_by_file_region_and_next_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.html");
    std::fs::write(&p, HTML).unwrap();
    let path = p.display().to_string();
    let without = codes(&["--isolated", &path]);
    let with: Vec<String> = without.iter().map(|(c, _)| c.clone()).collect();
    // retention (PL501) and PL1101 for the file; PL402 inside its region; PL902 on line 9.
    for gone in ["PL501", "PL1101", "PL902", "PL402"] {
        assert!(!with.contains(&gone.to_string()), "{gone} in {with:?}");
    }
    // The PL202 region closes before the sentence that has PL202 (line 9): still reported,
    // and its disable comment (line 7) suppressed nothing.
    assert!(without.contains(&("PL202".into(), 9)), "{without:?}");
    assert!(without.contains(&("PL003".into(), 7)), "{without:?}");
    // The next-line suppression for objection points at a line with no such finding.
    assert!(without.contains(&("PL003".into(), 10)), "{without:?}");
    assert_eq!(without.iter().filter(|(c, _)| c == "PL003").count(), 2);
    // Unsuppressed, the same text has all of them.
    let plain = dir.path().join("plain.html");
    std::fs::write(&plain, HTML.replace("privlint-", "note-")).unwrap();
    let all: Vec<String> = codes(&[&plain.display().to_string()])
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    for present in ["PL501", "PL1101", "PL902", "PL402"] {
        assert!(all.contains(&present.to_string()), "{present} in {all:?}");
    }
}

#[test]
fn markdown_comments_suppress_too() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("privacy.md");
    std::fs::write(
        &p,
        "# Privacy statement of Acme Ltd\n\n<!-- privlint-disable-file retention complaint -->\n\nWe keep your data no longer than necessary.\n\n<!-- privlint-disable-next-line PL402 -->\nWe may share your data with third parties.\n",
    )
    .unwrap();
    let got: Vec<String> = codes(&[&p.display().to_string()])
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    for gone in ["PL503", "PL901", "PL402"] {
        assert!(!got.contains(&gone.to_string()), "{gone} in {got:?}");
    }
    assert!(got.contains(&"PL601".to_string()), "{got:?}");
    assert!(
        !got.contains(&"PL003".to_string()),
        "every name was used: {got:?}"
    );
}

#[test]
fn a_page_form_can_be_suppressed_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("privacy")).unwrap();
    std::fs::copy(
        root().join("fixtures/statements/complete-nl.html"),
        site.join("privacy/index.html"),
    )
    .unwrap();
    let form =
        "<form action=\"/send\"><input name=\"email\" type=\"email\"><button>Go</button></form>";
    std::fs::write(
        site.join("contact.html"),
        format!("<title>Contact</title>\n<!-- privlint-disable-next-line PL020 -->\n{form}\n"),
    )
    .unwrap();
    std::fs::write(
        site.join("offerte.html"),
        format!(
            "<title>Offerte</title>\n<!-- privlint-disable-next-line PL020 -->\n<p>x</p>\n{form}\n"
        ),
    )
    .unwrap();
    let (_, v) = json(&["--isolated", &site.display().to_string()]);
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            (
                path.rsplit('/').next().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        !found.contains(&("contact.html".into(), "PL020".into())),
        "{found:?}"
    );
    // On offerte.html the comment is one line too early: the form is still reported, and the
    // comment is reported as suppressing nothing.
    assert!(
        found.contains(&("offerte.html".into(), "PL020".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("offerte.html".into(), "PL003".into())),
        "{found:?}"
    );
}
