//! Plain-text extraction: paragraphs, hard-wrapped lines joined, short lines taken as headings.

use crate::document::{Document, DocumentBuilder};

/// A line this long or longer is probably hard-wrapped prose that continues on the next line.
const WRAP_WIDTH: usize = 60;

pub fn extract(src: &str) -> Document {
    let mut b = DocumentBuilder::new();
    let lines: Vec<(usize, &str)> = line_starts(src);
    let mut prev_continues = false;
    for (idx, &(at, raw)) in lines.iter().enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            b.break_block(at);
            prev_continues = false;
            continue;
        }
        let next = lines.get(idx + 1).map(|(_, l)| l.trim()).unwrap_or("");
        let next_blank = next.is_empty();
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        let starts_item = is_list_item(trimmed);
        if !prev_continues || starts_item {
            b.break_block(at);
        } else {
            b.space(at);
        }
        let lead = line.len() - line.trim_start().len();
        let start = b.len();
        b.push_source(trimmed, at + lead);
        let end = b.len();
        let ends_sentence = trimmed.ends_with(['.', ':', ';', '!']);
        let chars = trimmed.chars().count();
        // A numbered line standing alone ("3. Hoe lang bewaren wij uw gegevens?" with a blank
        // line after it) is a section heading; numbered lines that follow each other are a list.
        let prev = if idx == 0 {
            ""
        } else {
            lines[idx - 1].1.trim()
        };
        let prev_blank = prev.is_empty();
        // A short line right under a line that ends no sentence is one line of a block (an
        // address: "The controller is:" then "Acme GmbH", "Hauptstraße 12"), not a heading.
        // Nor is what a line ending in a colon introduces, with or without a blank line between.
        let introduced = lines[..idx]
            .iter()
            .rev()
            .map(|(_, l)| l.trim())
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.ends_with(':'));
        let opens_block = (prev_blank || prev.ends_with(['.', '!', '?'])) && !introduced;
        let numbered_heading = starts_item
            && prev_blank
            && next_blank
            && chars <= 80
            && !ends_sentence
            && trimmed.starts_with(|c: char| c.is_ascii_digit());
        let open = ends_open(trimmed);
        let headingish = !prev_continues
            && !next_lower
            && !open
            && (opens_block || trimmed.ends_with('?'))
            && chars <= 80
            && !ends_sentence
            && (!starts_item || numbered_heading)
            && (next_blank || trimmed.ends_with('?') || chars <= 50)
            && trimmed
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if headingish && end > start {
            b.mark_heading(7, start..end);
            b.break_block(at + line.len());
            prev_continues = false;
            continue;
        }
        // A line that ends no sentence goes on in the next when it is long prose, when the
        // next opens in lower case ("tot een week na uw bezoek" / "omdat wij ze daarna ..."), or
        // when it stops on a comma or a word no sentence or heading ends on, also before a
        // name: "worden verstrekt aan" / "Sportvisserij Nederland voor de VISpas."
        prev_continues = !ends_sentence && (chars >= WRAP_WIDTH || next_lower || open);
    }
    b.finish(src.len())
}

/// Words a wrapped line may stop on but no sentence or heading ends with: articles,
/// possessives, conjunctions and the Dutch prepositions a heading does not end on (not "to",
/// "with", "from", "om": "Who we share it with", "Waar gaat het om").
const OPEN_ENDS: &[&str] = &[
    "de", "het", "een", "van", "aan", "voor", "met", "naar", "bij", "door", "en", "of", "uw", "je",
    "jouw", "onze", "hun", "the", "a", "an", "and", "or", "your", "our", "their",
];

/// A line that stops where no sentence or heading stops: on a comma, or on one of `OPEN_ENDS`.
fn ends_open(line: &str) -> bool {
    if line.ends_with(',') {
        return true;
    }
    line.rsplit(char::is_whitespace)
        .next()
        .is_some_and(|last| OPEN_ENDS.iter().any(|w| last.eq_ignore_ascii_case(w)))
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '·') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest: String = chars.take_while(|c| c.is_ascii_digit()).collect();
            let after = &line[1 + rest.len()..];
            after.starts_with(". ") || after.starts_with(") ")
        }
        _ => false,
    }
}

fn line_starts(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        out.push((at, line));
        at += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_paragraphs_and_headings() {
        let src = "Privacyverklaring\r\n\r\nWij bewaren uw gegevens 7 jaar.\r\nDat is de wet.\r\n";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Privacyverklaring\nWij bewaren uw gegevens 7 jaar.\nDat is de wet.\n"
        );
        assert_eq!(doc.headings.len(), 1);
        assert_eq!(doc.source_of(src, "7 jaar"), "7 jaar");
    }

    #[test]
    fn a_numbered_line_alone_is_a_heading_and_a_numbered_list_is_not() {
        let src = "3. Hoe lang bewaren wij uw gegevens?\n\nZeven jaar.\n\n1. Naam\n2. Adres\n";
        let doc = extract(src);
        assert_eq!(
            doc.heading_texts(),
            ["3. Hoe lang bewaren wij uw gegevens?"]
        );
    }

    #[test]
    fn an_address_block_is_no_heading() {
        // Introduced by a colon (with or without a blank line), and short lines under a line
        // that ends no sentence: the lines of one block. A heading after a paragraph still is.
        let src = "Contact\n\nThe controller is:\n\nAcme GmbH\nMain Street 12\n\
                   Berlin\nPhone: 030 123456\n\nRetention\n\nWe keep invoices for ten years.\n\
                   Your rights\nYou may ask for a copy.\n";
        let doc = extract(src);
        assert_eq!(doc.heading_texts(), ["Contact", "Retention", "Your rights"]);
    }

    #[test]
    fn wrapped_lines_join() {
        let src =
            "Wij gebruiken uw gegevens om uw bestelling te bezorgen en om u\nte informeren.\n";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Wij gebruiken uw gegevens om uw bestelling te bezorgen en om u te informeren.\n"
        );
        // A short line goes on in a next line that opens in lower case; not after a full stop.
        let doc = extract("Privacy\n\nWij bewaren dit een week\nomdat het moet.\nklaar.\n");
        assert_eq!(
            doc.text,
            "Privacy\nWij bewaren dit een week omdat het moet.\nklaar.\n"
        );
    }

    #[test]
    fn a_short_wrapped_line_that_stops_on_a_preposition_or_a_comma_goes_on() {
        // Shorter than `WRAP_WIDTH`, and the next line opens with a name: still one sentence.
        let src =
            "Artikel 3\n\nNaam en adres van leden worden verstrekt aan\nSportvisserij Nederland.\n\
                   Wij bewaren uw naam, uw adres,\nUw telefoonnummer.\n";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Artikel 3\nNaam en adres van leden worden verstrekt aan Sportvisserij Nederland.\n\
             Wij bewaren uw naam, uw adres, Uw telefoonnummer.\n"
        );
        assert_eq!(doc.heading_texts(), ["Artikel 3"]);
        // A short line that ends on a content word still breaks the block: an address line.
        let doc = extract("Bakkerij Bol\nDorpsstraat 4\n");
        assert_eq!(doc.text, "Bakkerij Bol\nDorpsstraat 4\n");
    }
}
