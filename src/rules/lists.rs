//! Named word lists in a rule file, so that a list several patterns share is written once.
//!
//! Word order varies, so one element often needs the same words in several patterns ("ouders
//! kunnen de gegevens inzien", "dat alleen ouders de gegevens kunnen inzien"); a word added
//! to one copy and forgotten in the next was a silent gap. A rule file may therefore name its
//! lists:
//!
//! ```yaml
//! lists:
//!   laws: ['[a-z]*wet', wgbo, wwft]
//! ```
//!
//! and a pattern writes `<<laws>>` for `(?:[a-z]*wet|wgbo|wwft)`. Lists that several rule
//! files need alike go in `common.yaml`, where every file finds them after its own. Each item
//! is a piece of regular expression, as in a pattern. The expansion is textual and comes
//! before a pattern is parsed: at build time for the built-in rules (`build.rs` includes this
//! file, so both expand alike and the gates it writes are keyed by the expanded pattern) and
//! at load time for every rule file.

/// `pattern` with every `<<name>>` replaced by the list `name` as a non-capturing group of
/// alternatives; `lookup` gives a list's group by its name. A `<<` not followed by a name and
/// `>>` is left as it is (it may be meant literally). Fails with the name of an unknown list.
/// A pattern without a name comes back borrowed: most patterns have none.
pub fn expand<'p, 'g>(
    pattern: &'p str,
    lookup: &dyn Fn(&str) -> Option<&'g str>,
) -> Result<std::borrow::Cow<'p, str>, String> {
    if !pattern.contains("<<") {
        return Ok(std::borrow::Cow::Borrowed(pattern));
    }
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find("<<") {
        let after = &rest[at + 2..];
        let name_len = after
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
            .count();
        if name_len > 0 && after[name_len..].starts_with(">>") {
            let name = &after[..name_len];
            let list = lookup(name).ok_or_else(|| name.to_string())?;
            out.push_str(&rest[..at]);
            out.push_str(list);
            rest = &after[name_len + 2..];
        } else {
            out.push_str(&rest[..at + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(std::borrow::Cow::Owned(out))
}

/// A list's items as the group that replaces its name.
pub fn group<S: AsRef<str>>(items: &[S]) -> String {
    let alternatives: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    format!("(?:{})", alternatives.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(name: &str) -> Option<&'static str> {
        match name {
            "laws" => Some("(?:[a-z]*wet|wgbo)"),
            "who" => Some("(?:ouders|leden)"),
            _ => None,
        }
    }

    #[test]
    fn a_group_is_its_items_as_alternatives() {
        assert_eq!(group(&["[a-z]*wet", "wgbo"]), "(?:[a-z]*wet|wgbo)");
    }

    #[test]
    fn names_become_groups_of_their_items() {
        assert_eq!(
            expand(r"\bop grond van de <<laws>>\b", &lists).as_deref(),
            Ok(r"\bop grond van de (?:[a-z]*wet|wgbo)\b")
        );
        assert_eq!(
            expand("<<who>> (kunnen|mogen) <<who>>", &lists).as_deref(),
            Ok("(?:ouders|leden) (kunnen|mogen) (?:ouders|leden)")
        );
    }

    #[test]
    fn an_unknown_name_is_an_error_and_other_angle_brackets_stay() {
        assert_eq!(expand("de <<wetten>>", &lists), Err("wetten".to_string()));
        for literal in ["a << b", "<<Laws>>", "<<laws", "<<>>", "x <<laws >>"] {
            assert_eq!(expand(literal, &lists).as_deref(), Ok(literal));
        }
        assert!(matches!(
            expand("geen namen", &lists),
            Ok(std::borrow::Cow::Borrowed(_))
        ));
        assert_eq!(
            expand("<< <<laws>>", &lists).as_deref(),
            Ok("<< (?:[a-z]*wet|wgbo)")
        );
    }
}
