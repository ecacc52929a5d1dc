//! Properties of the extractors and the judge, on generated documents: every span is inside
//! the file and on character boundaries, the source a span points at extracts back to the text
//! that was matched, and a file gives the same result alone and inside a folder.

use privlint::check::{check_statement, CheckOptions};
use privlint::document::Format;
use privlint::extract::extract;
use privlint::normalize::normalize_phrase;
use privlint::rules::{Profile, RuleSet};
use privlint::source::Source;
use proptest::prelude::*;

/// Pieces a statement is made of: phrases of the rules, other words, markup, entities,
/// multi-byte characters, line endings.
fn piece(format: Format) -> impl Strategy<Value = String> {
    let words = prop_oneof![
        Just("Wij bewaren uw gegevens niet langer dan noodzakelijk.".to_string()),
        Just("U heeft recht op inzage, correctie en verwijdering.".to_string()),
        Just("Neem contact op via info@bakkerij.example.".to_string()),
        Just("Wij delen uw gegevens niet met derden.".to_string()),
        Just("Een klacht kunt u indienen bij de Autoriteit Persoonsgegevens.".to_string()),
        Just("café Zoë — “aanhalingstekens” ½ 😀".to_string()),
        "[a-zA-Z éëï]{0,20}".prop_map(|s| s),
    ];
    let markup: BoxedStrategy<String> = match format {
        Format::Html => prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<strong>".to_string()),
            Just("</strong>".to_string()),
            Just("<h2>Bewaren</h2>".to_string()),
            Just("&eacute;".to_string()),
            Just("&nbsp;".to_string()),
            Just("&amp;".to_string()),
            Just("&#8217;".to_string()),
            Just("<br>".to_string()),
            Just("<!-- c -->".to_string()),
            Just("<script>x<y</script>".to_string()),
            Just("\r\n".to_string()),
        ]
        .boxed(),
        Format::Markdown => prop_oneof![
            Just("\n\n".to_string()),
            Just("**".to_string()),
            Just("_".to_string()),
            Just("## Bewaren\n".to_string()),
            Just("[link](https://x.example/privacy)".to_string()),
            Just("&eacute;".to_string()),
            Just("- ".to_string()),
            Just("\\*".to_string()),
            Just("\r\n".to_string()),
            Just("<em>x</em>".to_string()),
        ]
        .boxed(),
        Format::Text => prop_oneof![
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string())
        ]
        .boxed(),
    };
    prop_oneof![3 => words, 2 => markup]
}

fn document(format: Format) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(format), 0..40).prop_map(|v| v.join(" "))
}

fn formats() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Html),
        Just(Format::Markdown),
        Just(Format::Text)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_text_byte_maps_inside_the_source_on_char_boundaries(
        (format, src) in formats().prop_flat_map(|f| (Just(f), document(f)))
    ) {
        let doc = extract(&src, format);
        for (i, _) in doc.text.char_indices() {
            let r = doc.source_range(i..i + 1);
            prop_assert!(r.start <= r.end && r.end <= src.len(), "{r:?} outside {}", src.len());
            prop_assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        }
    }

    #[test]
    fn evidence_spans_extract_back_to_the_matched_text(
        (format, src) in formats().prop_flat_map(|f| (Just(f), document(f)))
    ) {
        let rules = RuleSet::builtin(Profile::Avg).unwrap();
        let report = check_statement(Source::from_string("p", &src), format, &rules, CheckOptions::default());
        for e in &report.elements {
            for (range, text) in &e.evidence {
                prop_assert!(range.end <= src.len() && src.is_char_boundary(range.start) && src.is_char_boundary(range.end));
                let slice = &src[range.clone()];
                // The slice, extracted on its own, holds the matched words.
                let again = extract(slice, format).text;
                let want = normalize_phrase(text);
                let got = normalize_phrase(&again);
                prop_assert!(got.contains(&want) || want.contains(&got) && !got.is_empty(),
                    "{}: span {:?} = {:?} extracts to {:?}, matched {:?}", e.id, range, slice, again, text);
            }
        }
    }
}

#[test]
fn a_file_gives_the_same_result_alone_and_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 12,
        ..ProptestConfig::default()
    });
    runner
        .run(&document(Format::Html), |body| {
            let page = format!(
                "<html><head><title>Privacyverklaring Bol</title></head><body>{body}</body></html>"
            );
            let path = site.join("privacy.html");
            std::fs::write(&path, &page).unwrap();
            let run = |arg: &str| -> serde_json::Value {
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_privlint"))
                    .args(["check", "--format", "json", arg])
                    .output()
                    .unwrap();
                serde_json::from_slice(&out.stdout).unwrap()
            };
            let alone = run(path.to_str().unwrap());
            let folder = run(site.to_str().unwrap());
            let strip = |v: &serde_json::Value| {
                let f = &v["files"][0];
                (f["elements"].clone(), f["language"].clone())
            };
            prop_assert_eq!(strip(&alone), strip(&folder));
            Ok(())
        })
        .unwrap();
}

#[test]
fn bytes_read_back_as_an_nfa_or_as_nothing() {
    // The built-in patterns' NFAs are read back from bytes (`rules::nfa_code`): bytes that are
    // not an encoding give `None`, never a panic, and what does read back encodes to bytes
    // that read back the same. Each case writes a few states as an encoding does (a range, a
    // look-around, a union, a fail, a match; their targets sometimes beyond the last state),
    // and one byte of it may then be changed to anything.
    use privlint::rules::nfa_code::{decode, encode};
    let read_back = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 3000,
        ..ProptestConfig::default()
    });
    let state = (0u8..5, any::<u8>(), any::<u8>(), 0u8..8, 0u8..8);
    let changed = proptest::option::of((any::<usize>(), any::<u8>()));
    runner
        .run(
            &(
                0u8..4,
                [0u8..8, 0u8..8, 0u8..8],
                proptest::collection::vec(state, 1..6),
                changed,
            ),
            |(flags, starts, states, changed)| {
                let len = states.len() as u8;
                let id = |n: u8| n % (len + 1);
                let mut bytes = vec![flags, id(starts[0]), id(starts[1]), id(starts[2]), len];
                for (kind, a, b, x, y) in states {
                    bytes.extend(match kind {
                        0 => vec![0, a.min(b), a.max(b), id(x)],
                        1 => vec![2, a % 20, id(x)],
                        2 => vec![3, 2, id(x), id(y)],
                        3 => vec![6],
                        _ => vec![7],
                    });
                }
                if let Some((at, value)) = changed {
                    let at = at % bytes.len();
                    bytes[at] = value;
                }
                if let Some(nfa) = decode(&bytes) {
                    read_back.set(read_back.get() + 1);
                    let mut again = Vec::new();
                    prop_assert!(encode(&nfa, &mut again));
                    let twice = decode(&again);
                    prop_assert_eq!(format!("{twice:?}"), format!("{:?}", Some(nfa)));
                }
                Ok(())
            },
        )
        .unwrap();
    // Some of them do read back, so the round trip was tried.
    assert!(read_back.get() > 10, "{}", read_back.get());
}
