//! Judgement: from phrase and pattern matches to present / vague / missing per element.
//!
//! Each element's rule names signals; a match of a signal counts only where its context says
//! (in a sentence about the element, under the element's heading, in a heading), only when
//! its extra requirement holds (a proper name nearby), and not when an `unless` phrase sits in
//! the same sentence. Clauses then ask for several signals together within a sentence, block,
//! section or the whole document. The first clause that holds decides.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::analysis::Analysis;
use crate::rules::{CompiledClause, Context, RawMatch, Requirement, RuleSet, Target, Within};

/// present / vague / missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Present,
    Vague,
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Vague => "vague",
            Status::Missing => "missing",
        }
    }
}

/// Why an element got its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Present,
    /// The index of the vague check that held.
    Vague(usize),
    /// Present evidence that rests on a template placeholder.
    Placeholder,
    Missing,
}

/// A piece of evidence: a normalised range and the signal it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub range: Range<usize>,
    pub signal: String,
}

/// The verdict on one element.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub element: usize,
    pub status: Status,
    pub reason: Reason,
    /// The evidence that decided, first the most telling.
    pub evidence: Vec<Evidence>,
}

/// The result of judging one statement.
#[derive(Debug)]
pub struct Judgement {
    pub verdicts: Vec<Verdict>,
    /// Template placeholders found, as normalised ranges.
    pub placeholders: Vec<Range<usize>>,
    /// Mentions of repealed law or former authorities, as normalised ranges.
    pub outdated: Vec<Range<usize>>,
    pub language: crate::Lang,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    signal: usize,
    start: usize,
    end: usize,
    /// The name this hit needs is a template placeholder.
    on_placeholder: bool,
}

/// Judges an analysed document against a rule set.
pub fn judge(a: &Analysis<'_>, rules: &RuleSet) -> Judgement {
    let raw = rules.find(&a.norm.text);
    let n = rules.elements.len();
    // Which elements each heading is about.
    let mut heading_elements: Vec<u64> = vec![0; a.headings.len()];
    // And which elements each table header is about ("Grondslag" over "Toestemming").
    let mut header_elements: Vec<u64> = vec![0; a.doc.table_headers.len()];
    let mut placeholders = Vec::new();
    let mut not_placeholders: Vec<Range<usize>> = Vec::new();
    let mut outdated: Vec<Range<usize>> = Vec::new();
    let mut per_element: Vec<Vec<RawMatch>> = vec![Vec::new(); n];
    let mut unless: Vec<HashSet<(usize, usize)>> = vec![HashSet::new(); n];
    // An `unless_section` phrase in a section heading cancels the signal in the whole section:
    // the periods under "Cookies" are no retention of customer data. (Not in a title:
    // "Privacy- en cookiebeleid" is about everything.)
    let mut unless_sections: Vec<HashSet<(usize, usize)>> = vec![HashSet::new(); n];
    // An `unless_here` phrase cancels the matches it overlaps.
    let mut unless_here = HereCancels::default();
    // What matches of signals named in other signals' `unless_signals` would cancel:
    // (element, cancelling signal, cancelled signal, sentence).
    let mut cancelling: Vec<(usize, usize, usize, usize)> = Vec::new();
    for m in &raw {
        match m.target {
            Target::Heading { element } => {
                if let Some(h) = a.heading_containing(m.start) {
                    heading_elements[h] |= 1u64 << (element % 64);
                }
                if let Some(h) = a.table_header_containing(m.start) {
                    header_elements[h] |= 1u64 << (element % 64);
                }
            }
            Target::Placeholder => placeholders.push(m.start..m.end),
            Target::NotPlaceholder => not_placeholders.push(m.start..m.end),
            Target::Outdated => outdated.push(m.start..m.end),
            Target::Signal { element, signal } => {
                per_element[element].push(*m);
                for (cancelled, spec) in rules.elements[element].signals.iter().enumerate() {
                    if spec.unless_signals.contains(&signal) {
                        cancelling.push((element, signal, cancelled, a.sentence_of(m.start)));
                    }
                }
            }
            Target::Unless { element, signal } => {
                unless[element].insert((signal, a.sentence_of(m.start)));
            }
            Target::UnlessHere { element, signal } => {
                unless_here.add(element, signal, m.start..m.end);
            }
            Target::UnlessSection { element, signal } => {
                if let Some(h) = a.heading_containing(m.start) {
                    if !a.is_title_heading(h) {
                        unless_sections[element].insert((signal, h));
                    }
                }
            }
        }
    }
    // A match of a signal named in another's `unless_signals` cancels that one in its
    // sentence, as an `unless` phrase does (whatever its own context), but not where its own
    // `unless` phrases cancel it: "bezwaar tegen het gebruik voor marketing en tegen andere
    // verwerkingen" is no objection to marketing alone. Collected before any is applied, so
    // that the order of the matches does not matter (one level: a signal cancelled by another
    // signal still cancels).
    let cancels: Vec<(usize, usize, usize)> = cancelling
        .iter()
        .filter(|&&(element, by, _, sentence)| !unless[element].contains(&(by, sentence)))
        .map(|&(element, _, cancelled, sentence)| (element, cancelled, sentence))
        .collect();
    for (element, cancelled, sentence) in cancels {
        unless[element].insert((cancelled, sentence));
    }
    // Links whose target counts as a signal (a `mailto:` or a contact page).
    for link in &a.doc.links {
        let href = link.href.to_ascii_lowercase();
        for (needle, target) in rules.link_signals() {
            if let Target::Signal { element, .. } = *target {
                if link_matches(&href, needle) {
                    let (s, e) = (
                        a.norm.offset_of(link.range.start),
                        a.norm.offset_of(link.range.end),
                    );
                    if e > s {
                        per_element[element].push(RawMatch {
                            target: *target,
                            start: s,
                            end: e,
                        });
                    }
                }
            }
        }
    }
    // A table of contents names sections; what it names is no evidence of what they say.
    let contents = a.contents();
    if !contents.is_empty() {
        for matches in &mut per_element {
            matches.retain(|m| !crate::ranges::inside(&contents, m.start));
        }
    }
    // (Sorted and disjoint, so that each look-up below is a binary search: a huge file of
    // template text holds a placeholder every few words.)
    crate::ranges::merge(&mut not_placeholders);
    placeholders.retain(|p| !crate::ranges::overlaps(&not_placeholders, p));
    placeholders.sort_by_key(|r| r.start);
    placeholders.dedup_by(|b, a| b.start < a.end);
    // The element set of each heading's path.
    let path_elements: Vec<u64> = (0..a.headings.len())
        .map(|h| {
            let range = &a.headings[h].1;
            a.heading_path(range.start)
                .iter()
                .fold(0u64, |acc, &p| acc | heading_elements[p])
        })
        .collect();
    // Under a heading of the element, or in a table cell whose header is about it.
    let in_element_section = |e: usize, at: usize| -> bool {
        let bit = 1u64 << (e % 64);
        a.section_of(at)
            .is_some_and(|h| path_elements[h] & bit != 0)
            || a.cell_headers(at).any(|h| header_elements[h] & bit != 0)
    };
    let placeholder_sentences: HashSet<usize> = placeholders
        .iter()
        .map(|r| a.sentence_of(r.start))
        .collect();

    let mut verdicts = Vec::with_capacity(n);
    let mut name_cache: std::collections::HashMap<(usize, usize, Requirement), bool> =
        std::collections::HashMap::new();
    for (e, element) in rules.elements.iter().enumerate() {
        // A topic sentence that introduces a list ("De volgende gegevens:") lends its topic
        // to the list's lines, and to the sentence that points back to it or answers it
        // ("Hoe lang bewaren we ze? Bonnen: zeven jaar"). A topic word its own `unless`
        // cancels lends none: the "bedenktermijn van 14 dagen" is no sentence about keeping
        // data.
        let topic_sentences: HashSet<usize> = match element.topic {
            Some(t) => per_element[e]
                .iter()
                .filter(|m| matches!(m.target, Target::Signal { signal, .. } if signal == t))
                .map(|m| a.sentence_of(m.start))
                .filter(|&s| !unless[e].contains(&(t, s)))
                .flat_map(|s| {
                    std::iter::once(s)
                        .chain(a.introduced_by(s))
                        .chain(a.refers_back(s))
                        .chain(a.answers(s))
                })
                .collect(),
            None => HashSet::new(),
        };
        let mut hits: Vec<Hit> = Vec::new();
        for m in &per_element[e] {
            let Target::Signal { signal, .. } = m.target else {
                continue;
            };
            let spec = &element.signals[signal];
            let sentence = a.sentence_of(m.start);
            let ok_context = match spec.context {
                Context::Anywhere => true,
                Context::Topic => {
                    topic_sentences.contains(&sentence) || in_element_section(e, m.start)
                }
                Context::Section => in_element_section(e, m.start),
                Context::Heading => a
                    .heading_containing(m.start)
                    .is_some_and(|h| a.is_title_heading(h)),
            };
            if !ok_context {
                continue;
            }
            if spec.has_unless && unless[e].contains(&(signal, sentence)) {
                continue;
            }
            if unless_here.cancels(e, signal, m.start..m.end) {
                continue;
            }
            // (Not a heading that names the element too: "Welke gegevens, waarvoor en hoe lang"
            // is about purposes as much as about retention.)
            if !unless_sections[e].is_empty()
                && a.heading_path(m.start).iter().any(|&h| {
                    unless_sections[e].contains(&(signal, h))
                        && heading_elements[h] & (1u64 << (e % 64)) == 0
                })
            {
                continue;
            }
            let mut on_placeholder = crate::ranges::overlaps(&placeholders, &(m.start..m.end));
            if let Some(requirement) = spec.requires {
                // A heading ("Controller", "Wie zijn wij") names the party in its own text or
                // in the first sentence under it; a title signal (`context: heading`,
                // "Privacyverklaring <naam>") only in its own text.
                // When that sentence introduces lines ("The controller is:" and an address
                // block), each line is looked at on its own.
                let mut lines = 0..0;
                let scope = match a.heading_containing(m.start) {
                    Some(h) if spec.context == Context::Heading => a.headings[h].1.clone(),
                    // Only a heading of the element itself speaks for what follows it:
                    // "Gegevens die wij verwerken" is no heading about who "wij" is.
                    Some(h) if heading_elements[h] & (1u64 << (e % 64)) == 0 => {
                        a.headings[h].1.clone()
                    }
                    Some(h) => {
                        let heading = a.headings[h].1.clone();
                        let under = a.sentence_of(heading.end.saturating_sub(1)) + 1;
                        lines = a.introduced_by(under);
                        heading.start..a.sentence_range(under).end.max(heading.end)
                    }
                    None => a.sentence_range(sentence),
                };
                // A placeholder where the name should be fills the slot: the verdict becomes
                // "placeholder" below instead of "missing".
                let named = std::iter::once(scope)
                    .chain(lines.map(|l| a.sentence_range(l)))
                    .any(|scope| {
                        *name_cache
                            .entry((scope.start, scope.end, requirement))
                            .or_insert_with(|| has_proper_name(a, scope, rules, requirement))
                    });
                if !named && !placeholder_sentences.contains(&sentence) {
                    continue;
                }
                on_placeholder |= !named;
            }
            hits.push(Hit {
                signal,
                start: m.start,
                end: m.end,
                on_placeholder,
            });
        }
        let section_key = |at: usize| -> usize {
            let path = a.heading_path(at);
            let own = path
                .iter()
                .find(|&&h| heading_elements[h] & (1u64 << (e % 64)) != 0)
                .or(path.first());
            own.map(|h| h + 1).unwrap_or(0)
        };
        let holds = |clause: &CompiledClause| -> Option<Vec<Hit>> {
            if clause
                .unless
                .iter()
                .any(|&u| hits.iter().any(|h| h.signal == u))
            {
                return None;
            }
            satisfy(clause, &hits, |h: &Hit| match clause.within {
                Within::Document => 0,
                Within::Sentence => a.sentence_of(h.start),
                Within::Block => a.block_of(h.start),
                Within::Section => section_key(h.start),
            })
        };
        let mut verdict = Verdict {
            element: e,
            status: Status::Missing,
            reason: Reason::Missing,
            evidence: Vec::new(),
        };
        if let Some(found) = element.present.iter().find_map(holds) {
            let on_placeholder =
                element.rule.placeholder.is_some() && found.iter().all(|h| h.on_placeholder);
            verdict.status = if on_placeholder {
                Status::Vague
            } else {
                Status::Present
            };
            verdict.reason = if on_placeholder {
                Reason::Placeholder
            } else {
                Reason::Present
            };
            verdict.evidence = evidence(element, &found);
        } else if let Some((i, found)) = element
            .vague
            .iter()
            .enumerate()
            .find_map(|(i, clauses)| clauses.iter().find_map(holds).map(|f| (i, f)))
        {
            let on_placeholder = element.rule.placeholder.is_some()
                && found
                    .iter()
                    .all(|h| placeholder_sentences.contains(&a.sentence_of(h.start)));
            verdict.status = Status::Vague;
            verdict.reason = if on_placeholder {
                Reason::Placeholder
            } else {
                Reason::Vague(i)
            };
            verdict.evidence = evidence(element, &found);
        }
        // Other hits of the element as secondary evidence: of its topic and of the signals a
        // clause asks for, not of those that only cancel ("maatregelen" is no purpose, "tenzij"
        // names no recipient).
        let shown = |signal: usize| {
            element.topic == Some(signal)
                || element
                    .present
                    .iter()
                    .chain(element.vague.iter().flatten())
                    .any(|c| c.signals.contains(&signal))
        };
        for h in hits.iter().take(64) {
            if verdict.evidence.len() >= 4 {
                break;
            }
            if verdict.status != Status::Missing
                && shown(h.signal)
                && !verdict
                    .evidence
                    .iter()
                    .any(|ev| ev.range.start < h.end && h.start < ev.range.end)
            {
                verdict.evidence.push(Evidence {
                    range: h.start..h.end,
                    signal: element.signals[h.signal].name.clone(),
                });
            }
        }
        verdicts.push(verdict);
    }
    outdated.dedup_by(|b, a| b.start < a.end);
    Judgement {
        verdicts,
        placeholders,
        outdated,
        language: detect_language(a, rules),
    }
}

fn evidence(element: &crate::rules::CompiledElement, hits: &[Hit]) -> Vec<Evidence> {
    hits.iter()
        .map(|h| Evidence {
            range: h.start..h.end,
            signal: element.signals[h.signal].name.clone(),
        })
        .collect()
}

/// Finds a group (by `key`) in which every signal of the clause has a hit; returns the first
/// hit of each signal in the earliest such group. Linear in the number of hits.
fn satisfy<F: Fn(&Hit) -> usize>(
    clause: &CompiledClause,
    hits: &[Hit],
    key: F,
) -> Option<Vec<Hit>> {
    if clause.signals.is_empty() {
        return None;
    }
    // group -> the first hit of each clause signal in that group
    let mut groups: std::collections::BTreeMap<usize, Vec<Option<Hit>>> =
        std::collections::BTreeMap::new();
    // Groups where a `without` signal appears do not count.
    let excluded: std::collections::BTreeSet<usize> = hits
        .iter()
        .filter(|h| clause.without.contains(&h.signal))
        .map(&key)
        .collect();
    for h in hits {
        let Some(slot) = clause.signals.iter().position(|&s| s == h.signal) else {
            continue;
        };
        let entry = groups
            .entry(key(h))
            .or_insert_with(|| vec![None; clause.signals.len()]);
        // The first hit, unless a later one does not rest on a template placeholder.
        if entry[slot].is_none_or(|e| e.on_placeholder && !h.on_placeholder) {
            entry[slot] = Some(*h);
        }
    }
    groups
        .into_iter()
        .filter(|(k, _)| !excluded.contains(k))
        .map(|(_, g)| g)
        .find(|g| g.iter().all(Option::is_some))
        .map(|g| g.into_iter().flatten().collect())
}

/// The places of a rule set's `unless_here` phrases, per (element, signal): a match is
/// cancelled when one of them overlaps it. Looked up by binary search in the merged places, not
/// by a scan of every place for every match: a 50 MB line of rule words holds hundreds of
/// thousands of them.
#[derive(Default)]
struct HereCancels {
    /// Per (element, signal): the places as found, then (once looked up) sorted and disjoint.
    places: HashMap<(usize, usize), Vec<Range<usize>>>,
    merged: bool,
}

impl HereCancels {
    fn add(&mut self, element: usize, signal: usize, place: Range<usize>) {
        self.merged = false;
        self.places
            .entry((element, signal))
            .or_default()
            .push(place);
    }

    /// Whether a place of (element, signal) overlaps `span`.
    fn cancels(&mut self, element: usize, signal: usize, span: Range<usize>) -> bool {
        if !self.merged {
            self.places.values_mut().for_each(crate::ranges::merge);
            self.merged = true;
        }
        self.places
            .get(&(element, signal))
            .is_some_and(|spans| crate::ranges::overlaps(spans, &span))
    }
}

/// A capitalised word that is not a sentence opener or a common term, or a legal form. For
/// `Requirement::NamedParty` (a recipient), a name after one of `TOOL_LEADS` counts too.
pub fn has_proper_name(
    a: &Analysis<'_>,
    scope: Range<usize>,
    rules: &RuleSet,
    requirement: Requirement,
) -> bool {
    let party = requirement == Requirement::NamedParty;
    let text = without_addresses(a.original(scope));
    let text = text.as_ref();
    let not_names = &rules.not_names;
    let legal = &rules.legal_forms;
    let mut first = true;
    // "een webwinkel uit Utrecht", "via Hostinger", "uw Naam": a capital after one of
    // `NOT_NAME_LEADS` is a place, a tool or a thing, not the organisation's name.
    let mut after_lead = false;
    let mut after_region = false;
    let mut after_tool = false;
    let mut in_law = false;
    let mut prev_article = false;
    let mut prev_not_name = false;
    // Whether the word before was "op": "contact op met Bakkerij Bol" names whom to contact
    // (the organisation itself), not a tool as "met Mailchimp" does.
    let mut after_op = false;
    // Whether the word before was one of sending post or mail: "een brief sturen naar Bakkerij
    // Bol", "mail naar Bakkerij Bol" name whom to write to, not a place as "naar Amsterdam" does.
    let mut after_post = false;
    // Whether the word before was "alleen" or "only".
    let mut after_only = false;
    // Words between square or curly brackets are a template's placeholder ("Wij zijn
    // [Bedrijfsnaam]", "{{ company }}"), never the name itself.
    let mut in_placeholder = false;
    // Whether the run of capitalised words so far holds one that is not a common word.
    let mut run_has_name = false;
    // Whether a capitalised pronoun stands mid-sentence before this word, as only a Title Case
    // heading writes it: "Privacy Policy: How We Handle Your Data". The capital after it is its
    // verb, and so is one after "And" ("How We Collect And Store").
    let mut title_case_verb = false;
    let mut after_verb = false;
    // Lines written in capitals only ("DELEN VAN PERSOONSGEGEVENS MET DERDEN") shout; their
    // capitals name no party that gets data. (They may still hold the organisation's own
    // name: "PRIVACYVERKLARING VOLKSTUINVERENIGING DE ZONNEBLOEM".)
    let shouting = if party {
        shouting_lines(text)
    } else {
        Vec::new()
    };
    for raw in text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '"' | '|' | '/' | '“' | '”' | '–' | '—'
            )
    }) {
        if raw.is_empty() {
            continue;
        }
        let at = raw_end(text, raw) - raw.len();
        if shouting.iter().any(|r| r.contains(&at)) {
            first = raw.ends_with(['.', '!', '?']);
            continue;
        }
        if raw.starts_with(['[', '{']) {
            in_placeholder = true;
        }
        if in_placeholder {
            in_placeholder = !raw.contains([']', '}']);
            first = raw.ends_with(['.', '!', '?']);
            continue;
        }
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
        let word = word.trim_end_matches('.');
        if word.is_empty() {
            continue;
        }
        let folded = crate::normalize::normalize_phrase(word);
        // "Alleen met het CBR", "only with Jansen & Zn": whom data goes to, not a tool.
        // For a recipient (`party`), whoever data goes to "met", "via" or "with" is the party.
        let contact_with = (folded == "met" && after_op)
            || (folded == "naar" && after_post)
            || (matches!(folded.as_str(), "met" | "with") && after_only)
            || (party && TOOL_LEADS.contains(&folded.as_str()));
        after_op = folded == "op";
        after_post = matches!(
            folded.as_str(),
            "brief"
                | "mail"
                | "e-mail"
                | "email"
                | "mailen"
                | "mailtje"
                | "sturen"
                | "versturen"
                | "zenden"
                | "opsturen"
                | "schrijf"
                | "schrijft"
                | "schrijven"
        );
        after_only = matches!(
            folded.as_str(),
            "alleen" | "uitsluitend" | "enkel" | "only" | "solely"
        );
        // "Stichting Open Data", "Jansen B.V.", but not "wij zijn een stichting", nor a legal
        // form used as a defined term ("De Stichting verwerkt", "the Foundation processes").
        let article = ARTICLES.contains(&folded.as_str());
        let after_article = std::mem::replace(&mut prev_article, article);
        // "Google LLC", "Hetzner Online GmbH": the legal form of a third party.
        let after_not_name = std::mem::take(&mut prev_not_name);
        let starts_upper = starts_upper(word);
        in_law &= starts_upper;
        if legal.contains(&folded) {
            let written_as_form = word.contains('.') || starts_upper;
            // "Nordlicht Software GmbH" on a line of its own: the run of capitals before the
            // form holds a word that is no common one, also when the run opens the sentence.
            let named_run = std::mem::take(&mut run_has_name);
            if !first && written_as_form && !after_article && (!after_not_name || named_run) {
                return true;
            }
            if after_article || after_not_name || first {
                // The dot of "B.V." or "Inc." ends no sentence.
                first = false;
                prev_not_name = after_not_name;
                continue;
            }
        }
        // "IP-adres", "SSL-verbinding": a compound whose head is a common word is common too.
        // "IPs", "APIs": the plural of a common acronym is common too.
        let is_common = not_names.contains(&folded)
            || folded
                .split_once('-')
                .is_some_and(|(head, _)| not_names.contains(head))
            // "an Amsterdam-based team": a place made an adjective.
            || folded.ends_with("-based")
            || word.strip_suffix('s').is_some_and(|acronym| {
                acronym.len() >= 2
                    && acronym.chars().all(|c| c.is_ascii_uppercase())
                    && folded
                        .strip_suffix('s')
                        .is_some_and(|f| not_names.contains(f))
            });
        let sentence_start = first;
        first = raw.ends_with(['.', '!', '?']);
        let verb_of_pronoun = title_case_verb && starts_upper && !is_common;
        let joins_verbs = after_verb && matches!(folded.as_str(), "and" | "en" | "or" | "of" | "&");
        after_verb = verb_of_pronoun && !first;
        title_case_verb = !first
            && starts_upper
            && (joins_verbs || (!sentence_start && TITLE_CASE_PRONOUNS.contains(&folded.as_str())));
        if verb_of_pronoun {
            continue;
        }
        run_has_name = starts_upper
            && (run_has_name || (!is_common && !after_lead && !after_article))
            && !first;
        // "in Amsterdam en Rotterdam", "uw Naam, Adres en Woonplaats": the run goes on after
        // "en" and after a capitalised word; "in de Verenigde Staten": after a word of region,
        // also after an article ("uit het Handelsregister" names a source).
        let place = after_lead;
        // "in het systeem LRP", "het programma Exact": a system's own name, not the organisation's
        // (but for a recipient it is the name of the service that gets the data: "het online
        // agendasysteem Salonized").
        let names_a_system = !party
            && (folded.ends_with("systeem")
                || matches!(
                    folded.as_str(),
                    "system" | "programma" | "pakket" | "softwarepakket" | "software"
                ));
        // An article keeps the lead of a tool: "with the Free Policy Generator", "met de
        // Mollie-app" (but "uit het Handelsregister" names a source).
        after_lead = !first
            && ((NOT_NAME_LEADS.contains(&folded.as_str()) && !contact_with)
                || names_a_system
                || (place && (starts_upper || matches!(folded.as_str(), "en" | "and")))
                || (article && (after_region || after_tool)));
        after_tool = !first && TOOL_LEADS.contains(&folded.as_str()) && !contact_with;
        after_region = !first && REGION_WORDS.contains(&folded.as_str());
        prev_not_name = starts_upper && (is_common || place);
        if !starts_upper || is_common || (place && !sentence_start) {
            continue;
        }
        // A capitalised word at the start of a sentence is a name only when it is no common
        // opener (`not_names` holds those) and has more than one capital, a digit, or the
        // form of a site's address ("Fietsenwinkel.nl is een webwinkel"); mid-sentence
        // capitals are names.
        if sentence_start {
            let caps = word.chars().filter(|c| c.is_uppercase()).count();
            let after = &text[raw_end(text, raw)..];
            if caps >= 2
                || word.chars().any(|c| c.is_ascii_digit())
                || is_site_name(word)
                || opens_definition(after)
                || names_a_product(after)
                || introduces_itself(after)
                || (party && acts_on_data(after))
            {
                return true;
            }
            continue;
        }
        // "under the California Consumer Privacy Act (CCPA)": a run of capitals that ends in a
        // law's word names the law, and so does the capital after it.
        if in_law || names_a_law(&text[raw_end(text, raw) - raw.len()..]) {
            // A comma or a stop after the name (or its bracketed short form) ends it.
            let after = text[raw_end(text, raw)..].trim_start_matches(')');
            in_law = !after.starts_with([',', ';', ':', '.']);
            continue;
        }
        return true;
    }
    false
}

/// `text` with every street address blanked out (the same length, so offsets hold): a street
/// with its house number, and the postcode and town after it ("Hoofdstraat 12, 3511 AB Utrecht",
/// "aan de Kerkweg 3a in Ede", "12 High Street, Bath"). Its capitals name a place, not the
/// organisation ("Wij zijn gevestigd aan de Hoofdstraat 12 in Utrecht"). A scan over the words,
/// not a regex: the regex cost 2 M instructions to compile at every start, 3% of checking one
/// statement.
fn without_addresses(text: &str) -> std::borrow::Cow<'_, str> {
    // Every address has a house number.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return text.into();
    }
    let words: Vec<Word<'_>> = text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| Word {
            start: w.as_ptr() as usize - text.as_ptr() as usize,
            text: w.trim_end_matches([',', '.', ';', '!', '?', ')']),
            ends_sentence: w.ends_with(['.', '!', '?', ';']),
        })
        .collect();
    let mut out: Option<String> = None;
    let mut i = 0;
    while i < words.len() {
        let Some(mut last) = street_at(&words, i) else {
            i += 1;
            continue;
        };
        // The postcode and the town after it, two parts at most, within the sentence.
        let mut k = last + 1;
        for _ in 0..2 {
            if words[last].ends_sentence || k >= words.len() {
                break;
            }
            let w = words[k].text;
            let next = words.get(k + 1).map_or("", |n| n.text);
            let take = if is_digits(w, 4) && next.len() == 2 && all_upper(next)
                || is_uk_postcode(w, next)
                || (matches!(w, "in" | "te" | "at") && starts_upper(next))
            {
                2
            } else if w.len() == 6
                && w.bytes().take(4).all(|b| b.is_ascii_digit())
                && w.bytes().skip(4).all(|b| b.is_ascii_uppercase())
                || is_digits(w, 5)
                || starts_upper(w)
            {
                1
            } else {
                break;
            };
            last = k + take - 1;
            k += take;
        }
        let (start, end) = (words[i].start, words[last].start + words[last].text.len());
        out.get_or_insert_with(|| text.to_string())
            .replace_range(start..end, &" ".repeat(end - start));
        i = last + 1;
    }
    out.map_or(text.into(), Into::into)
}

/// A word of [`without_addresses`]'s text, without a trailing comma or stop.
struct Word<'a> {
    /// Byte offset in the text.
    start: usize,
    text: &'a str,
    /// Whether a stop (or `!`, `?`, `;`) followed it.
    ends_sentence: bool,
}

/// Where the street that starts at word `i` ends (its house number): "Hoofdstraat 12",
/// "Kerkweg 3a", "12 High Street".
fn street_at(words: &[Word<'_>], i: usize) -> Option<usize> {
    const DUTCH: &[&str] = &[
        "straat",
        "weg",
        "laan",
        "plein",
        "gracht",
        "kade",
        "dijk",
        "singel",
        "steeg",
        "dreef",
        "markt",
        "pad",
        "wal",
        "ring",
        "boulevard",
        "hof",
        "park",
        "strasse",
        "straße",
        "gasse",
        "allee",
    ];
    const ENGLISH: &[&str] = &[
        "Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Drive", "Square", "Way", "Place",
        "Court", "Crescent", "Terrace", "Close", "Row", "Hill", "Gardens",
    ];
    let Word {
        text: word,
        ends_sentence: ends,
        ..
    } = *words.get(i)?;
    let next = words.get(i + 1).map_or("", |n| n.text);
    if starts_upper(word) && !ends {
        let lower = word.to_lowercase();
        if DUTCH.iter().any(|s| lower.ends_with(s)) && is_house_number(next) {
            return Some(i + 1);
        }
    }
    if is_house_number(word) && !ends {
        for (j, w) in words.iter().enumerate().take(i + 5).skip(i + 1) {
            if !starts_upper(w.text) {
                return None;
            }
            if j > i + 1 && ENGLISH.contains(&w.text) {
                return Some(j);
            }
            if w.ends_sentence {
                return None;
            }
        }
    }
    None
}

/// "12", "3a", "12-14".
fn is_house_number(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &w[digits..];
    (1..=5).contains(&digits)
        && (rest.is_empty()
            || (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_alphabetic()))
            || rest
                .strip_prefix('-')
                .is_some_and(|r| is_digits(r, r.len().clamp(1, 4))))
}

fn is_digits(w: &str, n: usize) -> bool {
    w.len() == n && w.bytes().all(|b| b.is_ascii_digit())
}

fn all_upper(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "LA22 9DU", "NW1 6XE", "SW1A 1AA": a British postcode, in two words.
fn is_uk_postcode(outward: &str, inward: &str) -> bool {
    let b = outward.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    (1..=2).contains(&letters)
        && (2..=4).contains(&b.len())
        && b.get(letters).is_some_and(u8::is_ascii_digit)
        && b[letters..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && inward.len() == 3
        && inward.as_bytes()[0].is_ascii_digit()
        && all_upper(&inward[1..])
}

/// Whether the run of capitalised words that opens `rest` ends in a word for a law ("Consumer
/// Privacy Act", "Telecommunicatiewet" alone is one word and no run).
fn names_a_law(rest: &str) -> bool {
    let mut last = "";
    for raw in rest.split_whitespace() {
        // "(CCPA)" after the name is no part of the run.
        if raw.starts_with('(') && !last.is_empty() {
            break;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !starts_upper(w) {
            break;
        }
        last = w;
        // "... Privacy Act, and": punctuation ends the run.
        if raw.ends_with([',', '.', ';', ':', ')', '!', '?']) {
            break;
        }
    }
    LAW_WORDS.contains(&last.to_lowercase().as_str())
}

/// The last word of a law's name.
const LAW_WORDS: &[&str] = &[
    "act",
    "law",
    "laws",
    "regulation",
    "directive",
    "code",
    "wet",
    "verordening",
    "richtlijn",
    "besluit",
    "wetboek",
];

/// Leads of a tool or a means: a capital after one of them and an article is still the tool.
const TOOL_LEADS: &[&str] = &["met", "via", "with", "using", "through"];

/// Subject pronouns: capitalised mid-sentence only in a Title Case heading, where the capitals
/// after them are verbs ("How We Handle Your Data", "Wat Wij Verzamelen"). Not the Dutch "U",
/// which formal Dutch capitalises in running text ("Wanneer U Fietsplan gebruikt").
const TITLE_CASE_PRONOUNS: &[&str] = &["we", "wij", "i", "ik", "you", "they", "zij"];

/// Articles: a legal form after one is a defined term ("De Stichting"), and a place may follow
/// one after a word of region ("in de Verenigde Staten").
const ARTICLES: &[&str] = &["de", "het", "een", "the", "a", "an"];

/// Words of region, after which an article still leads to a place: "in de Verenigde Staten",
/// "outside the European Economic Area".
const REGION_WORDS: &[&str] = &["in", "buiten", "binnen", "naar", "outside", "within"];

/// Words after which a capitalised word is no name of the controller: a place ("in", "uit",
/// "te", "buiten", "from", "outside"), a tool ("via", "met", "op", "using", "with", "on":
/// "gegevens via Hostinger", "draait op WooCommerce") or a thing of the reader's or ours
/// ("uw Naam en Adres", "your Email Address", "onze Website").
const NOT_NAME_LEADS: &[&str] = &[
    "in", "uit", "te", "nabij", "buiten", "binnen", "naar", "from", "near", "outside", "within",
    "via", "met", "op", "using", "through", "with", "on", "uw", "je", "jouw", "your", "ons",
    "onze", "our", "mijn", "my",
];

/// The lines of `text` in capitals only: at least three words of two letters or more, and no
/// lower-case letter ("HOE LANG WE PERSOONSGEGEVENS BEWAREN"). A line of one or two such
/// words may be a name ("KNVB", "ACME BV").
fn shouting_lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let words = line
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 2)
            .count();
        if words >= 3 && !line.chars().any(char::is_lowercase) {
            out.push(start..start + line.len());
        }
        start += line.len();
    }
    out
}

/// The byte offset in `text` just after `raw`, a token borrowed from it.
fn raw_end(text: &str, raw: &str) -> usize {
    (raw.as_ptr() as usize - text.as_ptr() as usize) + raw.len()
}

/// Text that makes the sentence-opening word before it the subject of "what we are": "Acme
/// is a small bakery", "Jansen is een familiebedrijf"; or of the promise a statement opens
/// with, which only the organisation itself makes: "Snapcam respects your privacy", "Bol
/// hecht veel waarde aan uw privacy", "Acme is committed to protecting ...". (The identity
/// rule's own pattern says which kinds of organisation; common openers such as "Dit" or "It"
/// are no names anyway.)
fn introduces_itself(after: &str) -> bool {
    let mut words = after.split_whitespace().map(|w| w.to_lowercase());
    let reader = |w: &str| matches!(w, "your" | "uw" | "je" | "jouw");
    match (words.next().as_deref(), words.next().as_deref()) {
        (Some("is"), Some("a" | "an" | "een" | "committed" | "dedicated")) => true,
        (Some("respects" | "respecteert" | "values" | "takes" | "neemt"), Some(w)) => reader(w),
        (Some("hecht"), Some("veel" | "grote" | "groot" | "waarde")) => true,
        (Some("cares"), Some("about")) => true,
        (Some("gaat"), Some("zorgvuldig" | "vertrouwelijk")) => true,
        _ => false,
    }
}

/// The first word of `after`, lower-cased, without the punctuation after it.
fn next_word(after: &str) -> String {
    after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Text that makes the word before it the name of an app, site or extension: "Tallyhub app:",
/// "Fietsenwinkel webshop".
fn names_a_product(after: &str) -> bool {
    matches!(
        next_word(after).as_str(),
        "app"
            | "application"
            | "applicatie"
            | "website"
            | "webshop"
            | "webwinkel"
            | "extension"
            | "extensie"
            | "plugin"
            | "add-on"
            | "platform"
    )
}

/// A verb of what a service does with the data, right after a sentence's first word: "Momence
/// processes your data on our behalf", "Moneybird bewaart onze facturen". The word is the name
/// of whom the data goes to (a common opener such as "We" or "Uw" is one of `not_names`, so it
/// never gets here).
fn acts_on_data(after: &str) -> bool {
    matches!(
        next_word(after).as_str(),
        "processes"
            | "stores"
            | "hosts"
            | "handles"
            | "receives"
            | "manages"
            | "verwerkt"
            | "bewaart"
            | "host"
            | "ontvangt"
            | "beheert"
    )
}

/// Text that defines the word before it as the party speaking: `Tallyhub ("we", "us")`,
/// `Bakkerij Jansen (hierna: "wij")`, `Acme (hereinafter "the Company")`. A sentence-opening
/// word so defined is a name.
fn opens_definition(after: &str) -> bool {
    let Some(inside) = after.trim_start().strip_prefix('(') else {
        return false;
    };
    let quotes: &[char] = &['"', '\'', '“', '”', '‘', '’', ' ', ':', ','];
    let mut inside = inside.trim_start_matches(quotes).to_lowercase();
    for lead in [
        "hereinafter referred to as",
        "hereinafter",
        "hierna te noemen",
        "hierna",
    ] {
        if let Some(rest) = inside.strip_prefix(lead) {
            inside = rest.trim_start_matches(quotes).to_string();
            break;
        }
    }
    [
        "we",
        "wij",
        "us",
        "ons",
        "ik",
        "i",
        "the company",
        "het bedrijf",
    ]
    .iter()
    .any(|w| {
        inside
            .strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// A rule's link needle against a link target: a substring, or with a trailing `$` the end of
/// the target (a trailing slash aside).
fn link_matches(href: &str, needle: &str) -> bool {
    match needle.strip_suffix('$') {
        Some(end) => href.trim_end_matches('/').ends_with(end),
        None => href.contains(needle),
    }
}

/// A word in the form of a site's address: a name, a dot and a top-level domain ("Voorbeeld.nl").
fn is_site_name(word: &str) -> bool {
    word.rsplit_once('.').is_some_and(|(name, tld)| {
        name.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && (2..=6).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_lowercase())
    })
}

fn detect_language(a: &Analysis<'_>, rules: &RuleSet) -> crate::Lang {
    language_of(a, rules, 0..a.norm.text.len(), 0).unwrap_or(crate::Lang::Nl)
}

/// The language of a stretch of normalised text by its function words, when at least
/// `min` of them decide it.
pub fn language_of(
    a: &Analysis<'_>,
    rules: &RuleSet,
    range: Range<usize>,
    min: usize,
) -> Option<crate::Lang> {
    let text = a.norm.text.get(range).unwrap_or("");
    let count = |set: &HashSet<String>| -> usize {
        text.split(|c: char| !c.is_alphanumeric())
            .take(20_000)
            .filter(|w| set.contains(*w))
            .count()
    };
    let [nl_words, en_words] = &rules.function_words;
    let (en, nl) = (count(en_words), count(nl_words));
    if en + nl < min {
        return None;
    }
    Some(if en > nl {
        crate::Lang::En
    } else {
        crate::Lang::Nl
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_in_capitals_only_shouts_and_a_short_name_does_not() {
        let text = "DELEN VAN PERSOONSGEGEVENS MET DERDEN\nWij werken met de KNVB.\nACME BV\nÉÉN TWEE DRIE\n";
        let lines = shouting_lines(text);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(
            &text[lines[0].clone()],
            "DELEN VAN PERSOONSGEGEVENS MET DERDEN\n"
        );
        // Two words of capitals may be a name; capitals with accents shout as well.
        assert_eq!(&text[lines[1].clone()], "ÉÉN TWEE DRIE\n");
    }

    #[test]
    fn an_unless_here_place_cancels_the_matches_it_overlaps_and_no_others() {
        let mut here = HereCancels::default();
        assert!(!here.cancels(0, 0, 0..5), "no places, nothing cancelled");
        // A long place first, then short ones inside and after it, out of order.
        here.add(0, 1, 40..45);
        here.add(0, 1, 10..30);
        here.add(0, 1, 12..14);
        here.add(2, 0, 100..110);
        // Overlaps.
        assert!(here.cancels(0, 1, 25..35), "reaches into the long place");
        assert!(here.cancels(0, 1, 5..11), "ends inside the long place");
        assert!(
            here.cancels(0, 1, 29..31),
            "the long place reaches past a later start"
        );
        assert!(here.cancels(0, 1, 44..50));
        assert!(here.cancels(2, 0, 95..101));
        // Touching is no overlap; other signals and elements are not cancelled.
        assert!(
            !here.cancels(0, 1, 30..40),
            "between the places, touching both"
        );
        assert!(!here.cancels(0, 1, 0..10));
        assert!(!here.cancels(0, 1, 45..60));
        assert!(!here.cancels(0, 2, 10..30), "another signal of the element");
        assert!(!here.cancels(1, 1, 10..30), "another element");
        // A place added later is seen.
        here.add(0, 2, 0..3);
        assert!(here.cancels(0, 2, 2..4));
    }

    #[test]
    fn street_addresses_are_blanked_in_place_and_names_beside_them_stay() {
        // (text, the part that is an address)
        for (text, address) in [
            (
                "Wij zijn gevestigd aan de Hoofdstraat 12 in Utrecht.",
                "Hoofdstraat 12 in Utrecht",
            ),
            (
                "Bakkerij Bol, Dorpsstraat 4, 1234 AB Ergens",
                "Dorpsstraat 4, 1234 AB Ergens",
            ),
            (
                "Hillside House - 14 Mill Road - Ambleside LA22 9DU",
                "14 Mill Road",
            ),
            (
                "We are at 221B Baker Street, London NW1 6XE.",
                "221B Baker Street, London NW1 6XE",
            ),
            // Multi-byte letters in the street; no address, no change.
            (
                "Hafenstraße 21, 20457 Hamburg",
                "Hafenstraße 21, 20457 Hamburg",
            ),
            ("Über 12 Jahre", ""),
            ("Wij hebben 3 Fietsen.", ""),
        ] {
            let want = if address.is_empty() {
                text.to_string()
            } else {
                text.replace(address, &" ".repeat(address.len()))
            };
            assert_eq!(without_addresses(text), want, "{text}");
        }
    }

    #[test]
    fn a_link_needle_ending_in_dollar_must_end_the_target() {
        assert!(link_matches(
            "https://github.com/acme/app/issues",
            "/issues$"
        ));
        assert!(link_matches(
            "https://github.com/acme/app/issues/",
            "/issues$"
        ));
        assert!(!link_matches(
            "https://www.eff.org/issues/do-not-track",
            "/issues$"
        ));
        assert!(link_matches("mailto:info@example.nl", "mailto:"));
        assert!(!link_matches("https://example.nl/", "mailto:"));
    }

    #[test]
    fn a_site_address_is_a_name_but_a_file_name_or_abbreviation_is_not() {
        assert!(is_site_name("Fietsenwinkel.nl"));
        assert!(is_site_name("Example.com"));
        assert!(!is_site_name("Bijv."));
        assert!(!is_site_name("Privacy"));
        assert!(!is_site_name("Report.PDF"));
    }

    #[test]
    fn a_definition_of_the_speaker_follows_a_name() {
        assert!(opens_definition(r#" ("we", "us") makes tools"#));
        assert!(opens_definition(" (hierna: “wij”) verwerkt"));
        assert!(opens_definition(" (hereinafter the Company)"));
        assert!(!opens_definition(" (hierna: gegevens)"));
        assert!(!opens_definition(" (website) is"));
        assert!(!opens_definition(" (weekly) newsletters"));
        assert!(!opens_definition(" makes tools"));
    }
}
