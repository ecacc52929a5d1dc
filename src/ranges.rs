//! Lookups in sorted, disjoint byte ranges: the hidden shortcodes of a Markdown source, the
//! `<script>` elements of a page, the table of contents of a statement, its template
//! placeholders and `unless_here` phrases. Each is a binary search, so a long list costs little
//! per lookup.

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

/// `spans` sorted and made disjoint, as the look-ups above need them: overlapping spans are
/// joined, so the bytes covered stay the same.
pub fn merge(spans: &mut Vec<Range<usize>>) {
    spans.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans.drain(..) {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    *spans = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_joins_overlapping_spans_and_keeps_the_bytes_covered() {
        let mut spans = vec![40..45, 10..30, 12..14, 29..35, 50..52, 52..60];
        merge(&mut spans);
        assert_eq!(spans, vec![10..35, 40..45, 50..52, 52..60]);
        let mut none: Vec<Range<usize>> = Vec::new();
        merge(&mut none);
        assert!(none.is_empty());
    }

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
