//! The findings of a site scan (PL010 no statement, PL020/PL021 a form without a link to
//! it, PL030 a tracker's provider the statement never names): their wording in both
//! languages, with code, name, severity and "why" looked up in `common.yaml`.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Label};
use crate::rules::Severity;
use crate::Lang;

/// Whether `needle` occurs in `hay` as whole words.
pub(crate) fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        if crate::normalize::starts_word(bytes, s) && crate::normalize::ends_word(bytes, e) {
            return true;
        }
        from = s + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// A site finding before its code, name, severity and "why" are looked up in `common.yaml`
/// (so a rule set can change them; the built-in defaults stand otherwise).
pub(crate) struct SiteFinding<'a> {
    key: &'a str,
    code: &'a str,
    severity: Severity,
    element: Option<String>,
    message: String,
    example: String,
    primary: Label,
    secondary: Vec<Label>,
    evidence: String,
}

impl SiteFinding<'_> {
    fn build(self, common: &crate::rules::model::Common, lang: Lang) -> Diagnostic {
        let (code, name, severity, why) = match common.findings.get(self.key) {
            Some(f) => (
                f.code.value.clone(),
                f.name.clone(),
                f.severity.unwrap_or(self.severity),
                crate::rules::model::Text::owned(&f.why, lang),
            ),
            None => (
                self.code.to_string(),
                self.key.to_string(),
                self.severity,
                String::new(),
            ),
        };
        Diagnostic {
            code,
            name,
            severity,
            element: self.element,
            message: self.message,
            why,
            example: self.example,
            primary: self.primary,
            secondary: self.secondary,
            evidence: self.evidence,
        }
    }
}

pub(crate) fn form_diagnostic(
    tag: Range<usize>,
    pos: crate::report::Position,
    personal: &[String],
    statements: &[String],
    lang: Lang,
    only_far: bool,
    common: &crate::rules::model::Common,
) -> Diagnostic {
    let fields = personal.join(", ");
    let target = if statements.is_empty() {
        match lang {
            Lang::Nl => "(geen privacyverklaring gevonden)".to_string(),
            Lang::En => "(no privacy statement found)".to_string(),
        }
    } else {
        statements.join(", ")
    };
    let (code, name, severity, message, label) = match (only_far, lang) {
        (false, Lang::Nl) => ("PL020", "form-without-privacy-link", Severity::Error,
            format!("dit formulier vraagt persoonsgegevens ({fields}), maar de pagina verwijst niet naar de privacyverklaring {target}"),
            "formulier zonder link naar de privacyverklaring".to_string()),
        (false, Lang::En) => ("PL020", "form-without-privacy-link", Severity::Error,
            format!("this form asks for personal data ({fields}) but the page does not link to the privacy statement {target}"),
            "form without a link to the privacy statement".to_string()),
        (true, Lang::Nl) => ("PL021", "privacy-link-not-near-form", Severity::Warning,
            format!("dit formulier vraagt persoonsgegevens ({fields}); de pagina verwijst wel naar de privacyverklaring, maar niet bij het formulier"),
            "zet de link bij het formulier".to_string()),
        (true, Lang::En) => ("PL021", "privacy-link-not-near-form", Severity::Warning,
            format!("this form asks for personal data ({fields}); the page links to the privacy statement, but not at the form"),
            "put the link at the form".to_string()),
    };
    let example = match lang {
        Lang::Nl => format!("<p>Lees in onze <a href=\"{}\">privacyverklaring</a> wat wij met uw gegevens doen.</p>", statements.first().map(String::as_str).unwrap_or("/privacyverklaring/")),
        Lang::En => format!("<p>Read our <a href=\"{}\">privacy statement</a> to see what we do with your data.</p>", statements.first().map(String::as_str).unwrap_or("/privacy/")),
    };
    SiteFinding {
        key: name,
        code,
        severity,
        element: None,
        message,
        example,
        primary: Label {
            range: tag,
            message: label,
            path: None,
            position: Some(pos),
        },
        secondary: Vec::new(),
        evidence: format!("form: {fields}"),
    }
    .build(common, lang)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn provider_diagnostic(
    provider: &str,
    services: &[&str],
    pages: usize,
    primary: Range<usize>,
    page_path: &str,
    at: Range<usize>,
    at_pos: crate::report::Position,
    lang: Lang,
    common: &crate::rules::model::Common,
) -> Diagnostic {
    let list = services.join(", ");
    let (message, example, label, other) = match lang {
        Lang::Nl => (
            format!("de site gebruikt {list} ({pages} {}), maar de privacyverklaring noemt {provider} nergens als ontvanger", if pages == 1 { "pagina" } else { "pagina's" }),
            format!("Wij gebruiken {list} van {provider}; daarbij gaan uw IP-adres en surfgedrag naar {provider}."),
            "ontvangers".to_string(),
            format!("{list} gevonden"),
        ),
        Lang::En => (
            format!("the site uses {list} ({pages} {}), but the privacy statement never names {provider} as a recipient", if pages == 1 { "page" } else { "pages" }),
            format!("We use {list} by {provider}; your IP address and browsing behaviour go to {provider}."),
            "recipients".to_string(),
            format!("{list} found here"),
        ),
    };
    SiteFinding {
        key: "tracker-provider-not-named",
        code: "PL030",
        severity: Severity::Warning,
        element: Some("recipients".into()),
        message,
        example,
        primary: Label {
            range: primary,
            message: label,
            path: None,
            position: None,
        },
        secondary: vec![Label {
            range: at,
            message: other,
            path: Some(page_path.to_string()),
            position: Some(at_pos),
        }],
        evidence: provider.to_string(),
    }
    .build(common, lang)
}

pub(crate) fn no_statement_diagnostic(
    root: &str,
    lang: Lang,
    common: &crate::rules::model::Common,
) -> Diagnostic {
    let (message, example, label) = match lang {
        Lang::Nl => (
            format!("in {root} is geen privacyverklaring gevonden"),
            "Maak een pagina /privacyverklaring/ met de titel \"Privacyverklaring <uw bedrijfsnaam>\", of wijs hem aan met --statement.".to_string(),
            "geen privacyverklaring op deze site".to_string(),
        ),
        Lang::En => (
            format!("no privacy statement found in {root}"),
            "Add a page /privacy/ titled \"Privacy statement <your company>\", or point at it with --statement.".to_string(),
            "no privacy statement on this site".to_string(),
        ),
    };
    SiteFinding {
        key: "site-without-statement",
        code: "PL010",
        severity: Severity::Error,
        element: None,
        message,
        example,
        primary: Label {
            range: 0..0,
            message: label,
            path: None,
            position: None,
        },
        secondary: Vec::new(),
        evidence: String::new(),
    }
    .build(common, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_whole() {
        assert!(contains_word("wij gebruiken google analytics", "google"));
        assert!(!contains_word("googleplex", "google"));
    }
}
