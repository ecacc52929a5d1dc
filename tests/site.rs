//! Site scans on fixture sites: statements found, forms checked for a link to the statement,
//! trackers held against the statement, and a stable, thread-independent report.

mod common;
use common::*;
use serde_json::Value;

fn file<'a>(r: &'a Value, suffix: &str) -> &'a Value {
    r["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no file ending in {suffix}"))
}

fn diags<'a>(r: &'a Value, code: &str) -> Vec<&'a Value> {
    r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

#[test]
fn built_site_statements_pages_and_roles() {
    let (code, r) = json(&["fixtures/sites/built"]);
    assert_eq!(code, 1);
    let paths: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files sorted by path");
    assert!(!paths
        .iter()
        .any(|p| p.contains(".hidden") || p.contains("node_modules")));
    assert_eq!(file(&r, "privacy/index.html")["role"], "statement");
    assert_eq!(file(&r, "en/privacy-policy.html")["role"], "statement");
    assert_eq!(file(&r, "en/privacy-policy.html")["language"], "en");
    assert_eq!(file(&r, "contact/index.html")["role"], "page");
    assert_eq!(r["sites"][0]["statements"], 2);
    assert_eq!(r["sites"][0]["pages_with_forms"], 3);
    // JSON saved as .html has no forms.
    assert_eq!(
        file(&r, "wp-json/index.html")["forms"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn form_without_link_is_an_error_at_the_form_tag() {
    let (_, r) = json(&["fixtures/sites/built"]);
    let d = diags(&r, "PL020");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0]["path"].as_str().unwrap().ends_with("offerte.html"));
    assert_eq!(d[0]["severity"], "error");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(4), Some(1))
    );
    let msg = d[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("Uw naam") && msg.contains("Telefoonnummer") && msg.contains("/privacy/"),
        "{msg}"
    );
    let bytes = std::fs::read("fixtures/sites/built/offerte.html").unwrap();
    let s =
        &bytes[d[0]["start"].as_u64().unwrap() as usize..d[0]["end"].as_u64().unwrap() as usize];
    assert_eq!(s, br#"<form method="post" action="/bedankt.html">"#);
}

#[test]
fn link_inside_the_form_passes_and_a_far_link_warns() {
    let (_, r) = json(&["fixtures/sites/built"]);
    let contact = &file(&r, "contact/index.html")["forms"][0];
    assert_eq!(contact["links_to_statement"], true);
    assert_eq!(contact["link_near_form"], true);
    assert_eq!(contact["service"], "formspree");
    // `_replyto` is Formspree's e-mail field, `_gotcha` its honeypot.
    assert_eq!(
        contact["personal_data"],
        serde_json::json!(["Naam", "E-mailadres", "Bericht"])
    );
    let far = diags(&r, "PL021");
    assert_eq!(far.len(), 1);
    assert!(far[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("nieuwsbrief/index.html"));
    assert_eq!(
        file(&r, "nieuwsbrief/index.html")["forms"][0]["service"],
        "mailchimp"
    );
    // A search form asks for nothing personal.
    assert_eq!(
        file(&r, "zoeken.html")["forms"][0]["personal_data"],
        serde_json::json!([])
    );
}

#[test]
fn trackers_make_cookies_an_error_and_unnamed_providers_a_warning() {
    let (_, r) = json(&["fixtures/sites/built"]);
    let ids: Vec<&str> = file(&r, "built/index.html")["trackers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["google-analytics", "youtube"]);
    // The Dutch statement says nothing on cookies: an error on a tracking site.
    let nl = file(&r, "privacy/index.html");
    assert_eq!(nl["elements"]["automated-processing"]["status"], "missing");
    let d = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["element"] == "automated-processing"
                && d["path"].as_str().unwrap().ends_with("privacy/index.html")
        })
        .unwrap();
    assert_eq!(d["severity"], "error");
    // Providers never named: the Dutch statement names Formspree but not Google or Mailchimp
    // (form actions count: the form's data goes there); the English one names Google.
    let providers = |suffix: &str| -> Vec<String> {
        let mut v: Vec<String> = diags(&r, "PL030")
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(suffix))
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let nl = providers("built/privacy/index.html");
    assert_eq!(nl.len(), 2, "{nl:?}");
    assert!(
        nl[0].contains("Google Analytics, YouTube") && nl[0].contains("noemt Google nergens"),
        "{nl:?}"
    );
    assert!(nl[1].contains("Intuit Mailchimp"), "{nl:?}");
    let en = providers("en/privacy-policy.html");
    assert_eq!(en.len(), 2, "{en:?}");
    assert!(
        en.iter().any(|m| m.contains("names Formspree"))
            && !en.iter().any(|m| m.contains("Google")),
        "{en:?}"
    );
    let google = diags(&r, "PL030")
        .into_iter()
        .find(|d| d["message"].as_str().unwrap().contains("noemt Google"))
        .unwrap();
    let secondary = &google["secondary"][0];
    assert!(
        secondary["path"]
            .as_str()
            .unwrap()
            .ends_with("built/index.html"),
        "{secondary}"
    );
    assert_eq!(secondary["line"], 4);
    let bytes = std::fs::read("fixtures/sites/built/index.html").unwrap();
    let at = &bytes[secondary["start"].as_u64().unwrap() as usize
        ..secondary["end"].as_u64().unwrap() as usize];
    assert_eq!(at, b"googletagmanager.com/gtag/js");
}

#[test]
fn jekyll_source_tree_permalinks_includes_and_liquid_links() {
    let (_, r) = json(&["fixtures/sites/jekyll"]);
    assert_eq!(file(&r, "_pages/privacyverklaring.md")["role"], "statement");
    // The footer include links to {{ '/privacy/' | relative_url }}: every page links, but the
    // contact page not at its form.
    let contact = &file(&r, "_pages/contact.md")["forms"][0];
    assert_eq!(contact["links_to_statement"], true);
    assert_eq!(contact["link_near_form"], false);
    // `[privacyverklaring]({% link _pages/privacyverklaring.md %})` right under the form.
    assert_eq!(
        file(&r, "_pages/aanmelden.md")["forms"][0]["link_near_form"],
        true
    );
    assert_eq!(diags(&r, "PL021").len(), 1);
    assert_eq!(diags(&r, "PL020").len(), 0);
    // Matomo in an include: found, and named by the statement.
    assert_eq!(
        file(&r, "_includes/analytics.html")["trackers"][0]["id"],
        "matomo"
    );
    assert_eq!(file(&r, "_includes/analytics.html")["template"], true);
    // Matomo is named; Formspree, where both forms send their data, is not.
    let p = diags(&r, "PL030");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0]["message"].as_str().unwrap().contains("Formspree"));
}

#[test]
fn a_site_without_statement_says_so() {
    let (code, r) = json(&["fixtures/sites/nostatement"]);
    assert_eq!(code, 1);
    let d = diags(&r, "PL010");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["severity"], "error");
    assert!(d[0]["path"].as_str().unwrap().ends_with("index.html"));
    assert_eq!(diags(&r, "PL020").len(), 1);
}

#[test]
fn statement_option_and_globs() {
    let (_, r) = json(&["--statement", "index.html", "fixtures/sites/nostatement"]);
    assert_eq!(file(&r, "index.html")["role"], "statement");
    assert_eq!(diags(&r, "PL010").len(), 0);
    let (_, r) = json(&[
        "--exclude",
        "offerte.html",
        "--exclude",
        "en/**",
        "fixtures/sites/built",
    ]);
    assert!(r["files"].as_array().unwrap().iter().all(|f| {
        let p = f["path"].as_str().unwrap();
        !p.ends_with("offerte.html") && !p.contains("/en/")
    }));
    let (code, _, err) = privlint(&["check", "--include", "[", "fixtures/sites/built"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid glob"), "{err}");
}

#[test]
fn output_is_the_same_with_one_thread_and_many() {
    let one = privlint(&[
        "check",
        "--format",
        "json",
        "--threads",
        "1",
        "fixtures/sites/built",
    ]);
    let many = privlint(&[
        "check",
        "--format",
        "json",
        "--threads",
        "8",
        "fixtures/sites/built",
    ]);
    assert_eq!(one.1, many.1);
    let one = privlint(&["check", "--threads", "1", "fixtures/sites/jekyll"]);
    let many = privlint(&["check", "--threads", "8", "fixtures/sites/jekyll"]);
    assert_eq!(one.1, many.1);
}

#[test]
fn scanning_writes_nothing_into_the_folder() {
    fn snapshot(dir: &std::path::Path, out: &mut Vec<(String, std::time::SystemTime, u64)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            out.push((
                e.path().display().to_string(),
                m.modified().unwrap(),
                m.len(),
            ));
            if m.is_dir() {
                snapshot(&e.path(), out);
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir(&site).unwrap();
    for f in ["index.html", "offerte.html", "zoeken.html"] {
        std::fs::copy(format!("fixtures/sites/built/{f}"), site.join(f)).unwrap();
    }
    let mut before = Vec::new();
    snapshot(&site, &mut before);
    let (code, _, _) = privlint(&["check", site.to_str().unwrap()]);
    assert_eq!(code, 1);
    let mut after = Vec::new();
    snapshot(&site, &mut after);
    assert_eq!(before, after);
}

#[test]
fn human_summary_of_a_site() {
    let (_, out, _) = privlint(&["check", "--lang", "en", "fixtures/sites/built"]);
    assert!(out.contains("8 pages, 2 privacy statements, 3 pages with forms asking for personal data, 2 pages with trackers"), "{out}");
    assert!(
        out.contains("error[PL020/form-without-privacy-link]"),
        "{out}"
    );
    // The provider warning shows the page where the tracker was found, with the line itself
    // (the page is read again for it: a site scan keeps no page text).
    assert!(out.contains("fixtures/sites/built/index.html:4:"), "{out}");
    assert!(
        out.contains(
            "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-TEST123\"></script>"
        ),
        "{out}"
    );
}

/// The command line writes each file as the scan hands it on (two passes, page facts in a
/// temporary file between them); the library can also collect the whole run and render it at
/// once. Both must give the same report, byte for byte.
#[test]
fn streamed_reports_equal_the_reports_of_the_whole_run() {
    use privlint::report::{human, json, Run};
    use privlint::rules::{Profile, RuleSet};
    let rules = RuleSet::builtin(Profile::Avg).expect("built-in rules");
    let trackers = privlint::site::trackers::Trackers::builtin().expect("trackers");
    let opts = privlint::site::SiteOptions::default();
    // cargo runs tests from the crate root, as `privlint()` runs the binary.
    assert_eq!(std::env::current_dir().expect("cwd"), root());
    for site in [
        "fixtures/sites/built",
        "fixtures/sites/jekyll",
        "fixtures/sites/nostatement",
    ] {
        let (mut files, errors, summary) =
            privlint::site::scan(std::path::Path::new(site), &rules, &trackers, &opts);
        let settings = privlint::settings::resolve(
            &privlint::config::Config::default(),
            None,
            &Default::default(),
        );
        let mut pipeline =
            privlint::pipeline::Pipeline::new(&rules, &settings, &root(), None, false, None)
                .expect("pipeline");
        for f in &mut files {
            pipeline.process(f);
        }
        let run = Run {
            files,
            errors,
            sites: vec![summary],
            ..Run::default()
        };
        let (_, streamed, _) = privlint(&["check", "--format", "json", site]);
        assert_eq!(json::render(&run), streamed, "{site}");
        let (_, streamed, _) = privlint(&["check", site]);
        let whole = String::from_utf8(human::render(&run, None, false)).expect("utf-8");
        assert_eq!(whole, streamed, "{site}");
    }
}

/// Statements are judged beside the second pass; the reports that come after a statement wait
/// for its judgement. A site of several chunks with statements first, in the middle and last
/// keeps path order and the statements' judgements, with one thread and with two.
#[test]
fn statements_anywhere_in_a_large_site_keep_their_place_and_judgement() {
    let dir = tempfile::tempdir().expect("temp dir");
    let statement = std::fs::read_to_string(root().join("fixtures/sites/built/privacy/index.html"))
        .expect("fixture statement");
    for name in ["a-privacy.html", "m-privacy.html", "z-privacy.html"] {
        std::fs::write(dir.path().join(name), &statement).expect("write statement");
    }
    for i in 0..300 {
        let name = format!("{}-page-{i:03}.html", if i < 150 { "b" } else { "n" });
        let page = format!(
            "<!DOCTYPE html><html><head><title>Page {i}</title></head><body><p>Text {i}.</p>\
             <a href=\"/a-privacy.html\">Privacy</a></body></html>"
        );
        std::fs::write(dir.path().join(name), page).expect("write page");
    }
    let site = dir.path().to_str().expect("utf-8 path");
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let (_, out, _) = privlint(&["check", "--format", "json", "--threads", threads, site]);
        let r: Value = serde_json::from_str(&out).expect("json");
        let files = r["files"].as_array().expect("files");
        assert_eq!(files.len(), 303);
        let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "files sorted by path");
        let statements: Vec<usize> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| f["role"] == "statement")
            .map(|(i, _)| i)
            .collect();
        assert_eq!(statements, [0, 151, 302]);
        for &i in &statements {
            assert_eq!(files[i]["elements"]["identity"]["status"], "present");
            assert_eq!(files[i]["elements"]["purposes"]["status"], "present");
        }
        outputs.push(out);
    }
    assert_eq!(outputs[0], outputs[1]);
}
