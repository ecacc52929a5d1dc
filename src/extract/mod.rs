//! Extraction: from decoded source text to a [`Document`] (text, back-map, structure).

pub mod entities;
pub mod html;
pub mod markdown;
pub mod shortcodes;
pub mod text;

use crate::document::{Document, Format};

/// Extracts a document from decoded source text in the given format.
pub fn extract(source: &str, format: Format) -> Document {
    match format {
        Format::Html => html::extract(source),
        Format::Markdown => markdown::extract(source),
        Format::Text => text::extract(source),
    }
}
