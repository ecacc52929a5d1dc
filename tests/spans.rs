//! Every span points at the right bytes of the file on disk: through entities, inline tags,
//! Markdown emphasis, CRLF, multi-byte characters and legacy encodings.

mod common;
use common::*;

fn evidence_slices(path: &str, element: &str) -> Vec<(String, u64, u64)> {
    let (_, r) = json(&[path]);
    let bytes = std::fs::read(path).unwrap();
    r["files"][0]["elements"][element]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let (s, en) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            (
                String::from_utf8_lossy(&bytes[s..en]).into_owned(),
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_name_only_in_a_copyright_notice_of_the_front_matter_is_weak_and_points_at_it() {
    let f = fixture("statements/spdx-only-en.md");
    let (_, r) = json(&[&f]);
    assert_eq!(status(&r, 0, "identity"), "vague");
    let ev = evidence_slices(&f, "identity");
    assert!(
        ev.iter()
            .any(|(s, l, c)| s == "SPDX-FileCopyrightText:" && *l == 2 && *c == 3),
        "{ev:?}"
    );
    // The notice's e-mail address is no contact channel: no reader sees it.
    assert_eq!(status(&r, 0, "contact"), "missing");
}

#[test]
fn html_inline_tag_inside_a_phrase() {
    let f = fixture("statements/complete-nl.html");
    let ev = evidence_slices(&f, "access-rectification-erasure");
    assert!(
        ev.iter().any(|(s, _, _)| s == "recht op <strong>inzage"),
        "{ev:?}"
    );
}

#[test]
fn html_entities_map_to_their_source_bytes() {
    let f = fixture("statements/complete-nl.html");
    let ev = evidence_slices(&f, "contact");
    assert!(
        ev.iter()
            .any(|(s, l, _)| s == "privacy@dekorenschoof.nl" && *l == 12),
        "{ev:?}"
    );
    // The checklist text is decoded; the span is the raw source.
    let (_, r) = json(&[&f]);
    let title = r["files"][0]["title"].as_str().unwrap();
    assert_eq!(title, "Privacyverklaring Bakkerij De Korenschoof");
}

#[test]
fn markdown_emphasis_spans() {
    let f = fixture("statements/weak-nl.md");
    let ev = evidence_slices(&f, "access-rectification-erasure");
    assert!(ev.iter().any(|(s, _, _)| s == "inzien"), "{ev:?}");
    let ev = evidence_slices(&f, "retention");
    assert!(
        ev.iter()
            .any(|(s, l, c)| s == "niet langer dan noodzakelijk" && *l == 14 && *c == 25),
        "{ev:?}"
    );
}

#[test]
fn windows_1252_crlf_spans_are_disk_bytes() {
    let f = fixture("encodings/windows-1252.txt");
    let (_, r) = json(&[&f]);
    assert_eq!(r["files"][0]["encoding"], "windows-1252");
    let ev = evidence_slices(&f, "retention");
    let general = ev
        .iter()
        .find(|(s, _, _)| s.starts_with("niet langer"))
        .expect("vague evidence");
    assert_eq!(general.1, 4);
    assert_eq!(general.2, 25);
    // Identity: the title with "Café" (é is one byte on disk).
    let ev = evidence_slices(&f, "identity");
    assert!(!ev.is_empty());
}

#[test]
fn utf16_and_bom_spans_are_disk_bytes() {
    for f in ["encodings/utf16le-bom.txt", "encodings/utf8-bom.md"] {
        let path = fixture(f);
        let bytes = std::fs::read(&path).unwrap();
        let (_, r) = json(&[&path]);
        let e = &r["files"][0]["elements"]["retention"]["evidence"][0];
        let (s, en) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let text = if f.contains("utf16") {
            let units: Vec<u16> = bytes[s..en]
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        } else {
            String::from_utf8_lossy(&bytes[s..en]).into_owned()
        };
        assert_eq!(text, "niet langer dan noodzakelijk", "{f}");
        assert_eq!(e["line"], 4, "{f}");
    }
}

#[test]
fn multibyte_columns_count_characters() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.md");
    std::fs::write(
        &p,
        "# Privacy\n\nÉén café: wij bewaren gegevens niet langer dan noodzakelijk.\n",
    )
    .unwrap();
    let (_, r) = json(&[p.to_str().unwrap()]);
    let e = r["files"][0]["elements"]["retention"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "niet langer dan noodzakelijk")
        .cloned()
        .unwrap();
    assert_eq!(e["line"], 3);
    assert_eq!(e["column"], 32);
    let line3_start = "# Privacy\n\n".len();
    let before = "Één café: wij bewaren gegevens ";
    assert_eq!(e["start"], (line3_start + before.len()) as u64);
}
