//! The extracted document: visible text with a back-map to the source, and its structure.
//!
//! Extractors (HTML, Markdown, plain text) all produce a [`Document`] through a
//! [`DocumentBuilder`]. Every byte of `text` remembers the byte range of the decoded source it
//! came from, so a match anywhere in the text maps back to exact source bytes without ever
//! searching the text again in the source. The back-map is kept in runs: text copied as it
//! stands in the source (most of it) is one run, so a statement's map is a few bytes a
//! line rather than eight bytes a byte (a 3 MB statement's map was 33 MB).

use std::ops::Range;

/// The input format a document was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Markdown,
    Text,
}

impl Format {
    /// The format of a path, by its extension.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        match ext {
            "html" | "htm" | "xhtml" | "php" | "jsp" | "njk" | "liquid" | "erb" | "twig"
            | "hbs" | "vue" | "svelte" | "astro" | "aspx" => Format::Html,
            "md" | "markdown" | "mdx" | "mkd" => Format::Markdown,
            _ if lower.ends_with(".blade.php") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// A heading or heading-like line (a bold-only paragraph, a short line in plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1-6 for real headings, 0 for the document title, 7 for bold lines and text-file headings.
    pub level: u8,
    /// The heading's range in [`Document::text`].
    pub range: Range<usize>,
}

/// A hyperlink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    /// The link text's range in [`Document::text`].
    pub range: Range<usize>,
}

/// A comment in the source (HTML or Markdown), for inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    /// The comment's range in the decoded source.
    pub source: Range<usize>,
}

/// Visible text plus structure, with every text byte mapped to source bytes.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Visible text; blocks (paragraphs, list items, cells, headings) end in `'\n'`.
    pub text: String,
    /// For every byte of `text`, the range of decoded source bytes it came from, in runs
    /// (see [`Run`]), ascending by text offset.
    map: Vec<Run>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub comments: Vec<Comment>,
    /// The `<title>` or front-matter title, as a range of `text`.
    pub title: Option<Range<usize>>,
    /// Header cells of tables (`<th>`, a Markdown table's first row), as ranges of `text`.
    pub table_headers: Vec<Range<usize>>,
    /// Each data cell with a header that says what it holds (its column's, and its row's
    /// when the row starts with a header cell): "Toestemming" under "Grondslag".
    pub cells: Vec<HeaderedCell>,
}

/// A stretch of `text` from `text` up to the next run's start (or the end), mapped to the
/// source. In a run copied as it stands, each character maps to the source bytes at the same
/// distance from `src`, as many as the character's UTF-8 length; a run with a `fixed_end`
/// other than [`COPIED`] holds one character that came from `src..fixed_end` (an entity, a
/// marker of no width, a white space character that became a space of another length).
/// Twelve bytes: text made only of entities costs half as much again as the eight bytes a byte
/// of a plain map; any other text far less.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    text: u32,
    src: u32,
    fixed_end: u32,
}

/// The `fixed_end` of a run copied as it stands.
const COPIED: u32 = u32::MAX;

/// A table's data cell and one of its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderedCell {
    /// The cell's range in [`Document::text`].
    pub cell: Range<usize>,
    /// An index into [`Document::table_headers`].
    pub header: usize,
}

impl Document {
    /// The source range of a text range.
    pub fn source_range(&self, text: Range<usize>) -> Range<usize> {
        if self.text.is_empty() {
            return 0..0;
        }
        let last = self.text.len() - 1;
        let start = text.start.min(last);
        let end = text.end.saturating_sub(1).clamp(start, last);
        let s = self.source_of_byte(start).start;
        let e = self.source_of_byte(end).end.max(s);
        s..e
    }

    /// The source range of the character that text byte `at` (inside the text) belongs to.
    fn source_of_byte(&self, at: usize) -> Range<usize> {
        let i = self.map.partition_point(|r| r.text as usize <= at);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(run) => self.source_in_run(run, at),
            None => 0..0,
        }
    }

    /// The source range of the character that text byte `at` belongs to, `run` being the run
    /// that holds `at`.
    fn source_in_run(&self, run: &Run, at: usize) -> Range<usize> {
        let src = run.src as usize;
        if run.fixed_end != COPIED {
            return src..run.fixed_end as usize;
        }
        let mut start = at;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let len = self.text[start..].chars().next().map_or(1, char::len_utf8);
        let s = src + (start - run.text as usize);
        s..s + len
    }

    /// The text of each heading, in order (for tests).
    #[cfg(test)]
    pub(crate) fn heading_texts(&self) -> Vec<&str> {
        self.headings
            .iter()
            .map(|h| &self.text[h.range.clone()])
            .collect()
    }

    /// The source bytes behind the first occurrence of `needle` in the text (for tests).
    #[cfg(test)]
    pub(crate) fn source_of<'a>(&self, src: &'a str, needle: &str) -> &'a str {
        let at = self.text.find(needle).expect("needle in text");
        &src[self.source_range(at..at + needle.len())]
    }

    /// Each data cell's text with the text of a header of it (for tests).
    #[cfg(test)]
    pub(crate) fn cell_texts(&self) -> Vec<(&str, &str)> {
        self.cells
            .iter()
            .map(|c| {
                let header = self.table_headers[c.header].clone();
                (&self.text[c.cell.clone()], &self.text[header])
            })
            .collect()
    }

    /// The first text offset whose source bytes start inside `source` (or at its start, for
    /// an empty range), if any.
    pub fn text_offset_of(&self, source: &Range<usize>) -> Option<usize> {
        let holds = |Range { start: s, end: e }: Range<usize>| {
            if source.is_empty() {
                s >= source.start
            } else {
                s < source.end && e > source.start
            }
        };
        // Run by run (the runs need not ascend in the source: a notice met early may be
        // placed late); in a copied run the sources of its characters ascend, so the first
        // character that can hold is found by arithmetic, not by trying each.
        for (i, run) in self.map.iter().enumerate() {
            let (from, src) = (run.text as usize, run.src as usize);
            if run.fixed_end != COPIED {
                if holds(src..run.fixed_end as usize) {
                    return Some(from);
                }
                continue;
            }
            let to = self
                .map
                .get(i + 1)
                .map_or(self.text.len(), |r| r.text as usize);
            let mut at = from + source.start.saturating_sub(src);
            if at >= to {
                continue;
            }
            // The character holding that byte when the range has bytes (the first whose
            // source ends past its start); the next whole character when it is empty.
            if source.is_empty() {
                while !self.text.is_char_boundary(at) {
                    at += 1;
                }
            } else {
                while !self.text.is_char_boundary(at) {
                    at -= 1;
                }
            }
            if at < to && holds(self.source_in_run(run, at)) {
                return Some(at);
            }
        }
        None
    }

    /// The decoded source offset where the text byte `at` starts.
    pub fn source_start(&self, at: usize) -> Option<usize> {
        (at < self.text.len()).then(|| self.source_of_byte(at).start)
    }

    /// The heading that opens the section a text offset is in, with its ancestors, innermost
    /// first.
    pub fn heading_path(&self, at: usize) -> Vec<&Heading> {
        let mut path: Vec<&Heading> = Vec::new();
        let mut level = u8::MAX;
        for h in self.headings.iter().rev() {
            if h.range.start > at {
                continue;
            }
            if h.level < level || path.is_empty() {
                level = h.level;
                path.push(h);
            }
            if level == 0 {
                break;
            }
        }
        path
    }

    /// The index of the section (the innermost heading before `at`), or `None` before any.
    pub fn section_of(&self, at: usize) -> Option<usize> {
        self.headings.iter().rposition(|h| h.range.start <= at)
    }
}

/// Builds a [`Document`], collapsing white space and keeping the back-map.
#[derive(Debug, Default)]
pub struct DocumentBuilder {
    doc: Document,
    /// Collapse runs of white space (HTML, Markdown); plain text keeps single spaces too.
    heading_start: Option<(u8, usize)>,
    bold_block: Option<BoldTrack>,
    /// The open tables, innermost last.
    tables: Vec<TableTrack>,
    /// Copyright notices from comments met after the body text began, with their source
    /// offsets: added at the end by [`DocumentBuilder::finish`].
    notices: Vec<(String, usize)>,
    /// Where the text stands after the notices met before any body text (pushed in place).
    lead_notices_end: usize,
    /// How many notices were kept, in place and deferred (at most [`MAX_NOTICES`]).
    notices_kept: usize,
}

/// At most this many copyright notices are kept, each at most this long.
const MAX_NOTICES: usize = 8;
const MAX_NOTICE_LEN: usize = 200;

/// Columns beyond this many get no header (a hostile `colspan` must not make a huge table).
const MAX_COLUMNS: usize = 1024;

/// Whether a table cell reads as a column label: a few words, no sentence.
fn is_label(cell: &str) -> bool {
    let cell = cell.trim();
    cell.chars().next().is_some_and(char::is_alphabetic)
        && cell.len() >= 3
        && cell.len() <= 40
        && cell.split_whitespace().count() <= 4
        && !cell.ends_with(['.', '!', '?', ';'])
}

/// Where a table being built stands: which header each column has, and the open cell.
#[derive(Debug, Default)]
struct TableTrack {
    /// The header of each column, from the header rows (before the first data cell).
    columns: Vec<Option<usize>>,
    /// A header cell that opens the current row ("Nieuwsbrief | Toestemming").
    row_header: Option<usize>,
    /// The column the next cell is in.
    col: usize,
    /// A data cell has been seen: later header cells are row headers only.
    data_seen: bool,
    /// The open cell: where its text starts, whether it is a header cell, its column span.
    open: Option<(usize, bool, usize)>,
    /// Rows started so far.
    rows: usize,
    /// A header cell has been seen (or the first row was taken as headers).
    header_seen: bool,
    /// The data cells of the first row (text range, column, span) while no header cell has
    /// been seen: see [`DocumentBuilder::take_label_row`].
    first_row: Vec<(Range<usize>, usize, usize)>,
}

#[derive(Debug, Clone, Copy)]
struct BoldTrack {
    start: usize,
    all_bold: bool,
    depth: u32,
    saw_text: bool,
    /// Where the bold text that opens the paragraph ends, once text that is not bold follows.
    lead_end: Option<usize>,
    /// A numbered list item: only a question heads what follows ("1. Wie zijn wij?"); bold
    /// items are a list's own emphasis.
    only_question: bool,
    /// A bullet list item: only a run-in lead heads it ("- **Waarom:** lessen boeken, ..."); a
    /// wholly bold item is the list's own emphasis.
    only_run_in: bool,
}

/// A run-in heading: the bold words that open a paragraph and end with a full stop or a colon
/// ("**Hoe lang.** Wij bewaren ...", "**Bewaartermijn**: wij bewaren ..."). They head the
/// paragraph as a bold line would. Longer bold text is emphasis, not a heading. A bold short
/// question with its answer after it heads it too ("**Wie krijgt ze?** Niemand."), as a question
/// paragraph does in a Q&A statement.
fn run_in_lead(text: &str, start: usize, lead_end: usize) -> Option<Range<usize>> {
    let lead = text.get(start..lead_end)?.trim_end();
    if is_short_question(lead) {
        return Some(start..start + lead.len());
    }
    let after = text.get(lead_end..)?.trim_start();
    let body = lead.trim_end_matches(['.', ':']);
    let closed = body.len() < lead.len() || after.starts_with(':');
    let short = !body.is_empty() && body.len() <= 60 && body.split_whitespace().count() <= 6;
    (closed && short && !body.contains(['.', ':', '?', '!'])).then(|| start..start + lead.len())
}

/// One short question, capitalised, with no other sentence in it ("Hoe lang bewaren wij uw
/// gegevens?"): what a Q&A statement heads its answers with.
fn is_short_question(text: &str) -> bool {
    text.strip_suffix('?').is_some_and(|body| {
        text.len() <= 120
            && !body.contains(['.', '?', '!', ':'])
            && body.chars().next().is_some_and(char::is_uppercase)
    })
}

impl DocumentBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Current length of the text.
    pub fn len(&self) -> usize {
        self.doc.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc.text.is_empty()
    }

    fn last_char(&self) -> Option<char> {
        self.doc.text.chars().next_back()
    }

    /// Whether the text so far ends a sentence (or a line: nothing, or a line break).
    pub fn ends_sentence(&self) -> bool {
        self.doc
            .text
            .trim_end_matches(' ')
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '\n'))
    }

    /// Appends one character that came from `src` (white space is collapsed).
    pub fn push_char(&mut self, c: char, src: Range<usize>) {
        let c = match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            match self.last_char() {
                None | Some(' ') | Some('\n') => return,
                _ => {}
            }
            self.raw_push(' ', src);
            return;
        }
        if c.is_control() || c == '\u{ad}' || c == '\u{200b}' || c == '\u{feff}' {
            return;
        }
        let len = self.doc.text.len();
        if let Some(track) = &mut self.bold_block {
            if track.depth == 0 {
                if track.all_bold && track.saw_text {
                    track.lead_end = Some(len);
                }
                track.all_bold = false;
            }
            track.saw_text = true;
        }
        self.raw_push(c, src);
    }

    fn raw_push(&mut self, c: char, src: Range<usize>) {
        let at = self.doc.text.len();
        let (start, end) = (src.start as u32, src.end as u32);
        let copied = src.len() == c.len_utf8();
        let extends = self.doc.map.last().is_some_and(|run| {
            run.fixed_end == COPIED
                && copied
                && run.src.checked_add(at as u32 - run.text) == Some(start)
        });
        if !extends {
            self.doc.map.push(Run {
                text: at as u32,
                src: start,
                fixed_end: if copied { COPIED } else { end },
            });
        }
        self.doc.text.push(c);
    }

    /// Appends a slice of source text starting at source offset `at`, character by character.
    pub fn push_source(&mut self, s: &str, at: usize) {
        for (i, c) in s.char_indices() {
            self.push_char(c, at + i..at + i + c.len_utf8());
        }
    }

    /// A separator between words that has no text of its own (`<br>` inside a line, a soft
    /// break): a space mapped to `at`.
    pub fn space(&mut self, at: usize) {
        self.push_char(' ', at..at);
    }

    /// Ends the current block: the next text starts a new line.
    pub fn break_block(&mut self, at: usize) {
        if self.last_char() == Some(' ') {
            self.doc.text.pop();
            if self
                .doc
                .map
                .last()
                .is_some_and(|run| run.text as usize >= self.doc.text.len())
            {
                self.doc.map.pop();
            }
        }
        self.finish_bold_block();
        match self.last_char() {
            None | Some('\n') => {}
            _ => self.raw_push('\n', at..at),
        }
    }

    pub fn start_heading(&mut self, level: u8, at: usize) {
        self.break_block(at);
        self.heading_start = Some((level, self.len()));
    }

    pub fn end_heading(&mut self, at: usize) {
        if let Some((level, start)) = self.heading_start.take() {
            let mut end = self.len();
            while end > start && self.doc.text.as_bytes()[end - 1] == b' ' {
                end -= 1;
            }
            if end > start {
                self.doc.headings.push(Heading {
                    level,
                    range: start..end,
                });
            }
        }
        self.break_block(at);
    }

    /// Whether a heading is open.
    pub fn in_heading(&self) -> bool {
        self.heading_start.is_some()
    }

    /// Marks the start of a paragraph that may turn out to be a bold-only "heading".
    pub fn start_block(&mut self, at: usize) {
        self.break_block(at);
        self.bold_block = Some(BoldTrack {
            start: self.len(),
            all_bold: true,
            depth: 0,
            saw_text: false,
            lead_end: None,
            only_question: false,
            only_run_in: false,
        });
    }

    /// Marks the start of a numbered list item, which heads what follows it when it is one
    /// short question ("1. Wie zijn wij?" above a paragraph), like a question paragraph.
    pub fn start_numbered_item(&mut self, at: usize) {
        self.start_block(at);
        if let Some(t) = &mut self.bold_block {
            t.only_question = true;
        }
    }

    /// Marks the start of a bullet list item, which a short bold lead closed by a colon or a
    /// full stop heads: "- **Waarom:** lessen boeken, ..." in a summary of a statement. A
    /// wholly bold item, or a question, heads nothing (a list's own emphasis).
    pub fn start_bullet_item(&mut self, at: usize) {
        self.start_block(at);
        if let Some(t) = &mut self.bold_block {
            t.only_run_in = true;
        }
    }

    pub fn enter_bold(&mut self) {
        if let Some(t) = &mut self.bold_block {
            t.depth += 1;
        }
    }

    pub fn leave_bold(&mut self) {
        if let Some(t) = &mut self.bold_block {
            t.depth = t.depth.saturating_sub(1);
        }
    }

    fn finish_bold_block(&mut self) {
        if let Some(track) = self.bold_block.take() {
            let end = self.len();
            // A paragraph that is one short question ("Hoe lang bewaren wij uw gegevens?")
            // heads the answer after it, as in a Q&A statement.
            let block = self.doc.text.get(track.start..end).unwrap_or("").trim();
            if is_short_question(block) && self.heading_start.is_none() && !track.only_run_in {
                self.doc.headings.push(Heading {
                    level: 7,
                    range: track.start..track.start + block.len(),
                });
                return;
            }
            if track.only_question {
                return;
            }
            // A bullet item is headed only by its run-in lead, and not by a question.
            let whole = !track.only_run_in
                && track.all_bold
                && track.saw_text
                && end > track.start
                && end - track.start <= 150;
            if whole {
                self.doc.headings.push(Heading {
                    level: 7,
                    range: track.start..end,
                });
            } else if let Some(lead) = track
                .lead_end
                .and_then(|e| run_in_lead(&self.doc.text, track.start, e))
                .filter(|r| {
                    !track.only_run_in
                        || !self.doc.text.get(r.clone()).is_some_and(is_short_question)
                })
            {
                if self.heading_start.is_none() {
                    self.doc.headings.push(Heading {
                        level: 7,
                        range: lead,
                    });
                }
            }
        }
    }

    /// Records a heading over an already pushed text range (plain-text heuristics).
    pub fn mark_heading(&mut self, level: u8, range: Range<usize>) {
        self.doc.headings.push(Heading { level, range });
    }

    pub fn set_title(&mut self, range: Range<usize>) {
        if self.doc.title.is_none() && !range.is_empty() {
            self.doc.title = Some(range);
        }
    }

    pub fn add_link(&mut self, href: String, range: Range<usize>) {
        self.doc.links.push(Link { href, range });
    }

    pub fn add_comment(&mut self, text: String, source: Range<usize>) {
        self.doc.comments.push(Comment { text, source });
    }

    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// Opens a table (tables may nest).
    pub fn start_table(&mut self, at: usize) {
        self.break_block(at);
        self.tables.push(TableTrack::default());
    }

    /// Closes the innermost table.
    pub fn end_table(&mut self, at: usize) {
        self.end_cell(at);
        self.tables.pop();
        self.break_block(at);
    }

    /// Starts a row of the innermost table.
    pub fn start_row(&mut self, at: usize) {
        self.end_cell(at);
        self.take_label_row();
        if let Some(t) = self.tables.last_mut() {
            t.col = 0;
            t.row_header = None;
            t.rows += 1;
        }
        self.break_block(at);
    }

    /// Makes the first row of the innermost table its column headers when a second row starts,
    /// no header cell was seen and every cell of that row is a short label ("Gegevens | Doel |
    /// Bewaartermijn"): most site editors write a table's header row in plain `<td>`s.
    fn take_label_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if t.rows != 1 || t.header_seen {
            return;
        }
        let first = std::mem::take(&mut t.first_row);
        let text = &self.doc.text;
        if first.len() < 2 || !first.iter().all(|(r, _, _)| is_label(&text[r.clone()])) {
            return;
        }
        t.header_seen = true;
        t.data_seen = false;
        for (range, col, span) in first {
            let index = self.doc.table_headers.len();
            self.doc.table_headers.push(range);
            if col + span <= MAX_COLUMNS {
                if t.columns.len() < col + span {
                    t.columns.resize(col + span, None);
                }
                t.columns[col..col + span].fill(Some(index));
            }
        }
    }

    /// Opens a cell (a header cell when `header`) spanning `span` columns; an open cell is
    /// closed first, as browsers do for a missing `</td>`.
    pub fn start_cell(&mut self, header: bool, span: usize, at: usize) {
        self.end_cell(at);
        self.break_block(at);
        let start = self.len();
        if let Some(t) = self.tables.last_mut() {
            t.open = Some((start, header, span.clamp(1, MAX_COLUMNS)));
        }
    }

    /// Opens the term of a definition list (a table of two columns): a row of its own, whose
    /// header cell is the term.
    pub fn start_term(&mut self, at: usize) {
        self.start_row(at);
        self.start_cell(true, 1, at);
    }

    /// Closes the open cell, if any, and records it with its headers.
    pub fn end_cell(&mut self, at: usize) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some((start, header, span)) = t.open.take() else {
            return;
        };
        let text = self.doc.text.as_bytes();
        let mut end = self.doc.text.len();
        while end > start && matches!(text[end - 1], b' ' | b'\n') {
            end -= 1;
        }
        let col = t.col;
        t.col += span;
        if end > start {
            if header {
                t.header_seen = true;
                let index = self.doc.table_headers.len();
                self.doc.table_headers.push(start..end);
                if !t.data_seen && col + span <= MAX_COLUMNS {
                    if t.columns.len() < col + span {
                        t.columns.resize(col + span, None);
                    }
                    t.columns[col..col + span].fill(Some(index));
                }
                if col == 0 {
                    t.row_header = Some(index);
                }
            } else {
                t.data_seen = true;
                if t.rows <= 1 && !t.header_seen {
                    t.first_row.push((start..end, col, span));
                }
                let column = t.columns.get(col).copied().flatten();
                for header in column.into_iter().chain(t.row_header) {
                    self.doc.cells.push(HeaderedCell {
                        cell: start..end,
                        header,
                    });
                }
            }
        }
        self.break_block(at);
    }

    /// Whether text other than leading copyright notices has been pushed (an HTML `<title>`
    /// counts as the page's title only before that).
    pub fn has_body_text(&self) -> bool {
        !self.doc.text[self.lead_notices_end.min(self.doc.text.len())..]
            .trim()
            .is_empty()
    }

    /// Notes the copyright notices in a comment or a front matter block (`raw`, found at
    /// source offset `at`): "SPDX-FileCopyrightText: 2024 Acme BV", "Copyright (c) Acme".
    /// Some pages name their owner nowhere else, and a name that appears only in a copyright
    /// line is a weak identity (elements.md). Each notice becomes a block of its own, up to the
    /// first e-mail address or link, which the reader never sees: in place when no body text
    /// came before it (a licence header, front matter), else at the end of the text
    /// ([`DocumentBuilder::finish`]), so that it never splits the body (a page signed at its
    /// end, "— Anna Vos", stays signed at its end).
    pub fn note_copyright(&mut self, raw: &str, at: usize) {
        let mut line_at = at;
        for line in raw.split_inclusive('\n') {
            let rest = line.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '#' | '*' | '/' | '!' | '<' | '-' | ';')
            });
            let lead = line.len() - rest.len();
            let opens = |p: &str| {
                rest.as_bytes()
                    .get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
            };
            let is_notice = opens("spdx-filecopyrighttext:")
                || opens("copyright")
                || opens("(c) ")
                || rest.starts_with('\u{a9}');
            if is_notice && self.notices_kept < MAX_NOTICES {
                let mut end = rest.find(['<', '@', '\n', '\r']).unwrap_or(rest.len());
                if rest[end..].starts_with('@') {
                    // The whole address goes: back to the space before it.
                    end = rest[..end].rfind(char::is_whitespace).unwrap_or(0);
                }
                let notice = rest[..end].trim_end();
                let notice = notice.strip_suffix("-->").unwrap_or(notice);
                let notice = notice.trim_end_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | '-')
                });
                if !notice.is_empty() && notice.len() <= MAX_NOTICE_LEN {
                    self.notices_kept += 1;
                    let notice_at = line_at + lead;
                    if self.has_body_text() {
                        self.notices.push((notice.to_string(), notice_at));
                    } else {
                        self.push_notice(notice, notice_at);
                        self.lead_notices_end = self.doc.text.len();
                    }
                }
            }
            line_at += line.len();
        }
    }

    /// A copyright notice as a block of its own.
    fn push_notice(&mut self, notice: &str, at: usize) {
        self.break_block(at);
        self.push_source(notice, at);
        self.break_block(at + notice.len());
    }

    pub fn finish(mut self, end: usize) -> Document {
        if self.heading_start.is_some() {
            self.end_heading(end);
        }
        while !self.tables.is_empty() {
            self.end_table(end);
        }
        for (notice, at) in std::mem::take(&mut self.notices) {
            self.push_notice(&notice, at);
        }
        self.break_block(end);
        self.doc.headings.sort_by_key(|h| h.range.start);
        self.doc.headings.dedup_by_key(|h| h.range.start);
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runs_map_every_byte_as_a_byte_by_byte_map_would() {
        // Source: "café &amp; x" at offset 100: "caf" and "é" copied (one run), an entity
        // (a fixed run of one character), a space of no width, "x" copied again.
        let mut b = DocumentBuilder::new();
        b.push_source("café ", 100);
        b.push_char('&', 106..111);
        b.space(111);
        b.push_source("x", 112);
        b.break_block(113);
        let d = b.finish(113);
        assert_eq!(d.text, "café & x\n");
        // Every byte of "é" maps to both of its source bytes.
        assert_eq!(d.source_range(3..4), 103..105);
        assert_eq!(d.source_range(4..5), 103..105);
        assert_eq!(d.source_range(0..5), 100..105);
        assert_eq!(d.source_range(6..7), 106..111);
        assert_eq!(d.source_range(7..8), 111..111);
        assert_eq!(d.source_range(8..9), 112..113);
        assert_eq!(d.source_range(0..9), 100..113);
        assert_eq!(d.source_start(4), Some(103));
        assert_eq!(d.source_start(6), Some(106));
        assert_eq!(d.source_start(10), None);
        assert_eq!(d.text_offset_of(&(107..108)), Some(6));
        assert_eq!(d.text_offset_of(&(104..105)), Some(3));
        assert_eq!(d.text_offset_of(&(112..112)), Some(8));
        assert_eq!(d.text_offset_of(&(104..104)), Some(5));
        // Every source range finds what trying each character in turn finds.
        for a in 95..120 {
            for b in a..120 {
                let tried = d.text.char_indices().map(|(at, _)| at).find(|&at| {
                    let Range { start: s, end: e } = d.source_of_byte(at);
                    if a == b {
                        s >= a
                    } else {
                        s < b && e > a
                    }
                });
                assert_eq!(d.text_offset_of(&(a..b)), tried, "{a}..{b}");
            }
        }
        // Copied text stays one run; the entity and the markers are runs of their own.
        assert_eq!(d.map.len(), 5, "{:?}", d.map);
    }

    #[test]
    fn collapses_space_and_maps_back() {
        let mut b = DocumentBuilder::new();
        b.push_source("  a   b ", 10);
        b.break_block(18);
        b.push_source("c", 20);
        let d = b.finish(21);
        assert_eq!(d.text, "a b\nc\n");
        assert_eq!(d.source_range(0..3), 12..17);
        assert_eq!(d.source_range(4..5), 20..21);
    }

    #[test]
    fn heading_path_walks_up() {
        let mut b = DocumentBuilder::new();
        b.start_heading(1, 0);
        b.push_source("Titel", 0);
        b.end_heading(5);
        b.start_heading(2, 5);
        b.push_source("Bewaren", 5);
        b.end_heading(12);
        b.push_source("tekst", 12);
        let d = b.finish(17);
        let path: Vec<u8> = d
            .heading_path(d.text.len() - 2)
            .iter()
            .map(|h| h.level)
            .collect();
        assert_eq!(path, vec![2, 1]);
    }
}
