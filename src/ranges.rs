//! Lookups in sorted, disjoint byte ranges: the hidden shortcodes of a Markdown source, the
//! `<script>` elements of a page, the table of contents of a statement. Each is a binary search,
//! so a long list costs little per lookup.

use std::ops::Range;

/// Whether `at` is inside one of the sorted, disjoint `spans`.
pub fn inside(spans: &[Range<usize>], at: usize) -> bool {
    let n = spans.partition_point(|r| r.start <= at);
    n > 0 && spans[n - 1].contains(&at)
}

/// Whether `range` shares a byte with one of the sorted, disjoint `spans`.
pub fn overlaps(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    let n = spans.partition_point(|r| r.start < range.end);
    n > 0 && spans[n - 1].end > range.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_finds_a_shared_byte() {
        let spans = [2..5, 9..12];
        assert!(!overlaps(&spans, &(0..2)));
        assert!(overlaps(&spans, &(0..3)));
        assert!(overlaps(&spans, &(4..9)));
        assert!(!overlaps(&spans, &(5..9)));
        assert!(overlaps(&spans, &(11..20)));
        assert!(!overlaps(&spans, &(12..20)));
        assert!(!overlaps(&[], &(0..20)));
    }

    #[test]
    fn inside_finds_the_span() {
        let spans = [2..5, 9..12];
        assert!(!inside(&spans, 1));
        assert!(inside(&spans, 2));
        assert!(inside(&spans, 4));
        assert!(!inside(&spans, 5));
        assert!(inside(&spans, 11));
        assert!(!inside(&spans, 12));
    }
}
