//! SARIF 2.1.0: every fixture's output validates against the official schema (a copy in
//! tests/data, from OASIS), with rules, help, relative URIs and stable fingerprints.

mod common;
use common::*;

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema copy in tests/data"),
    )
    .expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn sarif(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let (code, out, err) = privlint(&all);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}\n{err}"));
    (code, v)
}

fn assert_valid(v: &serde_json::Value, what: &str) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {}", errors.join("\n"));
}

#[test]
fn every_fixture_validates_against_the_schema() {
    let cases: &[&[&str]] = &[
        &["fixtures/statements/complete-nl.html"],
        &["fixtures/statements/complete-en.md"],
        &["fixtures/statements/template-nl.html"],
        &["fixtures/statements/weak-en.txt"],
        &["fixtures/statements/weak-nl.md"],
        &["fixtures/encodings/utf16le-bom.txt"],
        &["fixtures/encodings/windows-1252.txt"],
        &["fixtures/encodings/utf8-bom.md"],
        &["fixtures/encodings/binary.html"],
        &["fixtures/sites/built"],
        &["fixtures/sites/jekyll"],
        &["fixtures/sites/nostatement"],
        &["fixtures/statements/weak-en.txt", "does-not-exist.html"],
    ];
    for args in cases {
        let (_, v) = sarif(args);
        assert_valid(&v, &args.join(" "));
        // Nothing trivially empty passes: the fixtures do produce results or notifications.
        let run = &v["runs"][0];
        let results = run["results"].as_array().unwrap().len();
        let notes = run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .len();
        assert!(
            results + notes > 0 || args[0].contains("complete"),
            "{args:?}"
        );
    }
}

#[test]
fn the_schema_check_catches_a_broken_log() {
    let (_, mut v) = sarif(&["fixtures/statements/weak-en.txt"]);
    v["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator().is_valid(&v));
}

#[test]
fn rules_carry_explain_help_and_results_point_into_them() {
    let (code, v) = sarif(&["--lang", "en", "fixtures/statements/weak-en.txt"]);
    assert_eq!(code, 1);
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let pl503 = rules.iter().find(|r| r["id"] == "PL503").unwrap();
    assert_eq!(pl503["name"], "retention-no-period");
    assert!(pl503["help"]["text"]
        .as_str()
        .unwrap()
        .contains("Example that fails:"));
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "PL503")
        .unwrap();
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "PL503");
    assert_eq!(result["level"], "warning");
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "fixtures/statements/weak-en.txt"
    );
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 7);
    assert_eq!(loc["region"]["startColumn"], 19);
    // The byte offset points at the evidence in the file on disk.
    let text = std::fs::read(root().join("fixtures/statements/weak-en.txt")).unwrap();
    let start = loc["region"]["byteOffset"].as_u64().unwrap() as usize;
    let len = loc["region"]["byteLength"].as_u64().unwrap() as usize;
    let evidence = String::from_utf8_lossy(&text[start..start + len]).to_lowercase();
    assert!(evidence.contains("necessary"), "{evidence}");
}

#[test]
fn fingerprints_survive_edits_elsewhere_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(root().join("fixtures/statements/weak-en.txt")).unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, &original).unwrap();
    let prints = |path: &str| -> Vec<(String, String)> {
        let (_, v) = sarif(&[path]);
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["privlint/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let path = a.display().to_string();
    let before = prints(&path);
    std::fs::write(
        &a,
        format!("\n\nAn extra paragraph at the top.\n\n{original}"),
    )
    .unwrap();
    let after = prints(&path);
    assert!(!before.is_empty());
    assert_eq!(before, after);
    let mut unique: Vec<&String> = before.iter().map(|(_, f)| f).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "fingerprints are unique");
}
