//! Markdown extraction with pulldown-cmark's offset iterator.
//!
//! Text events carry the source range they came from. Where the text equals its source slice
//! it maps byte for byte; where it does not (entities, backslash escapes) the slice is decoded
//! here again so each character keeps its own range. Inline and block HTML go through the HTML
//! extractor with their offset. Front matter is skipped except its `title`, which is the
//! document's title the way Jekyll and Hugo render it, and the prose fields themes show under
//! it (`description`, `summary`, ...).

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{entities, html::HtmlState, shortcodes};
use crate::document::{Document, DocumentBuilder};
use crate::ranges;

pub fn extract(src: &str) -> Document {
    let mut b = DocumentBuilder::new();
    let mut html = HtmlState::new();
    // Hugo shortcodes that are markup are hidden as tags are.
    let hidden = shortcodes::markup_spans(src);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_DEFINITION_LIST;
    let mut in_metadata = false;
    let mut html_block: Option<Range<usize>> = None;
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut in_code_block = false;
    let mut in_table_head = false;
    // For each open list, whether it is numbered.
    let mut ordered: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(kind) => {
                    in_metadata = true;
                    // The notices first: before the title, they are no body text yet.
                    if let Some(block) = src.get(range.clone()) {
                        b.note_copyright(block, range.start);
                        front_matter(block, range.start, kind, &mut b);
                    }
                }
                Tag::Heading { level, .. } => b.start_heading(heading_level(level), range.start),
                Tag::Paragraph => b.start_block(range.start),
                Tag::Strong => b.enter_bold(),
                Tag::Table(_) => b.start_table(range.start),
                Tag::TableHead => {
                    in_table_head = true;
                    b.start_row(range.start);
                }
                Tag::TableRow => b.start_row(range.start),
                Tag::TableCell => b.start_cell(in_table_head, 1, range.start),
                // A definition list is a table of two columns: each term heads what follows it.
                Tag::DefinitionList => b.start_table(range.start),
                Tag::DefinitionListTitle => b.start_term(range.start),
                Tag::DefinitionListDefinition => b.start_cell(false, 1, range.start),
                Tag::List(start) => {
                    ordered.push(start.is_some());
                    b.break_block(range.start)
                }
                Tag::Item if ordered.last() == Some(&true) => b.start_numbered_item(range.start),
                Tag::Item => b.start_bullet_item(range.start),
                Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => b.break_block(range.start),
                Tag::CodeBlock(_) => {
                    in_code_block = true;
                    b.break_block(range.start);
                }
                Tag::HtmlBlock => {
                    b.break_block(range.start);
                    html_block = Some(range.clone());
                }
                Tag::Link { dest_url, .. } => links.push((dest_url.to_string(), b.len())),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::MetadataBlock(_) => in_metadata = false,
                TagEnd::Heading(_) => b.end_heading(range.end),
                TagEnd::Strong => b.leave_bold(),
                TagEnd::Table => b.end_table(range.end),
                TagEnd::TableHead => {
                    in_table_head = false;
                    b.end_cell(range.end);
                }
                TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => b.end_cell(range.end),
                TagEnd::DefinitionList => b.end_table(range.end),
                TagEnd::List(_) => {
                    ordered.pop();
                    b.break_block(range.end)
                }
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition => b.break_block(range.end),
                TagEnd::CodeBlock => {
                    in_code_block = false;
                    b.break_block(range.end);
                }
                TagEnd::HtmlBlock => {
                    if let Some(r) = html_block.take() {
                        let r = r.start..range.end.max(r.end).min(src.len());
                        if let Some(slice) = src.get(r.clone()) {
                            html.feed(slice, r.start, &mut b);
                        }
                    }
                    b.break_block(range.end);
                }
                TagEnd::Link => {
                    if let Some((href, start)) = links.pop() {
                        let end = b.len();
                        b.add_link(href, start..end);
                    }
                }
                _ => {}
            },
            Event::Text(text) => {
                if in_metadata || in_code_block {
                    continue;
                }
                push_text(src, &text, range, &hidden, &mut b);
            }
            Event::Code(text) => push_text(src, &text, range, &hidden, &mut b),
            Event::Html(_) => {
                // Collected as a whole block at TagEnd::HtmlBlock.
                if let Some(r) = &mut html_block {
                    r.end = r.end.max(range.end);
                }
            }
            Event::InlineHtml(_) => {
                // "{{<details>}}" reads as the tag "<details>" to the Markdown parser.
                if ranges::inside(&hidden, range.start) {
                    continue;
                }
                if let Some(slice) = src.get(range.clone()) {
                    html.feed(slice, range.start, &mut b);
                }
            }
            Event::SoftBreak => b.space(range.start),
            Event::HardBreak => b.break_block(range.start),
            Event::Rule => b.break_block(range.start),
            _ => {}
        }
    }
    html.finish(src.len(), &mut b);
    b.finish(src.len())
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Pushes a Markdown text event, mapping each character to its source bytes; characters
/// inside a `hidden` span (a shortcode that is markup) become one space.
fn push_text(
    src: &str,
    text: &str,
    range: Range<usize>,
    hidden: &[Range<usize>],
    b: &mut DocumentBuilder,
) {
    let Some(slice) = src.get(range.clone()) else {
        return;
    };
    if slice == text && !ranges::overlaps(hidden, &range) {
        b.push_source(text, range.start);
        return;
    }
    // One character: hidden (a space, so the words beside a shortcode stay apart) or pushed.
    let mut emit = |c: char, r: Range<usize>| {
        if ranges::inside(hidden, r.start) {
            b.space(r.start);
        } else {
            b.push_char(c, r);
        }
    };
    if slice == text {
        for (i, c) in text.char_indices() {
            let at = range.start + i;
            emit(c, at..at + c.len_utf8());
        }
        return;
    }
    let decoded = decode_slice(slice, range.start);
    if decoded.iter().map(|(c, _)| *c).eq(text.chars()) {
        for (c, r) in decoded {
            emit(c, r);
        }
        return;
    }
    // The parser changed the text in a way not reproduced here: map every character to the
    // whole event's range, which still points at the right source.
    for c in text.chars() {
        b.push_char(c, range.clone());
    }
}

/// Decodes entities and backslash escapes of a Markdown text slice, with ranges.
fn decode_slice(slice: &str, offset: usize) -> Vec<(char, Range<usize>)> {
    let mut out = Vec::with_capacity(slice.len());
    let mut i = 0;
    while i < slice.len() {
        let rest = &slice[i..];
        if rest.starts_with('&') {
            if let Some((c, second, used)) = entities::decode_at(rest) {
                out.push((c, offset + i..offset + i + used));
                if let Some(c2) = second {
                    out.push((c2, offset + i..offset + i + used));
                }
                i += used;
                continue;
            }
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or(' ');
        if c == '\\' {
            if let Some(n) = chars.next().filter(|n| n.is_ascii_punctuation()) {
                out.push((n, offset + i..offset + i + 1 + n.len_utf8()));
                i += 1 + n.len_utf8();
                continue;
            }
        }
        out.push((c, offset + i..offset + i + c.len_utf8()));
        i += c.len_utf8().max(1);
    }
    out
}

/// The front-matter keys whose value themes show on the page as prose under the title (a
/// lead, a summary): "description: Bakkerij Bol hecht veel waarde aan uw privacy."
const PROSE_KEYS: [&str; 8] = [
    "description",
    "summary",
    "subtitle",
    "excerpt",
    "lead",
    "intro",
    "introduction",
    "abstract",
];

/// Pushes the front matter's `title` as the document title, then the prose fields (see
/// [`PROSE_KEYS`]) as a paragraph each (`block` starts at source offset `at`). Other keys
/// (layout, permalink, keywords) are settings no reader sees.
fn front_matter(block: &str, at: usize, kind: MetadataBlockKind, b: &mut DocumentBuilder) {
    // One pass over the block; the first line of a key decides.
    let entries: Vec<(&str, Option<(&str, usize)>)> =
        front_matter_entries(block, at, kind).collect();
    let value = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| *v)
    };
    if let Some((v, start_at)) = value("title") {
        b.start_heading(0, start_at);
        let start = b.len();
        b.push_source(v, start_at);
        let end = b.len();
        b.end_heading(start_at + v.len());
        b.set_title(start..end);
    }
    for key in PROSE_KEYS {
        if let Some((v, start_at)) = value(key) {
            b.start_block(start_at);
            b.push_source(v, start_at);
            b.break_block(start_at + v.len());
        }
    }
}

/// Every top-level `key: value` (YAML) or `key = value` (TOML) line of a front-matter block
/// that starts at source offset `at`: the key, and its one-line value unquoted with the source
/// offset where it starts; `None` for a value that is empty or a block scalar (`>` or `|` with
/// the text on the lines below).
fn front_matter_entries(
    block: &str,
    at: usize,
    kind: MetadataBlockKind,
) -> impl Iterator<Item = (&str, Option<(&str, usize)>)> {
    let separator = match kind {
        MetadataBlockKind::YamlStyle => ':',
        MetadataBlockKind::PlusesStyle => '=',
    };
    block
        .split_inclusive('\n')
        .scan(at, |line_at, line| {
            let this = *line_at;
            *line_at += line.len();
            Some((this, line))
        })
        .filter_map(move |(line_at, line)| {
            let k = line.find(separator)?;
            let key = match kind {
                MetadataBlockKind::YamlStyle => &line[..k],
                MetadataBlockKind::PlusesStyle => line[..k].trim_end(),
            };
            let value = &line[k + 1..];
            let lead = value.len() - value.trim_start().len();
            let v = value.trim();
            let (v, quote) = match v.chars().next() {
                Some(q @ ('"' | '\'')) if v.len() >= 2 && v.ends_with(q) => (&v[1..v.len() - 1], 1),
                _ => (v, 0),
            };
            // An unquoted `>` or `|` opens a block scalar on the lines below.
            let block_scalar = quote == 0 && v.starts_with(['>', '|']) && v.len() <= 2;
            let v = (!v.is_empty() && !block_scalar).then_some((v, line_at + k + 1 + lead + quote));
            Some((key, v))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_markup_shortcodes_are_hidden_and_value_shortcodes_are_not() {
        let src = "{{< details summary=\"Waarom\" >}}\nWe bewaren facturen 7 jaar.\n{{< /details >}}\n\nZie{{<youtube abc>}}ook {{< email >}}.\n";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "We bewaren facturen 7 jaar.\nZie ook {{< email >}}.\n"
        );
        assert_eq!(doc.source_of(src, "facturen"), "facturen");
        assert_eq!(doc.source_of(src, "ook"), "ook");
        assert_eq!(doc.source_of(src, "{{< email >}}"), "{{< email >}}");
    }

    #[test]
    fn table_cells_know_their_column_header() {
        let src = "| Doel | Grondslag |\n|---|---|\n| Nieuwsbrief | **Toestemming** |\n| Factuur | Wettelijke plicht |\n";
        let doc = extract(src);
        assert_eq!(
            doc.cell_texts(),
            [
                ("Nieuwsbrief", "Doel"),
                ("Toestemming", "Grondslag"),
                ("Factuur", "Doel"),
                ("Wettelijke plicht", "Grondslag"),
            ]
        );
        assert_eq!(doc.source_of(src, "Toestemming"), "Toestemming");
    }

    #[test]
    fn a_numbered_question_heads_what_follows_but_a_bullet_or_bold_item_does_not() {
        assert_eq!(
            extract("1. Wie zijn wij?\n\nBakkerij Bol, Ede.\n").heading_texts(),
            ["Wie zijn wij?"]
        );
        assert!(extract("- Wie zijn wij?\n\nBakkerij Bol, Ede.\n")
            .heading_texts()
            .is_empty());
        assert!(extract("1. **Naam**\n2. **Adres**\n")
            .heading_texts()
            .is_empty());
        // The same in HTML.
        let doc = super::super::html::extract(
            "<ol><li>Wie zijn wij?</li></ol><p>Bol.</p><ul><li>Wat?</li></ul>",
        );
        assert_eq!(doc.heading_texts(), ["Wie zijn wij?"]);
    }

    #[test]
    fn a_bold_question_opening_a_paragraph_heads_its_answer() {
        let doc = extract("# Privacy\n\n**Wie krijgt ze?**\nNiemand.\n\n**Wat? Echt?** Ja.\n");
        assert_eq!(doc.heading_texts(), ["Privacy", "Wie krijgt ze?"]);
        // A run-in lead closed by a colon heads its paragraph as before.
        assert_eq!(
            extract("**Bewaartermijn**: zeven jaar.\n").heading_texts(),
            ["Bewaartermijn"]
        );
        // The same in HTML.
        let doc = super::super::html::extract("<p><strong>Wie krijgt ze?</strong><br>Niemand.</p>");
        assert_eq!(doc.heading_texts(), ["Wie krijgt ze?"]);
    }

    #[test]
    fn a_short_bold_lead_closed_by_a_colon_heads_its_bullet_item() {
        // A summary of a statement: each item headed by its label.
        let src = "# Privacy\n\n- **Waarom:** lessen boeken, je informeren bij uitval\n\
                   - **Hoe lang.** Een jaar.\n- **Mollie** voor betalingen\n- **Wie krijgt ze?** Niemand.\n";
        let doc = extract(src);
        assert_eq!(doc.heading_texts(), ["Privacy", "Waarom:", "Hoe lang."]);
        assert_eq!(doc.source_of(src, "Waarom:"), "Waarom:");
        // A wholly bold item, or a long bold lead, heads nothing.
        assert!(extract(
            "- **Naam en adres**\n- **Dit is een lange vette zin van meer dan zes woorden:** ja\n"
        )
        .heading_texts()
        .is_empty());
        // The same in HTML.
        let doc = super::super::html::extract(
            "<ul><li><strong>Waarom:</strong> lessen boeken</li><li><b>Mollie</b></li></ul>",
        );
        assert_eq!(doc.heading_texts(), ["Waarom:"]);
    }

    #[test]
    fn a_definition_term_heads_its_definitions() {
        let doc = extract("Grondslag\n: Toestemming\n: Overeenkomst\n");
        assert_eq!(
            doc.cell_texts(),
            [("Toestemming", "Grondslag"), ("Overeenkomst", "Grondslag")]
        );
    }

    #[test]
    fn emphasis_links_entities_map_to_source() {
        let src = "# Privacy\n\nU hebt recht op **inzage** en [correctie](https://x.nl/c) &amp; caf&eacute;.\n";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Privacy\nU hebt recht op inzage en correctie & café.\n"
        );
        assert_eq!(doc.source_of(src, "op inzage"), "op **inzage");
        assert_eq!(doc.source_of(src, "café"), "caf&eacute;");
        assert_eq!(doc.links[0].href, "https://x.nl/c");
        assert_eq!(doc.headings[0].level, 1);
    }

    #[test]
    fn front_matter_title_and_inline_html() {
        let src = "---\ntitle: \"Privacyverklaring Bakkerij Bol\"\nlayout: page\n---\n\nTekst met <strong>nadruk</strong>.\n\n<div>\n<p>Blok &eacute;</p>\n</div>\n";
        let doc = extract(src);
        assert!(
            doc.text.starts_with("Privacyverklaring Bakkerij Bol\n"),
            "{:?}",
            doc.text
        );
        assert_eq!(doc.source_of(src, "Bakkerij Bol"), "Bakkerij Bol");
        assert_eq!(doc.source_of(src, "Blok é"), "Blok &eacute;");
        assert!(doc.title.is_some());
    }

    #[test]
    fn front_matter_prose_fields_are_text_under_the_title_and_settings_are_not() {
        let src = "---\ntitle: Privacy\nlayout: page\ndescription: 'Hoe Café Öz met uw gegevens omgaat.'\nkeywords:\n  - privacy beleid\nsummary: >\n  gevouwen\n---\n\nTekst.\n";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Privacy\nHoe Café Öz met uw gegevens omgaat.\nTekst.\n"
        );
        assert_eq!(doc.source_of(src, "Café Öz met"), "Café Öz met");
        // TOML front matter too.
        let src = "+++\ntitle = \"Privacy\"\nsummary = \"Wat Bol bewaart.\"\n+++\n\nTekst.\n";
        assert_eq!(extract(src).text, "Privacy\nWat Bol bewaart.\nTekst.\n");
        // A placeholder stays text, for the placeholder check to find.
        let src = "---\ntitle: \"[Bedrijfsnaam]\"\ndescription: \"{{ site.description }}\"\n---\n";
        assert_eq!(
            extract(src).text,
            "[Bedrijfsnaam]\n{{ site.description }}\n"
        );
    }

    #[test]
    fn a_copyright_notice_in_front_matter_is_a_block_before_the_text() {
        let src = "---\n# SPDX-License-Identifier: CC0-1.0\n# SPDX-FileCopyrightText: 2024 Stichting Ö <info@o.example>\ntitle: Privacy\n---\n\nWij respecteren uw privacy.\n";
        let doc = extract(src);
        // Before the title and the body: the body's last line stays its last line.
        assert_eq!(
            doc.text,
            "SPDX-FileCopyrightText: 2024 Stichting \u{d6}\nPrivacy\nWij respecteren uw privacy.\n"
        );
        // The notice maps back to its own bytes (through the multi-byte letter); the e-mail
        // address, which no reader sees, is left out; the licence line is no notice.
        assert_eq!(
            doc.source_of(src, "SPDX-FileCopyrightText: 2024 Stichting \u{d6}"),
            "SPDX-FileCopyrightText: 2024 Stichting \u{d6}"
        );
        assert!(doc.title.is_some());
    }

    #[test]
    fn escapes_map_to_source() {
        let src = "Prijs \\* 2\n";
        let doc = extract(src);
        // The escaped character's event starts after the backslash.
        assert_eq!(doc.source_of(src, "* 2"), "* 2");
    }
}
