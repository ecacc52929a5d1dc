//! The built-in phrases as the rule files write them, found by a hash table made at build
//! time.
//!
//! Loading the rules reads every phrase of every file as a key for the phrase automaton:
//! trimmed, `*` taken off, folded (`normalize::rule_phrase`), then hashed to find it among
//! the 5,000 built-in ones. For the built-in files `build.rs` has done that reading already:
//! it writes each phrase as written, with its place in the built-in phrase list and whether
//! its start and end are open, and an open-addressing table over them. A lookup hashes the
//! phrase once and compares it with one or two entries (a binary search compared a dozen:
//! as slow as reading the phrase anew). `build.rs` includes this file, so both sides hash
//! alike.

/// A phrase as written, with what it reads as: its text's place in the built-in phrase list,
/// whether its start is open, whether its end is open.
pub type Entry = (&'static str, u32, bool, bool);

/// A slot of the table that holds no entry.
pub const EMPTY: u32 = u32::MAX;

/// FNV-1a, 64 bits: fixed (the table is made at build time), and fast on short keys.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The table for `texts`: a power of two of at least twice as many slots, each `EMPTY` or
/// the index of a text, placed at its hash or the first free slot after it (wrapping).
pub fn table<'a>(texts: impl ExactSizeIterator<Item = &'a str>) -> Vec<u32> {
    let size = (texts.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let mut slots = vec![EMPTY; size];
    for (i, text) in texts.enumerate() {
        let mut at = hash(text) as usize & mask;
        while slots[at] != EMPTY {
            at = (at + 1) & mask;
        }
        slots[at] = i as u32;
    }
    slots
}

/// The entry for `text` in `entries`, by `slots` (see [`table`]).
pub fn find<'e>(slots: &[u32], entries: &'e [Entry], text: &str) -> Option<&'e Entry> {
    let mask = slots.len().checked_sub(1)?;
    let mut at = hash(text) as usize & mask;
    // The table is at most half full: an empty slot ends every probe.
    for _ in 0..slots.len() {
        let i = *slots.get(at)?;
        if i == EMPTY {
            return None;
        }
        let entry = entries.get(i as usize)?;
        if entry.0 == text {
            return Some(entry);
        }
        at = (at + 1) & mask;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_found_and_no_other() {
        let entries: Vec<Entry> = ["bewaren", "bewaartermijn*", "*beleid", "a", ""]
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, i as u32, false, false))
            .collect();
        let slots = table(entries.iter().map(|e| e.0));
        assert_eq!(slots.len(), 16);
        for e in &entries {
            assert_eq!(find(&slots, &entries, e.0), Some(e));
        }
        for other in ["bewaar", "beleid", "b", " a"] {
            assert_eq!(find(&slots, &entries, other), None);
        }
        // A full table (not one `table` makes) still ends a probe.
        let full = vec![0u32; 4];
        assert_eq!(find(&full, &entries[..1], "x"), None);
        assert_eq!(find(&[], &entries, "a"), None);
    }
}
