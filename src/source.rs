//! Reading a file and decoding it to UTF-8 while keeping the way back to the bytes on disk.
//!
//! Every span privlint reports is a byte range of the file *as it is on disk*. Extraction works
//! on decoded UTF-8 text, so this module owns the one mapping from decoded offsets back to disk
//! offsets: the identity (shifted by a BOM) for UTF-8, and a per-byte table for UTF-16 and legacy
//! encodings such as windows-1252.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Files larger than this are skipped with a note unless `--max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Why a file could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a text file (binary data), skipped")]
    NotText { path: String },
    #[error(
        "{path} is {size} bytes, more than the limit of {limit} bytes (--max-file-size), skipped"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
}

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given by the user (or found in a folder walk), for messages.
    pub path: String,
    /// The decoded text (BOM removed).
    pub text: String,
    /// The name of the encoding the file was read in.
    pub encoding: &'static str,
    disk: DiskMap,
    disk_len: usize,
    /// Byte offsets of line starts, computed on first use.
    lines: std::sync::OnceLock<Vec<usize>>,
}

#[derive(Debug, Clone)]
enum DiskMap {
    /// UTF-8: a decoded offset plus this shift (the BOM length) is the disk offset.
    Shift(usize),
    /// Any other encoding: the disk offset of every decoded byte, plus one entry for the end.
    Table(Vec<u32>),
}

impl Source {
    /// Reads and decodes a file, refusing files over `max_size` bytes.
    pub fn read(path: &Path, display: &str, max_size: u64) -> Result<Source, SourceError> {
        let io = |source| SourceError::Io {
            path: display.to_string(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_file() && meta.len() > max_size {
            return Err(SourceError::TooLarge {
                path: display.to_string(),
                size: meta.len(),
                limit: max_size,
            });
        }
        let bytes = read_file(path, meta.len().min(max_size)).map_err(io)?;
        if bytes.len() as u64 > max_size {
            return Err(SourceError::TooLarge {
                path: display.to_string(),
                size: bytes.len() as u64,
                limit: max_size,
            });
        }
        Source::decode(display, std::borrow::Cow::Owned(bytes))
    }

    /// Decodes bytes that came from `path`.
    pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Source, SourceError> {
        Source::decode(path, std::borrow::Cow::Borrowed(bytes))
    }

    /// Decodes bytes, taking over a UTF-8 buffer without copying it (a page of a site scan
    /// is tens of kilobytes: these checks run for every file).
    fn decode(path: &str, mut bytes: std::borrow::Cow<'_, [u8]>) -> Result<Source, SourceError> {
        let not_text = || SourceError::NotText {
            path: path.to_string(),
        };
        let disk_len = bytes.len();
        if disk_len >= u32::MAX as usize / 2 {
            return Err(SourceError::TooLarge {
                path: path.to_string(),
                size: disk_len as u64,
                limit: u32::MAX as u64 / 2,
            });
        }
        let utf8 = |text: String, bom_len: usize| Source {
            path: path.to_string(),
            text,
            encoding: UTF_8.name(),
            disk: DiskMap::Shift(bom_len),
            disk_len,
            lines: std::sync::OnceLock::new(),
        };
        let checked = |source: Source| {
            if looks_binary_text(&source.text) {
                Err(not_text())
            } else {
                Ok(source)
            }
        };
        let (encoding, bom_len) = match Encoding::for_bom(&bytes) {
            Some(found) => found,
            None => match sniff_utf16(&bytes) {
                Some(enc) => (enc, 0),
                None if looks_binary(&bytes) => return Err(not_text()),
                // Most files: UTF-8 without a BOM, validated once, as the text is taken over.
                None => match String::from_utf8(bytes.into_owned()) {
                    Ok(text) => return checked(utf8(text, 0)),
                    Err(e) => {
                        bytes = std::borrow::Cow::Owned(e.into_bytes());
                        (declared_or_guessed(&bytes), 0)
                    }
                },
            },
        };
        let source = if encoding == UTF_8 {
            let mut body = bytes.into_owned();
            body.drain(..bom_len);
            match String::from_utf8(body) {
                Ok(text) => utf8(text, bom_len),
                // A BOM (or a declaration) that lies: decode with replacement but keep
                // offsets by table.
                Err(e) => {
                    let body = e.into_bytes();
                    return Ok(decode_with_table(path, &body, bom_len, UTF_8, disk_len));
                }
            }
        } else {
            decode_with_table(path, &bytes[bom_len..], bom_len, encoding, disk_len)
        };
        checked(source)
    }

    /// A source made from a string (tests, stdin).
    pub fn from_string(path: &str, text: &str) -> Source {
        Source {
            path: path.to_string(),
            text: text.to_string(),
            encoding: UTF_8.name(),
            disk: DiskMap::Shift(0),
            disk_len: text.len(),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// A source whose text is not kept (a page of a site scan with nothing to show): its path
    /// and encoding only.
    pub fn detached(path: &str, encoding: &'static str) -> Source {
        Source {
            path: path.to_string(),
            text: String::new(),
            encoding,
            disk: DiskMap::Shift(0),
            disk_len: 0,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// Whether the text was dropped (see [`Source::detached`]).
    pub fn is_detached(&self) -> bool {
        self.text.is_empty() && self.disk_len == 0
    }

    /// The disk offset of a decoded byte offset (clamped to the text).
    pub fn disk_offset(&self, decoded: usize) -> usize {
        match &self.disk {
            DiskMap::Shift(shift) => decoded.min(self.text.len()) + shift,
            DiskMap::Table(table) => table
                .get(decoded.min(table.len().saturating_sub(1)))
                .map(|&o| o as usize)
                .unwrap_or(self.disk_len),
        }
    }

    /// 1-based line and 1-based column (in characters) of a decoded byte offset.
    pub fn line_col(&self, decoded: usize) -> (usize, usize) {
        let mut at = decoded.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = lines.partition_point(|&s| s <= at).max(1);
        let line_start = lines[line - 1];
        let column = self.text[line_start..at].chars().count() + 1;
        (line, column)
    }

    /// The size of the file on disk.
    pub fn disk_len(&self) -> usize {
        self.disk_len
    }
}

fn decode_with_table(
    path: &str,
    body: &[u8],
    bom_len: usize,
    encoding: &'static Encoding,
    disk_len: usize,
) -> Source {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 2);
    let mut table: Vec<u32> = Vec::with_capacity(body.len() * 2);
    let mut pending_start = 0usize;
    let mut buf = [0u8; 64];
    for (i, byte) in body.iter().enumerate() {
        let input = [*byte];
        let (_, _, written, _) = decoder.decode_to_utf8(&input, &mut buf, false);
        if written > 0 {
            push_decoded(
                &mut text,
                &mut table,
                &buf[..written],
                bom_len + pending_start,
            );
            pending_start = i + 1;
        }
    }
    let (_, _, written, _) = decoder.decode_to_utf8(&[], &mut buf, true);
    if written > 0 {
        push_decoded(
            &mut text,
            &mut table,
            &buf[..written],
            bom_len + pending_start,
        );
    }
    table.push(disk_len as u32);
    Source {
        path: path.to_string(),
        text,
        encoding: encoding.name(),
        disk: DiskMap::Table(table),
        disk_len,
        lines: std::sync::OnceLock::new(),
    }
}

fn push_decoded(text: &mut String, table: &mut Vec<u32>, utf8: &[u8], disk_start: usize) {
    let s = String::from_utf8_lossy(utf8);
    for _ in 0..s.len() {
        table.push(disk_start as u32);
    }
    text.push_str(&s);
}

/// UTF-16 without a BOM: ASCII-heavy text shows a zero in every other byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    // Text in any other encoding has no zero byte (and most files are such text).
    if head.len() < 4 || !head.contains(&0) {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = (0..pairs).filter(|i| head[2 * i] == 0).count();
    let odd_zero = (0..pairs).filter(|i| head[2 * i + 1] == 0).count();
    let printable = |b: u8| b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b);
    if odd_zero * 10 >= pairs * 9 && even_zero == 0 {
        let ok = (0..pairs).filter(|i| printable(head[2 * i])).count();
        (ok * 10 >= pairs * 9).then_some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 9 && odd_zero == 0 {
        let ok = (0..pairs).filter(|i| printable(head[2 * i + 1])).count();
        (ok * 10 >= pairs * 9).then_some(UTF_16BE)
    } else {
        None
    }
}

/// Binary data: NUL bytes or many control characters in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    control_bytes(head) * 100 > head.len().max(1) * 2
}

/// C0 control bytes other than tab, line feed, form feed, carriage return and escape.
/// Counted 255 bytes at a time in a `u8`, which the compiler turns into vector code.
fn control_bytes(bytes: &[u8]) -> usize {
    let bad =
        |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c) & (b != 0x1b);
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(bad(b))) as usize)
        .sum()
}

/// Decoded text that is mostly replacement characters or control characters, judged on its
/// first 8 KiB: C0 controls (as in [`looks_binary`]), DEL, the C1 controls U+0080-U+009F
/// (`C2 80`-`C2 9F` in UTF-8) and U+FFFD (`EF BF BD`) count as bad, out of the characters
/// (the bytes that start one).
fn looks_binary_text(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let starts: usize = head
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(b & 0xC0 != 0x80)) as usize)
        .sum();
    let del = head.iter().filter(|&&b| b == 0x7f).count();
    let c1 = memchr::memchr_iter(0xC2, head)
        .filter(|&i| head.get(i + 1).is_some_and(|b| (0x80..0xA0).contains(b)))
        .count();
    let replacement = memchr::memmem::find_iter(head, "\u{FFFD}".as_bytes()).count();
    let bad = control_bytes(head) + del + c1 + replacement;
    bad * 100 > starts * 5
}

/// `<meta charset>` or `http-equiv` in the first 2 KiB, else a guess by chardetng.
fn declared_or_guessed(bytes: &[u8]) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    if let Some(pos) = find(&lower, b"charset=") {
        let rest = &lower[pos + 8..];
        let rest = rest
            .iter()
            .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
            .copied()
            .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':')
            .collect::<Vec<u8>>();
        if let Some(enc) = Encoding::for_label(&rest) {
            // A page that declares UTF-8 but is not: fall back to the guess.
            if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
                return enc;
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A file's bytes, in a buffer whose capacity is the power of two above its size (`len`, as
/// the metadata gave it) where that is at most [`ROUNDED_UP_TO`]. `std::fs::read` allocates the
/// exact size: pages of a site scan, each of another size, then each take a block of another
/// size class of the allocator, and the first thousand pages touch a few megabytes of fresh
/// memory (a page fault each 4 KB). Rounded, the buffers of a few sizes are freed and reused.
fn read_file(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    // One byte more, so that the read that meets the end of the file needs no larger buffer.
    let want = usize::try_from(len).unwrap_or(usize::MAX).saturating_add(1);
    let capacity = if want <= ROUNDED_UP_TO {
        want.next_power_of_two()
    } else {
        want
    };
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(capacity)
        .map_err(std::io::Error::other)?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The largest file size whose read buffer is rounded up to a power of two (see
/// [`read_file`]); above it, rounding up could waste as much memory as the file takes.
const ROUNDED_UP_TO: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_whatever_size_the_metadata_gave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        for size in [
            0usize,
            1,
            4095,
            4096,
            4097,
            (1 << 20) - 1,
            1 << 20,
            (1 << 20) + 3,
        ] {
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            // The size the metadata gave may be stale: the file grew or shrank since.
            for len in [size as u64, 0, size as u64 / 2, size as u64 * 2] {
                let read = read_file(&path, len).unwrap();
                assert_eq!(read.len(), size, "size {size}, metadata {len}");
                assert!(read == bytes, "size {size}, metadata {len}");
            }
        }
        assert!(read_file(&dir.path().join("missing"), 0).is_err());
    }

    #[test]
    fn utf8_with_bom_shifts_offsets() {
        let s = Source::from_bytes("a", b"\xEF\xBB\xBFhallo").unwrap();
        assert_eq!(s.text, "hallo");
        assert_eq!(s.disk_offset(0), 3);
        assert_eq!(s.disk_offset(5), 8);
    }

    #[test]
    fn windows_1252_maps_each_char_to_its_byte() {
        // "caf\xe9 x" in windows-1252: é is one byte on disk, two in UTF-8.
        let s = Source::from_bytes("a", b"<p>caf\xe9 \x93x\x94</p>").unwrap();
        assert_eq!(s.text, "<p>caf\u{e9} \u{201c}x\u{201d}</p>");
        let x = s.text.find('x').unwrap();
        assert_eq!(s.disk_offset(x), 9);
        assert_eq!(s.disk_offset(s.text.len()), 15);
    }

    #[test]
    fn declared_charset_is_used() {
        let s = Source::from_bytes("a", b"<meta charset=\"iso-8859-1\"><p>\xe9</p>").unwrap();
        assert!(s.text.contains('\u{e9}'));
    }

    #[test]
    fn utf16le_with_and_without_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "hé".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let s = Source::from_bytes("a", &bytes).unwrap();
        assert_eq!(s.text, "hé");
        assert_eq!(s.disk_offset(1), 4);
        let plain: Vec<u8> = "hallo wereld"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let s = Source::from_bytes("a", &plain).unwrap();
        assert_eq!(s.text, "hallo wereld");
        assert_eq!(s.disk_offset(6), 12);
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(
            Source::from_bytes("x.html", png),
            Err(SourceError::NotText { .. })
        ));
    }

    #[test]
    fn text_of_replacement_or_c1_characters_is_refused() {
        let not_text = |s: &str| {
            matches!(
                Source::from_bytes("x.txt", s.as_bytes()),
                Err(SourceError::NotText { .. })
            )
        };
        // One bad character in ten is too many; one in forty is text with a few flaws.
        let mixed = |bad: char, every: usize| -> String {
            (0..4000)
                .map(|i| if i % every == 0 { bad } else { 'a' })
                .collect()
        };
        assert!(not_text(&mixed('\u{FFFD}', 10)));
        assert!(not_text(&mixed('\u{85}', 10)));
        assert!(not_text(&mixed('\u{7f}', 10)));
        assert!(!not_text(&mixed('\u{FFFD}', 40)));
        assert!(!not_text(&mixed('\u{85}', 40)));
        // Letters and a no-break space share the lead byte of the C1 controls (C2): no flaw.
        assert!(!not_text(&"caf\u{e9}\u{a0}\u{a9} \u{20ac}\n".repeat(500)));
        // Bad characters after the first 8 KiB are not looked at.
        let late = format!("{}{}", "a".repeat(9000), "\u{FFFD}".repeat(3000));
        assert!(!not_text(&late));
    }

    #[test]
    fn a_utf8_file_keeps_its_text_and_disk_offsets() {
        let s = Source::from_bytes("a", "pr\u{e9}cis".as_bytes()).unwrap();
        assert_eq!(s.text, "pr\u{e9}cis");
        assert_eq!(s.encoding, "UTF-8");
        assert_eq!(s.disk_offset(4), 4);
        assert_eq!(s.disk_len(), 7);
    }

    #[test]
    fn line_col_counts_characters() {
        let s = Source::from_string("a", "één\ntwee drie");
        assert_eq!(s.line_col(s.text.find("drie").unwrap()), (2, 6));
        assert_eq!(s.line_col("één".len()), (1, 4));
    }
}
