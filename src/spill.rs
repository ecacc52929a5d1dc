//! A store for records that a scan makes in one pass and reads back, in the same order, in
//! the next: the facts of 40,000 pages go to an unnamed temporary file instead of memory, as
//! `sort(1)` does with runs that do not fit. The file lives in the system's temporary folder
//! (never in the folder being scanned) and disappears when the store is dropped, also when
//! privlint is killed. Where no temporary file can be made, the records stay in memory.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Cursor, Read, Seek, SeekFrom, Write};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why a record could not be stored or read back.
#[derive(Debug, thiserror::Error)]
pub enum SpillError {
    #[error("cannot write the temporary file: {0}")]
    Write(#[source] std::io::Error),
    #[error("cannot read the temporary file back: {0}")]
    Read(#[source] std::io::Error),
    #[error("a record in the temporary file is damaged: {0}")]
    Damaged(#[source] serde_json::Error),
}

/// Bytes written now and read back once, later: an unnamed temporary file, or memory where
/// none can be made.
pub enum Scratch {
    Disk(BufWriter<File>),
    Memory(Vec<u8>),
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

impl Scratch {
    pub fn new() -> Scratch {
        match tempfile::tempfile() {
            Ok(f) => Scratch::Disk(BufWriter::with_capacity(1 << 16, f)),
            Err(_) => Scratch::Memory(Vec::new()),
        }
    }

    /// Everything written, from the start.
    pub fn into_reader(self) -> std::io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Scratch::Disk(w) => {
                let mut f = w.into_inner().map_err(|e| e.into_error())?;
                f.seek(SeekFrom::Start(0))?;
                Box::new(f)
            }
            Scratch::Memory(v) => Box::new(Cursor::new(v)),
        })
    }
}

impl Write for Scratch {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Scratch::Disk(w) => w.write(buf),
            Scratch::Memory(v) => v.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Scratch::Disk(w) => w.write_all(buf),
            Scratch::Memory(v) => v.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Scratch::Disk(w) => w.flush(),
            Scratch::Memory(_) => Ok(()),
        }
    }
}

/// Records written one after another, one JSON line each.
pub struct Spill {
    store: Scratch,
    len: usize,
}

impl Default for Spill {
    fn default() -> Self {
        Spill::new()
    }
}

impl Spill {
    /// A store on disk, or in memory when no temporary file can be made.
    pub fn new() -> Spill {
        Spill {
            store: Scratch::new(),
            len: 0,
        }
    }

    /// A store that keeps its records in memory (tests, and the fallback).
    pub fn in_memory() -> Spill {
        Spill {
            store: Scratch::Memory(Vec::new()),
            len: 0,
        }
    }

    /// How many records were written.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A record as it is stored (so callers can encode records in parallel and store them in
    /// order with [`Spill::push_encoded`]).
    pub fn encode<T: Serialize>(record: &T) -> Result<Vec<u8>, SpillError> {
        serde_json::to_vec(record).map_err(|e| SpillError::Write(e.into()))
    }

    /// A stored record read back (see [`Records::raw`]).
    pub fn decode<T: DeserializeOwned>(line: &[u8]) -> Result<T, SpillError> {
        serde_json::from_slice(line).map_err(SpillError::Damaged)
    }

    /// Appends a record.
    pub fn push<T: Serialize>(&mut self, record: &T) -> Result<(), SpillError> {
        self.push_encoded(&Spill::encode(record)?)
    }

    /// Appends a record made by [`Spill::encode`].
    pub fn push_encoded(&mut self, line: &[u8]) -> Result<(), SpillError> {
        self.store
            .write_all(line)
            .and_then(|_| self.store.write_all(b"\n"))
            .map_err(SpillError::Write)?;
        self.len += 1;
        Ok(())
    }

    /// The records, in the order they were written.
    pub fn records<T: DeserializeOwned>(self) -> Result<Records<T>, SpillError> {
        let reader = self.store.into_reader().map_err(SpillError::Read)?;
        Ok(Records {
            reader: BufReader::with_capacity(1 << 16, reader),
            line: Vec::new(),
            left: self.len,
            _record: std::marker::PhantomData,
        })
    }
}

/// Reads records back (see [`Spill::records`]).
pub struct Records<T> {
    reader: BufReader<Box<dyn Read + Send>>,
    line: Vec<u8>,
    left: usize,
    _record: std::marker::PhantomData<fn() -> T>,
}

impl<T> Records<T> {
    /// The next record still encoded, to be decoded with [`Spill::decode`] (in parallel).
    pub fn raw(&mut self) -> Option<Result<Vec<u8>, SpillError>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        self.line.clear();
        match self.reader.read_until(b'\n', &mut self.line) {
            Ok(0) => Some(Err(SpillError::Read(
                std::io::ErrorKind::UnexpectedEof.into(),
            ))),
            Ok(_) => Some(Ok(std::mem::take(&mut self.line))),
            Err(e) => Some(Err(SpillError::Read(e))),
        }
    }
}

impl<T: DeserializeOwned> Iterator for Records<T> {
    type Item = Result<T, SpillError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.raw()?.and_then(|line| Spill::decode(&line)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct R {
        n: usize,
        text: String,
    }

    fn round_trip(mut spill: Spill) {
        let records: Vec<R> = (0..1000)
            .map(|n| R {
                n,
                text: format!("regel {n}\nmet \u{e9}\u{e9}n \"aanhalingsteken\""),
            })
            .collect();
        for r in &records {
            spill.push(r).expect("write");
        }
        assert_eq!(spill.len(), 1000);
        let back: Vec<R> = spill
            .records()
            .expect("read")
            .collect::<Result<_, _>>()
            .expect("records");
        assert_eq!(back, records);
    }

    #[test]
    fn records_come_back_in_order_from_disk_and_memory() {
        round_trip(Spill::new());
        round_trip(Spill::in_memory());
    }

    #[test]
    fn a_short_store_is_an_error_not_a_panic() {
        let mut spill = Spill::in_memory();
        spill.push(&1u32).expect("write");
        spill.len = 2;
        let got: Vec<Result<u32, SpillError>> = spill.records().expect("read").collect();
        assert_eq!(got.len(), 2);
        assert!(matches!(got[0], Ok(1)));
        assert!(matches!(got[1], Err(SpillError::Read(_))));
    }
}
