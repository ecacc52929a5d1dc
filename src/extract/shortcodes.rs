//! Hugo shortcodes in Markdown sources: which ones are markup, hidden like HTML tags.
//!
//! A Hugo content file wraps text in shortcodes (`{{< details summary="..." >}} ... {{< /details >}}`,
//! `{{% notice info %}}`) and embeds media with them (`{{< youtube id >}}`, `{{< figure src=... >}}`).
//! The rendered page shows none of that syntax, so a statement's text must not either: "youtube"
//! inside a shortcode names no recipient, and a wrapper is no unfilled template placeholder.
//! A shortcode that stands for a value (`{{< email >}}`, `{{< param "company" >}}`) is
//! different: the reader of the source cannot see what it becomes, so it stays in the text and
//! the placeholder rule reports it. Markup is a closing shortcode, an opening one whose closer
//! appears in the file, or one of Hugo's built-in and the common themes' markup shortcodes.

use std::collections::HashSet;
use std::ops::Range;

/// Shortcodes that render markup or media around or instead of text, never a value of the site.
const MARKUP: &[&str] = &[
    "admonition",
    "alert",
    "audio",
    "button",
    "callout",
    "center",
    "columns",
    "comment",
    "details",
    "expand",
    "figure",
    "gist",
    "hint",
    "highlight",
    "image",
    "img",
    "instagram",
    "notice",
    "qr",
    "ref",
    "relref",
    "tab",
    "tabs",
    "toc",
    "tweet",
    "video",
    "vimeo",
    "x",
    "youtube",
];

/// The longest shortcode looked at; a longer `{{<` run is left as text.
const MAX_LEN: usize = 400;

/// One shortcode found in the source.
struct Found {
    range: Range<usize>,
    name: String,
    closing: bool,
}

/// The source ranges of the shortcodes that are markup, sorted and disjoint.
pub fn markup_spans(src: &str) -> Vec<Range<usize>> {
    let found = find(src);
    let closed: HashSet<&str> = found
        .iter()
        .filter(|f| f.closing)
        .map(|f| f.name.as_str())
        .collect();
    found
        .iter()
        .filter(|f| {
            f.closing || closed.contains(f.name.as_str()) || MARKUP.contains(&f.name.as_str())
        })
        .map(|f| f.range.clone())
        .collect()
}

/// Every `{{< name ... >}}` and `{{% name ... %}}` on one line, in order.
fn find(src: &str) -> Vec<Found> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = src[i..].find("{{") {
        let start = i + k;
        let Some(&delim) = bytes.get(start + 2) else {
            break;
        };
        let close = match delim {
            b'<' => ">}}",
            b'%' => "%}}",
            _ => {
                i = start + 2;
                continue;
            }
        };
        let mut window_end = (start + MAX_LEN).min(src.len());
        while !src.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = src.get(start + 3..window_end).unwrap_or("");
        let line = window.split('\n').next().unwrap_or("");
        let Some(end_at) = line.find(close) else {
            i = start + 3;
            continue;
        };
        let inner = line[..end_at].trim_start();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let end = start + 3 + end_at + close.len();
        if !name.is_empty() {
            out.push(Found {
                range: start..end,
                name,
                closing,
            });
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        markup_spans(src).into_iter().map(|r| &src[r]).collect()
    }

    #[test]
    fn wrappers_closers_and_media_are_markup() {
        let src = "{{< details summary=\"Waarom\" >}}\nTekst.\n{{< /details >}}\n{{% box %}}x{{% /box %}} {{< youtube abc >}}";
        assert_eq!(
            texts(src),
            [
                "{{< details summary=\"Waarom\" >}}",
                "{{< /details >}}",
                "{{% box %}}",
                "{{% /box %}}",
                "{{< youtube abc >}}"
            ]
        );
    }

    #[test]
    fn a_value_shortcode_stays_text_for_the_placeholder_rule() {
        assert!(texts("Mail {{< email >}} of bel {{< param \"phone\" >}}.").is_empty());
        // Go template output and Liquid tags are no shortcodes.
        assert!(texts("{{ .Site.Title }} {% include x.html %}").is_empty());
    }

    #[test]
    fn unclosed_or_multi_line_openers_are_left_alone_and_nothing_panics() {
        assert!(texts("{{< youtube").is_empty());
        assert!(texts("{{< youtube\nid >}}").is_empty());
        assert!(texts("{{<").is_empty());
        assert!(texts("{{%").is_empty());
        assert_eq!(texts("é{{< x >}}é"), ["{{< x >}}"]);
        // The look-ahead window may end inside a multi-byte character.
        let long = format!("{{{{< figure >}}}}{}", "€".repeat(400));
        assert_eq!(texts(&long), ["{{< figure >}}"]);
    }
}
