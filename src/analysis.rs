//! The shape of the text that judgement needs: sentences, blocks and sections over the
//! normalised text, and which headings are about which element.

use std::ops::Range;

use crate::document::Document;
use crate::normalize::{normalize, Normalized};

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "bijv", "bv", "o.a", "e.g", "i.e", "etc", "nr", "art", "z.s.m", "m.b.t", "t.a.v", "ca", "vs",
    "incl", "excl", "resp", "evt", "dhr", "mevr", "mr", "mrs", "ms", "dr", "st", "no", "inc",
    "ltd", "b.v", "n.v", "lid", "jo", "e.v", "t.b.v", "i.v.m", "m.u.v", "d.w.z", "a.d.h.v",
    "o.b.v", "i.p.v", "n.a.v", "t.z.t", "m.i.v", "i.o.m", "i.c.m", "o.m", "zgn", "vgl",
];

/// The entries (sorted by start) of the last cell that starts at or before `at`, if it holds
/// `at`: a binary search, so a table of any size costs little per lookup. (Text after an
/// inner table, still in the outer cell, finds no cell: it is judged as outside tables.)
fn last_cell(cells: &[(Range<usize>, usize)], at: usize) -> impl Iterator<Item = usize> + '_ {
    let n = cells.partition_point(|(r, _)| r.start <= at);
    let start = n.checked_sub(1).map(|i| cells[i].0.start);
    cells[..n]
        .iter()
        .rev()
        .take_while(move |(r, _)| Some(r.start) == start)
        .filter(move |(r, _)| r.contains(&at))
        .map(|&(_, h)| h)
}

/// A document prepared for judgement.
#[derive(Debug)]
pub struct Analysis<'d> {
    pub doc: &'d Document,
    pub norm: Normalized,
    /// Sentence start offsets in `norm.text` (sorted, the first is 0).
    sentence_starts: Vec<usize>,
    /// Block start offsets in `norm.text`.
    block_starts: Vec<usize>,
    /// Heading ranges in `norm.text`, in document order, with their level.
    pub headings: Vec<(u8, Range<usize>)>,
    /// For every heading, the index of its parent heading.
    parents: Vec<Option<usize>>,
    /// Table header cells in `norm.text` with their index in [`Document::table_headers`], by
    /// start.
    table_headers: Vec<(Range<usize>, usize)>,
    /// Data cells in `norm.text` with the index of a header of theirs, by start.
    cells: Vec<(Range<usize>, usize)>,
}

impl<'d> Analysis<'d> {
    pub fn new(doc: &'d Document) -> Analysis<'d> {
        let norm = normalize(&doc.text);
        let text = norm.text.as_bytes();
        let mut sentence_starts = vec![0];
        let mut block_starts = vec![0];
        for i in 0..text.len() {
            let b = text[i];
            if b == b'\n' {
                sentence_starts.push(i + 1);
                block_starts.push(i + 1);
            } else if matches!(b, b'.' | b'!' | b'?') && text.get(i + 1) == Some(&b' ') {
                if b == b'.' && is_abbreviation(&norm.text[..i]) {
                    continue;
                }
                sentence_starts.push(i + 2);
            }
        }
        let to_norm = |t: usize| norm.offset_of(t);
        let headings: Vec<(u8, Range<usize>)> = doc
            .headings
            .iter()
            .map(|h| (h.level, to_norm(h.range.start)..to_norm(h.range.end)))
            .collect();
        let mut parents = Vec::with_capacity(headings.len());
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for (i, (level, _)) in headings.iter().enumerate() {
            while stack.last().is_some_and(|&(l, _)| l >= *level) {
                stack.pop();
            }
            parents.push(stack.last().map(|&(_, idx)| idx));
            stack.push((*level, i));
        }
        let mut table_headers: Vec<(Range<usize>, usize)> = doc
            .table_headers
            .iter()
            .map(|r| to_norm(r.start)..to_norm(r.end))
            .zip(0..)
            .collect();
        table_headers.sort_by_key(|(r, _)| r.start);
        // An inner table's cells are recorded before the outer cell that holds them ends.
        let mut cells: Vec<(Range<usize>, usize)> = doc
            .cells
            .iter()
            .map(|c| (to_norm(c.cell.start)..to_norm(c.cell.end), c.header))
            .collect();
        cells.sort_by_key(|(r, _)| r.start);
        Analysis {
            doc,
            norm,
            sentence_starts,
            block_starts,
            headings,
            parents,
            table_headers,
            cells,
        }
    }

    /// The index of the sentence holding a normalised offset.
    pub fn sentence_of(&self, at: usize) -> usize {
        self.sentence_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// The normalised range of sentence `i`.
    pub fn sentence_range(&self, i: usize) -> Range<usize> {
        let start = self
            .sentence_starts
            .get(i)
            .copied()
            .unwrap_or(self.norm.text.len());
        let end = self
            .sentence_starts
            .get(i + 1)
            .copied()
            .unwrap_or(self.norm.text.len());
        start..end
    }

    /// The sentences a sentence ending in a colon introduces: the next one whatever its
    /// length ("The controller is:" and an address block), and the short lines after it (a
    /// list: "Wij verwerken de volgende gegevens:" then "Naam;", "Adres;"), at most 20, up
    /// to the first long sentence or heading.
    pub fn introduced_by(&self, i: usize) -> Range<usize> {
        let own = self.sentence_range(i);
        let ends_in_colon = self.norm.text[own.clone()].trim_end().ends_with(':');
        let mut end = i + 1;
        if ends_in_colon {
            while end < self.sentence_starts.len() && end <= i + 20 {
                let r = self.sentence_range(end);
                let short = end == i + 1 || self.norm.text[r.clone()].trim().len() <= 120;
                // A list item's run-in lead ("- **Manage your account:** handle ...") is one
                // of the lines introduced, not a new section.
                let heads = self
                    .heading_containing(r.start)
                    .is_some_and(|h| !self.is_run_in(h));
                if !short || heads {
                    break;
                }
                end += 1;
            }
        }
        i + 1..end
    }

    /// The sentence after sentence `i` when it speaks of what `i` said, in the same paragraph:
    /// it opens with a word that points back ("We keep a log of IP addresses. This is
    /// necessary to keep the site secure.", "Die gebruiken wij om ...").
    pub fn refers_back(&self, i: usize) -> Option<usize> {
        const BACK: &[&str] = &[
            "this ",
            "these ",
            "that ",
            "such ",
            "dit ",
            "deze ",
            "die ",
            "dat ",
            "zulke ",
            "hiermee ",
            "daarmee ",
            "hiervoor ",
            "daarvoor ",
            "hierdoor ",
            "daardoor ",
            "op deze manier ",
            "op die manier ",
            "in this way ",
            "this way ",
            "that way ",
        ];
        let next = self.next_in_block(i)?;
        let text = self.norm.text[self.sentence_range(next)].trim_start();
        (BACK.iter().any(|w| text.starts_with(w)) || pronoun_points_back(text)).then_some(next)
    }

    /// The sentence after sentence `i` when it is in the same paragraph and no heading.
    fn next_in_block(&self, i: usize) -> Option<usize> {
        let next = i + 1;
        if next >= self.sentence_starts.len() {
            return None;
        }
        let own = self.sentence_range(i);
        let r = self.sentence_range(next);
        (self.block_of(own.start) == self.block_of(r.start)
            && self.heading_containing(r.start).is_none())
        .then_some(next)
    }

    /// The sentence after sentence `i` when `i` is a question and the next one, in the same
    /// paragraph, answers it: "Hoe lang bewaren we ze? Reparatiebonnen: zeven jaar, omdat ...",
    /// as a bold question opens a paragraph in an FAQ-style page.
    pub fn answers(&self, i: usize) -> Option<usize> {
        let next = self.next_in_block(i)?;
        self.norm.text[self.sentence_range(i)]
            .trim_end()
            .ends_with('?')
            .then_some(next)
    }

    /// Whether heading `h` is a run-in lead: bold words that open a paragraph or list item,
    /// with the item's text after them in the same block ("**Bewaartermijn**: zeven jaar.").
    pub fn is_run_in(&self, h: usize) -> bool {
        let (level, range) = &self.headings[h];
        if *level != 7 {
            return false;
        }
        let block_end = self.block_range(self.block_of(range.start)).end;
        self.norm
            .text
            .get(range.end..block_end)
            .is_some_and(|rest| rest.chars().any(char::is_alphanumeric))
    }

    /// The normalised range of block `b`.
    fn block_range(&self, b: usize) -> Range<usize> {
        let start = self
            .block_starts
            .get(b)
            .copied()
            .unwrap_or(self.norm.text.len());
        start
            ..self
                .block_starts
                .get(b + 1)
                .copied()
                .unwrap_or(self.norm.text.len())
    }

    pub fn block_of(&self, at: usize) -> usize {
        self.block_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// The innermost heading at or before a normalised offset.
    pub fn section_of(&self, at: usize) -> Option<usize> {
        let n = self.headings.partition_point(|(_, r)| r.start <= at);
        n.checked_sub(1)
    }

    /// The table header cell a normalised offset is inside of, if any.
    pub fn table_header_containing(&self, at: usize) -> Option<usize> {
        last_cell(&self.table_headers, at).next()
    }

    /// The headers of the table cell a normalised offset is in (none outside tables).
    pub fn cell_headers(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        last_cell(&self.cells, at)
    }

    /// The heading a normalised offset is inside of, if any.
    pub fn heading_containing(&self, at: usize) -> Option<usize> {
        self.section_of(at)
            .filter(|&h| self.headings[h].1.contains(&at))
    }

    /// Whether heading `h` is a title of the whole statement: the document title, a level-1
    /// heading, or the first heading of the body. "Privacyverklaring Bakkerij Jansen" names
    /// the organisation there; a section heading such as "Data Protection Officer" does not.
    pub fn is_title_heading(&self, h: usize) -> bool {
        let level = self.headings[h].0;
        level <= 1 || self.headings.iter().position(|&(l, _)| l > 0) == Some(h)
    }

    /// The normalised range of the top-level section holding an offset: from its outermost
    /// heading to the next heading of the same or a higher level (the whole text when there
    /// are no headings).
    pub fn top_section_range(&self, at: usize) -> Range<usize> {
        let Some(&top) = self.heading_path(at).last() else {
            let end = self
                .headings
                .first()
                .map_or(self.norm.text.len(), |h| h.1.start);
            return 0..end.max(at.min(self.norm.text.len()));
        };
        let level = self.headings[top].0;
        let start = self.headings[top].1.start;
        let end = self.headings[top + 1..]
            .iter()
            .find(|(l, _)| *l <= level)
            .map_or(self.norm.text.len(), |(_, r)| r.start);
        start..end
    }

    /// Where a table of contents lists the sections, as sorted normalised ranges: the lines
    /// "Inhoud:" or "Contents:" introduces, the section under a heading "Inhoudsopgave", and
    /// lines that are only a link to a place on the page. A line there names a section and says
    /// nothing of what it would say: "3. Met wie delen wij uw gegevens" above a statement that
    /// never gets to it is no sentence about recipients.
    pub fn contents(&self) -> Vec<Range<usize>> {
        let text = &self.norm.text;
        let label = |r: Range<usize>| {
            let t = text[r].trim().trim_end_matches(':').trim();
            CONTENTS_LABELS.contains(&t)
        };
        let mut out = Vec::new();
        for i in 0..self.sentence_starts.len() {
            let own = self.sentence_range(i);
            if !text[own.clone()].trim_end().ends_with(':') || !label(own) {
                continue;
            }
            // The short lines after it that end no sentence, as the titles of sections do.
            let mut end = i + 1;
            while end < self.sentence_starts.len() && end <= i + 30 {
                let r = self.sentence_range(end);
                let line = text[r.clone()].trim();
                if line.len() > 100
                    || line.ends_with('.')
                    || self.heading_containing(r.start).is_some()
                {
                    break;
                }
                end += 1;
            }
            if end >= i + 3 {
                out.push(self.sentence_starts[i + 1]..self.sentence_range(end - 1).end);
            }
        }
        for (h, (_, r)) in self.headings.iter().enumerate() {
            if label(r.clone()) && !self.is_title_heading(h) {
                let end = self
                    .headings
                    .get(h + 1)
                    .map_or(text.len(), |(_, n)| n.start);
                out.push(r.end..end.max(r.end));
            }
        }
        // Link lines count only two or more in a row: one question of an accordion that links
        // to its own answer is no table of contents.
        let mut link_lines: Vec<usize> = Vec::new();
        for link in self.doc.links.iter().filter(|l| l.href.starts_with('#')) {
            let (s, e) = (
                self.norm.offset_of(link.range.start),
                self.norm.offset_of(link.range.end),
            );
            let b = self.block_of(s);
            let line = text[self.block_range(b)]
                .trim()
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '.' | '-' | '*' | ' ')
                });
            if e > s && (e - s) * 10 >= line.len() * 6 {
                link_lines.push(b);
            }
        }
        link_lines.dedup();
        for (k, &b) in link_lines.iter().enumerate() {
            let next = link_lines.get(k + 1) == Some(&(b + 1));
            let prev = k > 0 && link_lines[k - 1] + 1 == b;
            if next || prev {
                out.push(self.block_range(b));
            }
        }
        out.sort_by_key(|r| r.start);
        // Merged, so that an offset is listed when the last range starting at or before it
        // holds it.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
        for r in out {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }

    /// The heading path of a normalised offset, innermost first.
    pub fn heading_path(&self, at: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.section_of(at);
        while let Some(h) = cur {
            out.push(h);
            cur = self.parents[h];
        }
        out
    }

    /// The text (not normalised) of a normalised range.
    pub fn original(&self, range: Range<usize>) -> &str {
        let r = self
            .norm
            .original_range(&self.doc.text, range.start, range.end);
        &self.doc.text[r]
    }

    /// The text range of a normalised range.
    pub fn text_range(&self, range: Range<usize>) -> Range<usize> {
        self.norm
            .original_range(&self.doc.text, range.start, range.end)
    }
}

/// What a table of contents is called, normalised (the line or heading above it).
const CONTENTS_LABELS: &[&str] = &[
    "inhoud",
    "inhoudsopgave",
    "inhoudstafel",
    "in deze privacyverklaring",
    "in dit document",
    "op deze pagina",
    "contents",
    "table of contents",
    "on this page",
    "in this policy",
    "in this notice",
    "in this document",
];

fn is_abbreviation(before: &str) -> bool {
    let word_start = before.rfind([' ', '\n', '(']).map(|i| i + 1).unwrap_or(0);
    let word = &before[word_start..];
    if word.len() == 1 {
        return true; // an initial: "J. Jansen"
    }
    if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() {
        return false;
    }
    ABBREVIATIONS.contains(&word)
}

/// Whether a sentence opens with its subject and points back with its object within the next
/// three words: "I need this to spot attacks", "Wij gebruiken deze gegevens om ...", "We keep
/// them for ...".
fn pronoun_points_back(text: &str) -> bool {
    const SUBJECTS: &[&str] = &["i", "we", "wij", "ik", "they", "zij"];
    const POINTERS: &[&str] = &[
        "this", "these", "that", "it", "them", "dit", "deze", "die", "dat", "het", "ze",
    ];
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    words.next().is_some_and(|w| SUBJECTS.contains(&w))
        && words.take(3).any(|w| POINTERS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::extract::extract;

    #[test]
    fn a_table_of_contents_is_found_in_its_three_forms() {
        let listed = |src: &str, format: Format, line: &str| {
            let doc = extract(src, format);
            let a = Analysis::new(&doc);
            let at = a.norm.text.find(line).unwrap();
            a.contents().iter().any(|r| r.contains(&at))
        };
        // Lines a label introduces; the text after them is no contents.
        let label =
            "Privacy\n\nInhoud:\n\n1. Wie zijn wij\n2. Met wie delen wij\n\nWij zijn Bol.\n";
        assert!(listed(label, Format::Text, "met wie delen"));
        assert!(!listed(label, Format::Text, "wij zijn bol"));
        // A section under a heading of that name, up to the next heading.
        let heading = "# Privacy\n\n## Contents\n\n- Sharing\n- Retention\n\n## Sharing\n\nWe share nothing.\n";
        assert!(listed(heading, Format::Markdown, "retention"));
        assert!(!listed(heading, Format::Markdown, "we share nothing"));
        // Lines that are only a link to a place on the page.
        let links = "<h1>Privacy</h1><ul><li><a href=\"#delen\">Met wie delen wij</a></li>\
                     <li><a href=\"#rechten\">Uw rechten</a></li></ul>\
                     <p>Wij delen niets, zie <a href=\"#delen\">hieronder</a> voor meer.</p>";
        assert!(listed(links, Format::Html, "met wie delen"));
        assert!(!listed(links, Format::Html, "wij delen niets"));
        // One link line alone (an accordion's question) is none.
        let accordion = "<h1>Privacy</h1><p><a href=\"#a1\">Met wie delen wij</a></p>\
                         <p>Met niemand.</p><p><a href=\"#a2\">Hoe lang bewaren wij</a></p>";
        assert!(!listed(accordion, Format::Html, "met wie delen"));
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let doc = extract("Wij bewaren o.a. facturen. Dat is de wet.", Format::Text);
        let a = Analysis::new(&doc);
        assert_eq!(a.sentence_of(10), 0);
        assert_eq!(a.sentence_of(a.norm.text.find("dat").unwrap()), 1);
        // Dutch abbreviations of more than one dot end no sentence either.
        let doc = extract(
            "Wij hebben uw adres nodig t.b.v. de factuur i.v.m. de wet. Klaar.",
            Format::Text,
        );
        let a = Analysis::new(&doc);
        assert_eq!(a.sentence_of(a.norm.text.find("wet").unwrap()), 0);
        assert_eq!(a.sentence_of(a.norm.text.find("klaar").unwrap()), 1);
    }

    #[test]
    fn a_sentence_that_points_back_is_found_in_the_same_paragraph_only() {
        let doc = extract(
            "Privacy\n\nWe log IP addresses. This keeps the site safe. We like tea.\n\nThis is new.\n",
            Format::Text,
        );
        let a = Analysis::new(&doc);
        let of = |s: &str| a.sentence_of(a.norm.text.find(s).unwrap());
        assert_eq!(a.refers_back(of("we log")), Some(of("this keeps")));
        // "We like tea" opens with no word that points back.
        assert_eq!(a.refers_back(of("this keeps")), None);
        // A new paragraph starts afresh, and the last sentence has none after it.
        assert_eq!(a.refers_back(of("we like tea")), None);
        assert_eq!(a.refers_back(of("this is new")), None);
    }

    #[test]
    fn a_colon_introduces_list_items_through_their_run_in_leads() {
        let doc = extract(
            "# Privacy\n\nWe use your data to:\n\n- **Manage your account:** handle your sign-up.\n\n**Retention**\n\nOne year.\n",
            Format::Markdown,
        );
        let a = Analysis::new(&doc);
        let of = |s: &str| a.sentence_of(a.norm.text.find(s).unwrap());
        let lead = a
            .heading_containing(a.norm.text.find("manage").unwrap())
            .unwrap();
        assert!(a.is_run_in(lead));
        assert!(a.introduced_by(of("we use")).contains(&of("manage")));
        // A bold line of its own is a heading, and ends what the colon introduced.
        let bold = a
            .heading_containing(a.norm.text.find("retention").unwrap())
            .unwrap();
        assert!(!a.is_run_in(bold));
    }

    #[test]
    fn a_question_lends_its_subject_to_its_answer_in_the_same_paragraph() {
        let doc = extract(
            "Privacy\n\nHoe lang bewaren we ze? Bonnen: zeven jaar. Verder niets.\n\nWaarom? \n\nOmdat het moet.\n",
            Format::Text,
        );
        let a = Analysis::new(&doc);
        let of = |s: &str| a.sentence_of(a.norm.text.find(s).unwrap());
        assert_eq!(a.answers(of("hoe lang")), Some(of("bonnen")));
        // Only the sentence right after the question, and no statement is a question.
        assert_eq!(a.answers(of("bonnen")), None);
        // A question alone in its paragraph lends nothing to the next paragraph.
        assert_eq!(a.answers(of("waarom")), None);
    }

    #[test]
    fn a_subject_with_a_pointing_object_refers_back() {
        let doc = extract(
            "Privacy\n\nThe server logs your IP address. I need this to spot attacks. We like tea. \
             Wij bewaren uw adres. Wij gebruiken het om te bezorgen.\n",
            Format::Text,
        );
        let a = Analysis::new(&doc);
        let of = |s: &str| a.sentence_of(a.norm.text.find(s).unwrap());
        assert_eq!(a.refers_back(of("the server")), Some(of("i need this")));
        assert_eq!(
            a.refers_back(of("wij bewaren")),
            Some(of("wij gebruiken het"))
        );
        // "We like tea": a subject, but nothing points back; "this" too far from the subject
        // does not count either.
        assert_eq!(a.refers_back(of("i need this")), None);
        assert!(!pronoun_points_back("we sell handmade kites of this kind"));
        assert!(pronoun_points_back("we keep them for a year"));
        assert!(!pronoun_points_back("this keeps the site safe"));
    }

    #[test]
    fn heading_paths() {
        let doc = extract(
            "# Privacy\n\n## Bewaren\n\nTekst hier.\n\n## Rechten\n\nMeer.\n",
            Format::Markdown,
        );
        let a = Analysis::new(&doc);
        let at = a.norm.text.find("tekst").unwrap();
        assert_eq!(a.heading_path(at), vec![1, 0]);
        let at = a.norm.text.find("meer").unwrap();
        assert_eq!(a.heading_path(at), vec![2, 0]);
    }
}
