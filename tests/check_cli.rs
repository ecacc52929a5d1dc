//! `privlint check` end to end: statuses, codes, exit codes, languages and the JSON promise.

mod common;
use common::*;

#[test]
fn complete_statements_have_every_element_present_and_exit_0() {
    for f in ["statements/complete-nl.html", "statements/complete-en.md"] {
        let (code, r) = json(&[&fixture(f)]);
        for e in ELEMENTS {
            assert_eq!(status(&r, 0, e), "present", "{f}: {e}");
        }
        assert_eq!(r["diagnostics"].as_array().map(|a| a.len()), Some(0), "{f}");
        assert_eq!(code, 0, "{f}");
    }
}

#[test]
fn weak_dutch_statement_gets_the_vague_cases_of_elements_md() {
    let (code, r) = json(&[&fixture("statements/weak-nl.md")]);
    let expect = [
        ("identity", "missing"),
        ("contact", "vague"),
        ("recipients", "vague"),
        ("retention", "vague"),
        ("access-rectification-erasure", "vague"),
        ("objection", "vague"),
        ("consent-withdrawal", "vague"),
        ("complaint", "vague"),
        ("legal-basis", "vague"),
        ("automated-processing", "vague"),
    ];
    for (e, s) in expect {
        assert_eq!(status(&r, 0, e), s, "{e}");
    }
    let codes: Vec<&str> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for c in [
        "PL101", "PL202", "PL402", "PL503", "PL602", "PL702", "PL802", "PL902", "PL1002", "PL1102",
    ] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    assert_eq!(code, 1);
}

#[test]
fn weak_english_text_statement() {
    let (_, r) = json(&[&fixture("statements/weak-en.txt")]);
    assert_eq!(r["files"][0]["language"], "en");
    assert_eq!(status(&r, 0, "identity"), "missing");
    assert_eq!(status(&r, 0, "purposes"), "vague");
    assert_eq!(status(&r, 0, "recipients"), "vague");
    assert_eq!(status(&r, 0, "retention"), "vague");
    assert_eq!(status(&r, 0, "complaint"), "missing");
    assert_eq!(status(&r, 0, "automated-processing"), "vague");
}

#[test]
fn placeholders_make_identity_and_contact_vague_with_their_own_codes() {
    let (_, r) = json(&[&fixture("statements/template-nl.html")]);
    assert_eq!(status(&r, 0, "identity"), "vague");
    assert_eq!(status(&r, 0, "contact"), "vague");
    assert_eq!(r["files"][0]["elements"]["identity"]["code"], "PL103");
    assert_eq!(r["files"][0]["elements"]["contact"]["code"], "PL203");
    // "Wij delen uw gegevens niet met derden" is an answer.
    assert_eq!(status(&r, 0, "recipients"), "present");
    let placeholder = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PL001")
        .expect("a template-placeholder diagnostic");
    assert_eq!(placeholder["line"], 3);
    assert_eq!(placeholder["column"], 4);
}

#[test]
fn missing_automated_processing_is_a_warning_alone() {
    let (_, r) = json(&[&fixture("statements/template-nl.html")]);
    let d = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["element"] == "automated-processing")
        .unwrap();
    assert_eq!(d["severity"], "warning");
    let missing_purposes = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["element"] == "purposes")
        .unwrap();
    assert_eq!(missing_purposes["severity"], "error");
    // A missing element points at the statement's first heading.
    assert_eq!(missing_purposes["line"], 2);
    assert_eq!(missing_purposes["column"], 5);
}

#[test]
fn fail_on_chooses_the_failing_severity() {
    let weak = fixture("statements/weak-nl.md");
    let complete = fixture("statements/complete-nl.html");
    assert_eq!(privlint(&["check", &weak]).0, 1);
    assert_eq!(privlint(&["check", "--fail-on", "never", &weak]).0, 0);
    assert_eq!(privlint(&["check", "--fail-on", "warning", &complete]).0, 0);
    // Only warnings: passes on errors, fails on warnings.
    let (code, r) = json(&[&fixture("encodings/utf8-bom.md")]);
    assert_eq!(code, 1);
    assert!(r["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn a_binary_file_is_exit_2_and_the_others_are_still_checked() {
    let (code, r) = json(&[
        &fixture("encodings/binary.html"),
        &fixture("statements/complete-nl.html"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(r["files"].as_array().unwrap().len(), 1);
    let err = r["errors"][0]["message"].as_str().unwrap();
    assert!(
        err.contains("binary.html") && err.contains("not a text file"),
        "{err}"
    );
    let (code, _, stderr) = privlint(&["check", &fixture("does/not/exist.html")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("exist.html"), "{stderr}");
}

#[test]
fn missing_path_reports_the_file() {
    let (code, out, err) = privlint(&["check", "no-such-file.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read no-such-file.html"), "{err}");
    assert!(
        out.contains("1 bestand kon niet worden gecontroleerd"),
        "{out}"
    );
}

#[test]
fn messages_in_both_languages() {
    let f = fixture("statements/weak-nl.md");
    let (_, nl, _) = privlint(&["check", "--lang", "nl", &f]);
    let (_, en, _) = privlint(&["check", "--lang", "en", &f]);
    assert!(
        nl.contains("de bewaartermijn is alleen in algemene termen beschreven"),
        "{nl}"
    );
    assert!(nl.contains("waarom:") && nl.contains("bijv.:"));
    assert!(
        en.contains("retention is described only in general terms"),
        "{en}"
    );
    assert!(en.contains("why:") && en.contains("e.g.:"));
    // Default: the statement's own language.
    let (_, default, _) = privlint(&["check", &fixture("statements/weak-en.txt")]);
    assert!(default.contains("why:"));
}

#[test]
fn json_has_every_promised_field() {
    let (_, r) = json(&[&fixture("statements/weak-nl.md")]);
    let f = &r["files"][0];
    for key in ["path", "role", "language", "elements"] {
        assert!(!f[key].is_null(), "files[0].{key}");
    }
    assert_eq!(f["role"], "statement");
    for e in ELEMENTS {
        let s = f["elements"][e]["status"].as_str().unwrap();
        assert!(["present", "vague", "missing"].contains(&s));
    }
    for d in r["diagnostics"].as_array().unwrap() {
        for key in [
            "code", "severity", "element", "message", "path", "start", "end", "line", "column",
        ] {
            assert!(d.get(key).is_some(), "diagnostic.{key}");
        }
        assert!(d["start"].as_u64() <= d["end"].as_u64());
    }
}

#[test]
fn colour_follows_flag_and_no_color() {
    let f = fixture("statements/weak-nl.md");
    let (_, plain, _) = privlint(&["check", &f]);
    assert!(!plain.contains('\u{1b}'));
    let (_, coloured, _) = privlint(&["check", "--color", "always", &f]);
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn rules_lists_every_code() {
    let (code, out, _) = privlint(&["rules"]);
    assert_eq!(code, 0);
    for c in ["PL101", "PL503", "PL1102", "PL001"] {
        assert!(out.contains(c), "{c}");
    }
    let (_, phrases, _) = privlint(&["rules", "--phrases"]);
    assert!(phrases.lines().any(|l| l == "autoriteit persoonsgegevens"));
}

/// The JSON report on a statement of `text`, and its PL002 (outdated law) diagnostic.
fn outdated_law_in(text: &str) -> (serde_json::Value, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("oud.md");
    std::fs::write(&p, text).unwrap();
    let (_, r) = json(&[p.to_str().unwrap()]);
    let d = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PL002")
        .unwrap_or_else(|| panic!("no PL002 for {text:?}"))
        .clone();
    (r, d)
}

#[test]
fn outdated_law_is_its_own_warning() {
    let (_, d) = outdated_law_in(
        "# Privacyverklaring\n\nWij houden ons aan de Wet bescherming persoonsgegevens (Wbp).\n",
    );
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(23))
    );
    assert_eq!(d["secondary"].as_array().unwrap().len(), 1);

    // Belgium's authority by its former name: outdated, yet an authority to complain to.
    let (r, d) = outdated_law_in(
        "# Privacyverklaring\n\nKlachten kunt u richten aan de Privacycommissie in Brussel.\n",
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(32))
    );
    assert_eq!(r["files"][0]["elements"]["complaint"]["status"], "present");
}
