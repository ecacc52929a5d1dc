//! HTML extraction: visible text with per-character source spans, headings, links, comments.
//!
//! html5gum tokenizes and reports the byte span of every token (scraper/html5ever report none).
//! Text tokens are re-decoded here from their source slice, entity by entity, so `&eacute;`
//! maps to its eight bytes and the text between tags maps byte for byte. Inline tags join
//! text, block tags separate it, and `script`/`style`/`template`/`noscript`/`svg` are not text.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::entities;
use crate::document::DocumentBuilder;

const SKIP: &[&[u8]] = &[
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"svg",
    b"head",
    b"select",
    b"textarea",
    b"iframe",
    b"object",
    b"canvas",
    b"math",
];

const BLOCK: &[&[u8]] = &[
    b"p",
    b"div",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"nav",
    b"main",
    b"aside",
    b"li",
    b"ul",
    b"ol",
    b"dl",
    b"dt",
    b"dd",
    b"table",
    b"thead",
    b"tbody",
    b"tfoot",
    b"tr",
    b"td",
    b"th",
    b"caption",
    b"blockquote",
    b"pre",
    b"form",
    b"fieldset",
    b"legend",
    b"figure",
    b"figcaption",
    b"address",
    b"details",
    b"summary",
    b"hr",
    b"br",
    b"body",
    b"html",
    b"option",
    b"button",
    b"label",
    b"center",
    b"hgroup",
    b"menu",
    b"dialog",
];

/// The extraction state, kept across calls so Markdown can feed its inline HTML piece by piece.
#[derive(Debug, Default)]
pub struct HtmlState {
    /// Names of open elements whose content is not text (`script`, ...).
    skip: Vec<Vec<u8>>,
    in_title: Option<usize>,
    /// Open links: (href, start of link text).
    links: Vec<(String, usize)>,
    in_p: bool,
    /// Inside a `<thead>`: its `<td>` cells are headers too.
    thead: u32,
    /// Where a `<br>` ended that has not yet broken the block: a sentence that goes on after
    /// it in lower case ("tot een week na uw bezoek<br>omdat wij ...") is one line that the
    /// page wraps by hand, not two.
    pending_br: Option<usize>,
    /// For each open list, whether it is numbered (`<ol>`).
    lists: Vec<bool>,
}

impl HtmlState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Extracts `html` (which starts at source offset `offset`) into `b`.
    pub fn feed(&mut self, html: &str, offset: usize, b: &mut DocumentBuilder) {
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let tokenizer = Tokenizer::new_with_emitter(html, emitter);
        for token in tokenizer.flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = tag.name.to_ascii_lowercase();
                    if name != b"br" {
                        self.settle_br(b);
                    }
                    let at = offset + tag.span.start;
                    self.start_tag(&name, &tag, at, offset + tag.span.end, b);
                }
                Token::EndTag(tag) => {
                    self.settle_br(b);
                    let name = tag.name.to_ascii_lowercase();
                    self.end_tag(&name, offset + tag.span.start, b);
                }
                Token::String(s) => {
                    if !self.skip.is_empty() && self.in_title.is_none() {
                        continue;
                    }
                    let start = s.span.start.min(html.len());
                    let end = s.span.end.clamp(start, html.len());
                    if let Some(at) = self.pending_br {
                        let text = html.get(start..end).unwrap_or("").trim_start();
                        if let Some(c) = text.chars().next() {
                            self.pending_br = None;
                            if c.is_lowercase() && !b.ends_sentence() {
                                b.space(at);
                            } else {
                                b.break_block(at);
                            }
                        }
                    }
                    match html.get(start..end) {
                        Some(slice) => push_decoded(slice, offset + start, b),
                        None => b.push_source(&String::from_utf8_lossy(&s.value), offset + start),
                    }
                }
                Token::Comment(c) => {
                    if let Some(raw) = html.get(c.span.start..c.span.end) {
                        b.note_copyright(raw, offset + c.span.start);
                    }
                    let text = String::from_utf8_lossy(&c.value).into_owned();
                    b.add_comment(text, offset + c.span.start..offset + c.span.end);
                }
                Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        // What comes after this piece (Markdown's own text) is not seen here.
        self.settle_br(b);
    }

    fn start_tag(
        &mut self,
        name: &[u8],
        tag: &html5gum::StartTag<usize>,
        at: usize,
        end: usize,
        b: &mut DocumentBuilder,
    ) {
        if name == b"title" && self.in_title.is_none() && !b.has_body_text() {
            b.start_heading(0, at);
            self.in_title = Some(b.len());
            if !tag.self_closing {
                self.skip.push(name.to_vec());
            }
            return;
        }
        if SKIP.contains(&name) {
            if !tag.self_closing && name != b"head" {
                self.skip.push(name.to_vec());
            }
            return;
        }
        if !self.skip.is_empty() {
            return;
        }
        if name == b"ul" || name == b"ol" {
            self.lists.push(name == b"ol");
        }
        match name {
            [b'h', d @ b'1'..=b'6'] => {
                b.start_heading(d - b'0', at);
            }
            // The question of an accordion heads its answer: "<summary>Hoe lang bewaren wij
            // uw gegevens?</summary>" (a level below every `h`, as a bold line).
            b"summary" if !b.in_heading() => b.start_heading(7, at),
            b"p" => {
                if b.in_heading() {
                    b.end_heading(at);
                }
                b.start_block(at);
                self.in_p = true;
            }
            b"strong" | b"b" => b.enter_bold(),
            b"a" => {
                let href = tag
                    .attributes
                    .get(b"href".as_slice())
                    .map(|v| String::from_utf8_lossy(v).into_owned())
                    .unwrap_or_default();
                self.links.push((href, b.len()));
            }
            b"br" => {
                if b.in_heading() {
                    b.space(at);
                } else if self.pending_br.take().is_some() {
                    // Two in a row end the paragraph, whatever follows.
                    b.break_block(end);
                } else {
                    self.pending_br = Some(end);
                }
            }
            b"hr" => {
                if b.in_heading() {
                    b.space(at);
                } else {
                    b.break_block(end);
                }
            }
            b"img" => {}
            // A definition list is a table of two columns: each term heads what follows it.
            b"table" | b"dl" => {
                if b.in_heading() {
                    b.end_heading(at);
                }
                b.start_table(at);
            }
            b"thead" => self.thead += 1,
            b"dt" if !b.in_heading() => b.start_term(at),
            b"dd" if !b.in_heading() => b.start_cell(false, 1, at),
            b"tr" if !b.in_heading() => b.start_row(at),
            b"th" | b"td" if !b.in_heading() => {
                let span = tag
                    .attributes
                    .get(b"colspan".as_slice())
                    .and_then(|v| std::str::from_utf8(v).ok())
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                b.start_cell(name == b"th" || self.thead > 0, span, at);
            }
            b"li" | b"ul" | b"ol" if b.in_heading() => {
                b.end_heading(at);
            }
            b"li" if self.lists.last() == Some(&true) => b.start_numbered_item(at),
            b"li" => b.start_bullet_item(at),
            _ if BLOCK.contains(&name) && !b.in_heading() => {
                b.break_block(at);
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8], at: usize, b: &mut DocumentBuilder) {
        if let Some(pos) = self.skip.iter().rposition(|n| n == name) {
            self.skip.truncate(pos);
            if name == b"title" {
                if let Some(start) = self.in_title.take() {
                    let end = b.len();
                    b.end_heading(at);
                    b.set_title(start..end);
                }
            }
            return;
        }
        if !self.skip.is_empty() {
            return;
        }
        if name == b"ul" || name == b"ol" {
            self.lists.pop();
        }
        match name {
            [b'h', b'1'..=b'6'] | b"summary" => b.end_heading(at),
            b"strong" | b"b" => b.leave_bold(),
            b"a" => {
                if let Some((href, start)) = self.links.pop() {
                    let end = b.len();
                    b.add_link(href, start..end);
                }
            }
            b"p" => {
                self.in_p = false;
                b.break_block(at);
            }
            b"table" | b"dl" => b.end_table(at),
            b"dt" | b"dd" if !b.in_heading() => b.end_cell(at),
            b"thead" => self.thead = self.thead.saturating_sub(1),
            b"th" | b"td" | b"tr" if !b.in_heading() => b.end_cell(at),
            _ if BLOCK.contains(&name) && !b.in_heading() => b.break_block(at),
            _ => {}
        }
    }

    /// Breaks the block at a `<br>` whose fate no text decided (another tag came first).
    fn settle_br(&mut self, b: &mut DocumentBuilder) {
        if let Some(at) = self.pending_br.take() {
            b.break_block(at);
        }
    }

    /// Closes what is still open at the end of the input.
    pub fn finish(&mut self, end: usize, b: &mut DocumentBuilder) {
        self.settle_br(b);
        if let Some(start) = self.in_title.take() {
            let e = b.len();
            b.end_heading(end);
            b.set_title(start..e);
        }
        while let Some((href, start)) = self.links.pop() {
            let e = b.len();
            b.add_link(href, start..e);
        }
    }
}

/// Pushes a slice of HTML text, decoding character references with their source spans.
pub fn push_decoded(slice: &str, offset: usize, b: &mut DocumentBuilder) {
    let mut i = 0;
    while i < slice.len() {
        let rest = &slice[i..];
        if rest.starts_with('&') {
            if let Some((c, second, used)) = entities::decode_at(rest) {
                b.push_char(c, offset + i..offset + i + used);
                if let Some(c2) = second {
                    b.push_char(c2, offset + i..offset + i + used);
                }
                i += used;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        b.push_char(c, offset + i..offset + i + c.len_utf8());
        i += c.len_utf8().max(1);
    }
}

/// Extracts a whole HTML file.
pub fn extract(html: &str) -> crate::document::Document {
    let mut b = DocumentBuilder::new();
    let mut state = HtmlState::new();
    state.feed(html, 0, &mut b);
    state.finish(html.len(), &mut b);
    b.finish(html.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_inline_tags_map_to_source() {
        let src = "<p>Recht op <strong>inzage</strong> &amp; caf&eacute;&nbsp;x</p>";
        let doc = extract(src);
        assert_eq!(doc.text, "Recht op inzage & café x\n");
        assert_eq!(doc.source_of(src, "op inzage"), "op <strong>inzage");
        assert_eq!(doc.source_of(src, "café"), "caf&eacute;");
    }

    #[test]
    fn a_br_inside_a_sentence_that_goes_on_in_lower_case_is_a_space() {
        let src = "<div>Wij bewaren dit een week<br>\nomdat het moet.<br>Daarna niet.<br><br>dus klaar<br><b>Rechten</b></div>";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Wij bewaren dit een week omdat het moet.\nDaarna niet.\ndus klaar\nRechten\n"
        );
        // The space stands for the <br>: "week omdat" maps back over it.
        assert_eq!(doc.source_of(src, "week omdat"), "week<br>\nomdat");
    }

    #[test]
    fn a_copyright_comment_is_a_block_in_place_before_the_body_and_the_title_stays() {
        let src = "<!-- Copyright (c) 2023 Bakkerij Jansen, info@jansen.example -->\n<html><head><title>Privacy</title></head>\
                   <body><!-- main --><p>Wij bewaren niets.</p></body></html>";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Copyright (c) 2023 Bakkerij Jansen\nPrivacy\nWij bewaren niets.\n"
        );
        // The <title> after the notice is still the page's title.
        assert_eq!(doc.title.clone().map(|r| &doc.text[r]), Some("Privacy"));
        assert_eq!(doc.source_of(src, "Bakkerij Jansen"), "Bakkerij Jansen");
        // Other comments stay out of the text.
        assert!(!doc.text.contains("main"));
    }

    #[test]
    fn at_most_eight_copyright_notices_are_kept_wherever_they_stand() {
        let src = format!(
            "{}<p>Tekst.</p>{}",
            "<!-- (c) Acme -->".repeat(20),
            "<!-- (c) Acme -->".repeat(20)
        );
        let doc = extract(&src);
        assert_eq!(doc.text.matches("(c) Acme").count(), 8);
        assert!(doc.text.contains("Tekst."));
    }

    #[test]
    fn a_copyright_comment_after_the_body_goes_to_the_end_and_splits_nothing() {
        // A notice met after body text goes to the end of the text, never between two
        // paragraphs of the body.
        let src = "<html><body><p>Ik bewaar niets.</p><!-- (c) 2024 Anna Vos --><p>&mdash; Anna Vos</p></body></html>";
        let doc = extract(src);
        assert_eq!(
            doc.text,
            "Ik bewaar niets.\n\u{2014} Anna Vos\n(c) 2024 Anna Vos\n"
        );
        assert_eq!(doc.source_of(src, "(c) 2024 Anna Vos"), "(c) 2024 Anna Vos");
    }

    #[test]
    fn scripts_styles_are_not_text_and_blocks_break() {
        let src = "<html><head><title>Privacy X</title><style>p{}</style></head>\
                   <body><script>if (a<b) {}</script><h2>Bewaren</h2><div>een</div><div>twee</div></body></html>";
        let doc = extract(src);
        assert_eq!(doc.text, "Privacy X\nBewaren\neen\ntwee\n");
        assert_eq!(doc.title, Some(0..9));
        assert_eq!(doc.headings.len(), 2);
        assert_eq!(doc.headings[1].level, 2);
    }

    #[test]
    fn bold_paragraph_is_a_heading_and_links_are_kept() {
        let src = "<p><b>Uw rechten</b></p><p>Mail <a href=\"mailto:a@b.nl\">ons</a>.</p>";
        let doc = extract(src);
        assert_eq!(doc.headings.len(), 1);
        assert_eq!(doc.headings[0].level, 7);
        assert_eq!(doc.links[0].href, "mailto:a@b.nl");
        assert_eq!(&doc.text[doc.links[0].range.clone()], "ons");
    }

    #[test]
    fn an_accordion_question_heads_its_answer() {
        let src = "<details><summary>Hoe lang bewaren wij uw gegevens?</summary><p>Twee jaar.</p></details>\
                   <details><summary><h3>Met wie delen wij?</h3></summary><p>Niemand.</p></details>";
        let doc = extract(src);
        assert_eq!(
            doc.heading_texts(),
            ["Hoe lang bewaren wij uw gegevens?", "Met wie delen wij?"]
        );
        assert_eq!(doc.headings[0].level, 7);
        assert_eq!(doc.headings[1].level, 3);
        assert!(doc
            .text
            .ends_with("Twee jaar.\nMet wie delen wij?\nNiemand.\n"));
    }

    #[test]
    fn bold_words_that_open_a_paragraph_with_a_stop_or_colon_head_it() {
        let src = "<p><strong>Hoe lang.</strong> Wij bewaren</p><p><b>Bewaartermijn</b>: zeven jaar</p>\
                   <p><b>Let</b> op dit</p><p><b>Dit is een lange zin die met nadruk begint en vet is.</b> Meer.</p>";
        let doc = extract(src);
        assert_eq!(doc.heading_texts(), ["Hoe lang.", "Bewaartermijn"]);
        assert!(doc.headings.iter().all(|h| h.level == 7));
    }

    #[test]
    fn table_cells_know_their_column_and_row_headers() {
        // Column headers in `th` and in a `thead`'s `td`; a row opened by a `th`; a missing
        // `</td>`; a header spanning two columns.
        let src = "<table><tr><th>Doel</th><th>Grondslag</th></tr>\
                   <tr><td>Bestelling</td><td>Overeenkomst</td></tr></table>\
                   <table><thead><tr><td>Purpose</td><td colspan=\"2\">Lawful basis</td></tr></thead>\
                   <tr><td>Newsletter<td>Consent<td>art. 6(1)(a)</tr></table>\
                   <table><tr><th>Bewaartermijn</th><td>7 jaar</td></tr></table>\
                   <dl><dt>Grondslag</dt><dd>Toestemming</dd><dd>Overeenkomst</dd><dt>Doel</dt><dd>Nieuwsbrief</dd></dl>";
        let doc = extract(src);
        assert_eq!(
            doc.cell_texts(),
            [
                ("Bestelling", "Doel"),
                ("Overeenkomst", "Grondslag"),
                ("Newsletter", "Purpose"),
                ("Consent", "Lawful basis"),
                ("art. 6(1)(a)", "Lawful basis"),
                ("7 jaar", "Bewaartermijn"),
                ("Toestemming", "Grondslag"),
                ("Overeenkomst", "Grondslag"),
                ("Nieuwsbrief", "Doel"),
            ]
        );
        // Cells are still blocks of text of their own.
        assert!(
            doc.text.contains("Bestelling\nOvereenkomst\n"),
            "{:?}",
            doc.text
        );
    }

    #[test]
    fn a_first_row_of_short_labels_in_plain_cells_is_the_header_row() {
        // As site editors write it: bold labels in `td`s. A first row of sentences or numbers,
        // or a table of one row, has no headers.
        let src =
            "<table><tr><td><strong>Gegevens</strong></td><td><strong>Doel</strong></td></tr>\
                   <tr><td>Naam en adres</td><td>Bezorgen van bestellingen</td></tr>\
                   <tr><td>E-mailadres</td><td>Nieuwsbrief</td></tr></table>\
                   <table><tr><td>Wij bewaren uw gegevens.</td><td>Zeven jaar</td></tr>\
                   <tr><td>a</td><td>b</td></tr></table>\
                   <table><tr><td>Doel</td><td>Grondslag</td></tr></table>\
                   <table><tr><td>2023</td><td>2024</td></tr><tr><td>a</td><td>b</td></tr></table>";
        let doc = extract(src);
        assert_eq!(
            doc.cell_texts(),
            [
                ("Naam en adres", "Gegevens"),
                ("Bezorgen van bestellingen", "Doel"),
                ("E-mailadres", "Gegevens"),
                ("Nieuwsbrief", "Doel"),
            ]
        );
        assert_eq!(doc.table_headers.len(), 2);
    }

    #[test]
    fn a_hostile_colspan_gives_no_huge_table() {
        let src = format!(
            "<table><tr>{}</tr><tr><td>a</td></tr></table>",
            "<th colspan=\"999999\">x</th>".repeat(5000)
        );
        let doc = extract(&src);
        assert_eq!(doc.table_headers.len(), 5000);
        assert_eq!(doc.cell_texts(), [("a", "x")]);
    }

    #[test]
    fn a_table_without_headers_and_a_stray_cell_give_no_headers() {
        let doc = extract("<td>los</td><table><tr><td>a</td><td>b</td></tr></table><th>x");
        assert!(doc.cells.is_empty());
        assert_eq!(doc.text, "los\na\nb\nx\n");
    }

    #[test]
    fn unclosed_script_and_comment_do_not_panic() {
        for src in [
            "<p>a<script>never closes",
            "<p>a<!-- never closes",
            "<",
            "&",
            "<a href=",
            "<h1>x",
        ] {
            let _ = extract(src);
        }
    }
}
