//! Pre-parses the built-in rule files into JSON at build time.
//!
//! Parsing the YAML of the built-in rules was a quarter of the work of checking one statement;
//! the same data as JSON parses in a small fraction of that. The YAML files stay the source:
//! this script converts them on every change, and `rules::builtin` embeds both. A file that
//! does not parse here becomes an empty JSON file, so at run time the YAML is parsed instead
//! and its error reported with line and column.
//!
//! It also writes `gates.rs`: for every pattern of the built-in rules, the sets of literals
//! of which every match contains one of each (each literal by its place in the sorted list of
//! all gate literals), whether a match stays within one line between
//! full stops (see `src/rules/gate.rs`, included here), and whether a rule file of the default
//! profile uses it, so that at run time a pattern is compiled only for text that can match it,
//! and before the rules have loaded (`src/rules/shared.rs`). It is a Rust expression that
//! `rules::builtin` includes: static data, with nothing to read back at run time.
//!
//! With the gates go each pattern's compiled NFAs (`src/rules/nfa_code.rs`, included here),
//! so that a pattern is ready at run time without compiling it, and what every match of it
//! begins with, for its engines' prefilter (`gate::starts`).
//!
//! And it builds the two overlapping Aho-Corasick automata that rule loading would otherwise
//! build on every run (a tenth of checking one statement): one over every phrase of the
//! built-in rules, normalised as at run time (`src/normalize.rs`, included here), and one over
//! every gate literal. Each is an automaton laid out as bytes that are searched where they lie
//! (`src/rules/trie.rs`, included here), reporting the pattern's index in a sorted list
//! written beside it; at run time a rule set whose phrases are all in that list uses it as it
//! is (see `src/rules/automaton.rs`).
//!
//! On Linux the `privlint` executable is linked as a position-dependent (non-PIE) program.
//! The static data above holds some 37,000 pointers; in a position-independent executable the
//! dynamic loader rewrites each of them at every start (touching 180 pages), a millisecond of a
//! 2-3 ms `privlint --version` and of the 11-14 ms check of one statement. `PRIVLINT_PIE=1`
//! at build time keeps the default PIE (address-space randomisation of the program image).

use std::path::{Path, PathBuf};

#[path = "src/rules/gate.rs"]
#[allow(dead_code)]
mod gate;

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

#[path = "src/rules/syntax.rs"]
mod syntax;

#[path = "src/rules/nfa_code.rs"]
#[allow(dead_code)]
mod nfa_code;

#[path = "src/rules/lists.rs"]
#[allow(dead_code)]
mod lists;

#[path = "src/rules/written.rs"]
#[allow(dead_code)]
mod written;

#[path = "src/rules/trie.rs"]
#[allow(dead_code)]
mod trie;

#[path = "src/site/needles.rs"]
mod needles;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-env-changed=PRIVLINT_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    if linux && std::env::var_os("PRIVLINT_PIE").is_none_or(|v| v.is_empty() || v == "0") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=src/rules/gate.rs");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    println!("cargo:rerun-if-changed=src/rules/syntax.rs");
    println!("cargo:rerun-if-changed=src/rules/nfa_code.rs");
    println!("cargo:rerun-if-changed=src/rules/lists.rs");
    println!("cargo:rerun-if-changed=src/site/needles.rs");
    println!("cargo:rerun-if-changed=src/rules/written.rs");
    println!("cargo:rerun-if-changed=src/rules/trie.rs");
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    let mut gates = serde_json::Map::new();
    let mut phrases = std::collections::BTreeSet::new();
    let mut raw_phrases = std::collections::BTreeMap::new();
    let mut trackers = None;
    // The lists of common.yaml serve every file (after a file's own).
    let shared = files
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == "common.yaml"))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_saphyr::from_str::<serde_json::Value>(&text).ok())
        .map(|v| list_groups(&v))
        .unwrap_or_default();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value = serde_saphyr::from_str::<serde_json::Value>(&text).ok();
        // The gates also say whether a pattern serves the default profile: one used only by
        // `profile: gdpr` files need not be compiled before the rules know the profile.
        let avg = !text.lines().any(|l| l.trim_end() == "profile: gdpr");
        if path.file_name().is_some_and(|n| n == "trackers.yaml") {
            trackers = value.clone();
        }
        if let Some(v) = &value {
            let groups = list_groups(v);
            let lookup = |name: &str| {
                groups
                    .get(name)
                    .or_else(|| shared.get(name))
                    .map(String::as_str)
            };
            add_gates(v, avg, &lookup, &mut gates);
            add_phrases(v, &mut phrases, &mut raw_phrases);
        }
        // A rule's example sentences go to a file of their own: only the test suite and the
        // rule documentation read them, and they were a quarter of the JSON every run parses.
        let mut value = value;
        let examples = value
            .as_mut()
            .and_then(|v| v.as_object_mut())
            .and_then(|m| m.remove("examples"))
            .map(|e| e.to_string())
            .unwrap_or_default();
        let json = value.map(|v| v.to_string()).unwrap_or_default();
        let target = out.join(format!("{}.json", path.display()));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        std::fs::write(&target, json)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        let target = out.join(format!("{}.examples.json", path.display()));
        std::fs::write(&target, examples)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        // Whether the file is of the stricter profile, so that loading the default one skips
        // it without searching its text.
        let target = out.join(format!("{}.profile", path.display()));
        std::fs::write(&target, if avg { "avg" } else { "gdpr" })
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
    // The gates name their literals by their place in the sorted list of all of them, which
    // is also the value the gate automaton reports.
    let literals: std::collections::BTreeSet<String> = gates
        .values()
        .filter_map(|g| g["sets"].as_array())
        .flatten()
        .filter_map(|set| set.as_array())
        .flatten()
        .filter_map(|l| l.as_str().map(String::from))
        .collect();
    let index: std::collections::HashMap<&str, usize> = literals
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    for gate in gates.values_mut() {
        if let Some(sets) = gate["sets"].as_array_mut() {
            for set in sets.iter_mut() {
                let ids: Vec<usize> = set
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.as_str().and_then(|l| index.get(l).copied()))
                    .collect();
                *set = serde_json::json!(ids);
            }
        }
    }
    // Each pattern, parsed as `rules::compile_pattern` parses it, is compiled into its NFAs,
    // forward and reversed, as the regex engines need them (see `src/rules/nfa_code.rs`): they
    // go into one file, and the gate says where.
    let mut nfas = Vec::new();
    for (pattern, gate) in gates.iter_mut() {
        // A built-in pattern that does not parse would never match, silently (the built-in
        // rules are not compiled again at run time): stop the build instead, as `--rules`
        // stops with exit status 2.
        let Some(hir) = syntax::parse(pattern) else {
            panic!("a built-in rule pattern does not parse (check it with `privlint config --rules rules/`): {pattern}");
        };
        if let Some(gate) = gate.as_object_mut() {
            gate.insert("starts".into(), serde_json::json!(gate::starts(&hir)));
            let start = nfas.len();
            let forward =
                nfa_code::compile(&hir, false).is_some_and(|n| nfa_code::encode(&n, &mut nfas));
            let middle = nfas.len();
            if forward
                && nfa_code::compile(&hir, true).is_some_and(|n| nfa_code::encode(&n, &mut nfas))
            {
                gate.insert("nfa".into(), serde_json::json!([start, middle, nfas.len()]));
            } else {
                nfas.truncate(start);
            }
        }
    }
    std::fs::write(out.join("patterns.nfa"), &nfas)
        .unwrap_or_else(|e| panic!("cannot write patterns.nfa: {e}"));
    let target = out.join("gates.rs");
    std::fs::write(&target, gates_source(&gates))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    write_automaton(&out, "phrases", &phrases);
    write_raw_phrases(&out, &phrases, &raw_phrases);
    write_automaton(&out, "gate-literals", &literals);
    write_tracker_dfa(&out, trackers.as_ref());
}

/// Every phrase of a signal (`phrases`, `unless`, `unless_section`) or heading list anywhere
/// in `v`, read as rule loading reads it (`normalize::rule_phrase`), into `out`; and each as
/// written, with what it reads as, into `raw`. Collecting too many costs only a larger
/// automaton; a phrase missed here makes rule loading read it and build its own automaton.
fn add_phrases(
    v: &serde_json::Value,
    out: &mut std::collections::BTreeSet<String>,
    raw: &mut std::collections::BTreeMap<String, normalize::RulePhrase>,
) {
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let phrase_list = [
                    "phrases",
                    "unless",
                    "unless_here",
                    "unless_section",
                    "headings",
                ];
                match value {
                    serde_json::Value::Array(list) if phrase_list.contains(&key.as_str()) => {
                        for written in list.iter().filter_map(|p| p.as_str()) {
                            let read = normalize::rule_phrase(written);
                            // One with no letter or digit is an error of rule loading.
                            if read.text.bytes().any(normalize::is_word_byte) {
                                out.insert(read.text.clone());
                                raw.insert(written.to_string(), read);
                            }
                        }
                    }
                    _ => add_phrases(value, out, raw),
                }
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|x| add_phrases(x, out, raw)),
        _ => {}
    }
}

/// Writes `phrases-written.rs`: every phrase as a rule file writes it, with what
/// `normalize::rule_phrase` reads it as: the text's place in the built-in phrase list (the
/// value the automaton reports) and whether its start and end are open; and
/// `phrases-written-slots.rs`, the hash table over them (see `src/rules/written.rs`). Rule
/// loading looks a phrase up there instead of reading it anew.
fn write_raw_phrases(
    out: &Path,
    phrases: &std::collections::BTreeSet<String>,
    raw: &std::collections::BTreeMap<String, normalize::RulePhrase>,
) {
    let place: std::collections::HashMap<&str, usize> = phrases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let entries: Vec<(&str, usize, &normalize::RulePhrase)> = raw
        .iter()
        .filter_map(|(w, read)| Some((w.as_str(), *place.get(read.text.as_str())?, read)))
        .collect();
    let mut list = String::from("&[\n");
    for (written, at, read) in &entries {
        list.push_str(&format!(
            "({written:?}, {at}, {}, {}),\n",
            read.open_start, read.open_end
        ));
    }
    list.push(']');
    let slots = written::table(entries.iter().map(|e| e.0));
    let slots = format!(
        "&[{}]",
        slots
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    for (name, text) in [
        ("phrases-written.rs", list),
        ("phrases-written-slots.rs", slots),
    ] {
        let target = out.join(name);
        std::fs::write(&target, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}

/// Writes `<name>.rs` (the patterns, sorted, as a Rust expression of type `&[&str]`: static
/// data, with nothing to split at run time) and `<name>.trie` (an overlapping automaton over
/// them that reports their places in that list).
fn write_automaton(out: &Path, name: &str, patterns: &std::collections::BTreeSet<String>) {
    let bytes: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
    // `{:?}` of a `str` is a Rust string literal.
    let list: String = patterns.iter().map(|p| format!("{p:?},\n")).collect();
    for (file, bytes) in [
        (format!("{name}.rs"), format!("&[\n{list}]").into_bytes()),
        (format!("{name}.trie"), trie::build(&bytes)),
    ] {
        let target = out.join(file);
        std::fs::write(&target, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}

/// The tracker list's patterns in the order `site::trackers::Detector` gives them: the page
/// markers, then per service its URLs (lower-cased) and its snippets.
fn tracker_patterns(trackers: &serde_json::Value) -> Vec<String> {
    let mut texts: Vec<String> = needles::NEEDLES.iter().map(|n| n.to_string()).collect();
    for service in trackers["services"].as_array().into_iter().flatten() {
        let strings = |key: &str| -> Vec<String> {
            service[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_str().map(String::from))
                .collect()
        };
        texts.extend(strings("urls").iter().map(|u| u.to_lowercase()));
        texts.extend(strings("snippets"));
    }
    texts
}

/// Writes `tracker_dfa.rs`: the tracker detector's automaton as static tables (see
/// `src/site/tracker_dfa.rs`), so that a site scan does not build it at every start (a third
/// of the instructions of starting a scan). aho-corasick builds the DFA here, with the options
/// the run-time fallback uses; its states are read out through the `Automaton` trait, numbered
/// anew (match states first) and their transitions grouped by byte class. A list that does not
/// parse gets no patterns, and the run-time detector then builds its own.
fn write_tracker_dfa(out: &Path, trackers: Option<&serde_json::Value>) {
    use aho_corasick::automaton::Automaton;
    use aho_corasick::Anchored;
    let patterns = trackers.map(tracker_patterns).unwrap_or_default();
    let dfa = aho_corasick::dfa::DFA::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::Standard)
        .prefilter(false)
        .start_kind(aho_corasick::StartKind::Unanchored)
        .build(&patterns)
        .unwrap_or_else(|e| panic!("cannot build the tracker automaton: {e}"));
    let start = dfa
        .start_state(Anchored::No)
        .unwrap_or_else(|e| panic!("tracker automaton without a start: {e}"));
    // Every state reachable from the start, in breadth-first order.
    let mut order = vec![start];
    let mut seen = std::collections::HashMap::from([(start, 0usize)]);
    let mut i = 0;
    while i < order.len() {
        let sid = order[i];
        for b in 0..=255u8 {
            let next = dfa.next_state(Anchored::No, sid, b);
            assert!(!dfa.is_dead(next), "an unanchored search never dies");
            if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(next) {
                e.insert(order.len());
                order.push(next);
            }
        }
        i += 1;
    }
    // Match states first, so that one comparison tells a match; the start is never one.
    let (mut numbered, rest): (Vec<_>, Vec<_>) = order.into_iter().partition(|s| dfa.is_match(*s));
    let matches = numbered.len();
    numbered.extend(rest);
    let id: std::collections::HashMap<_, usize> =
        numbered.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    // Bytes whose column of next states is the same in every state share a class.
    let mut classes = [0u8; 256];
    let mut columns: Vec<Vec<usize>> = Vec::new();
    for b in 0..=255u8 {
        let column: Vec<usize> = numbered
            .iter()
            .map(|s| id[&dfa.next_state(Anchored::No, *s, b)])
            .collect();
        let class = match columns.iter().position(|c| *c == column) {
            Some(c) => c,
            None => {
                columns.push(column);
                columns.len() - 1
            }
        };
        classes[usize::from(b)] = u8::try_from(class).expect("at most 256 classes");
    }
    // A state is named by where its row starts (its number times the row length): the next
    // state is then one add and one load away.
    let stride = columns.len();
    let mut table = vec![0usize; numbered.len() * stride];
    for (c, column) in columns.iter().enumerate() {
        for (s, next) in column.iter().enumerate() {
            table[s * stride + c] = next * stride;
        }
    }
    let id_type = if table.len() <= usize::from(u16::MAX) {
        "u16"
    } else {
        "u32"
    };
    assert!(
        u32::try_from(table.len()).is_ok(),
        "tracker automaton too large"
    );
    let found: Vec<String> = numbered[..matches]
        .iter()
        .map(|s| {
            let p = dfa.match_pattern(*s, 0);
            format!("({}, {})", p.as_usize(), dfa.pattern_len(p))
        })
        .collect();
    let join = |v: Vec<String>| v.join(",");
    let source = format!(
        "/// The patterns, in order, that the tables were built from.\n\
         pub static PATTERNS: &[&str] = &{patterns:?};\n\
         /// Each byte's class.\n\
         pub static CLASSES: [u8; 256] = {classes:?};\n\
         /// A state: the start of its row in `TRANSITIONS`.\n\
         pub type State = {id_type};\n\
         /// The length of a row (the number of classes).\n\
         pub const STRIDE: usize = {stride};\n\
         /// The unanchored start state.\n\
         pub const START: State = {start};\n\
         /// Next state at state + class.\n\
         pub static TRANSITIONS: [State; {len}] = [{table}];\n\
         /// For each match state (the first rows, state / STRIDE indexes this): its pattern \
         and that pattern's length.\n\
         pub static MATCHES: [(u16, u16); {matches}] = [{found}];\n",
        start = id[&start] * stride,
        len = table.len(),
        table = join(table.iter().map(usize::to_string).collect()),
        found = join(found),
    );
    let target = out.join("tracker_dfa.rs");
    std::fs::write(&target, source)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}

/// A rule file's named lists (`lists:`, see `src/rules/lists.rs`), each as the group that
/// replaces its name. Those of `common.yaml` serve every file.
fn list_groups(v: &serde_json::Value) -> std::collections::HashMap<String, String> {
    let Some(lists) = v.get("lists").and_then(|l| l.as_object()) else {
        return Default::default();
    };
    lists
        .iter()
        .map(|(name, items)| {
            let items: Vec<&str> = items
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i.as_str())
                .collect();
            (name.clone(), lists::group(&items))
        })
        .collect()
}

/// The gate of every string in a `patterns` list anywhere in `v` (`[]`: none known), keyed by
/// the pattern as rule loading will compile it: with the file's named lists written out
/// (`lookup`). A pattern naming an unknown list stays as it is: loading reports it.
fn add_gates<'g>(
    v: &serde_json::Value,
    avg: bool,
    lookup: &dyn Fn(&str) -> Option<&'g str>,
    gates: &mut serde_json::Map<String, serde_json::Value>,
) {
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if let (true, serde_json::Value::Array(list)) = (key == "patterns", value) {
                    for written in list.iter().filter_map(|p| p.as_str()) {
                        let expanded = lists::expand(written, lookup);
                        let pattern = expanded.as_deref().unwrap_or(written);
                        let sets = gate::literals(pattern);
                        let line = gate::single_line(pattern);
                        let avg = avg || gates.get(pattern).is_some_and(|g| g["avg"] == true);
                        gates.insert(
                            pattern.to_string(),
                            serde_json::json!({ "sets": sets, "line": line, "avg": avg }),
                        );
                    }
                } else {
                    add_gates(value, avg, lookup, gates);
                }
            }
        }
        serde_json::Value::Array(list) => {
            list.iter().for_each(|x| add_gates(x, avg, lookup, gates))
        }
        _ => {}
    }
}

/// The gates as a Rust expression of type `&[rules::builtin::Gate]`, sorted by pattern: static
/// data, where reading them back from JSON was a tenth of checking one statement.
fn gates_source(gates: &serde_json::Map<String, serde_json::Value>) -> String {
    use std::fmt::Write;
    let mut s = String::from("&[\n");
    for (pattern, gate) in gates {
        let sets: Vec<String> = gate["sets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|set| {
                let ids: Vec<String> = numbers(set).map(|id| id.to_string()).collect();
                format!("&[{}]", ids.join(","))
            })
            .collect();
        let nfa = places(&gate["nfa"], 3);
        // Each as a byte string literal.
        let starts: Vec<String> = gate["starts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|bytes| {
                let escaped: String = numbers(bytes).map(|b| format!("\\x{b:02x}")).collect();
                format!("b\"{escaped}\"")
            })
            .collect();
        // `{:?}` of a `str` is a Rust string literal.
        let _ = writeln!(
            s,
            "Gate {{ source: {pattern:?}, sets: &[{}], line: {}, avg: {}, nfa: {nfa}, starts: &[{}] }},",
            sets.join(","),
            gate["line"] == true,
            gate["avg"] == true,
            starts.join(","),
        );
    }
    s.push(']');
    s
}

/// The Rust literal of `n` places in a file (`Some((start, .., end))`) from a JSON array of
/// them, or `None` if `v` is not such an array.
fn places(v: &serde_json::Value, n: usize) -> String {
    let numbers: Vec<String> = numbers(v).map(|x| x.to_string()).collect();
    if numbers.len() == n {
        format!("Some(({}))", numbers.join(","))
    } else {
        "None".to_string()
    }
}

/// The numbers of a JSON array (none if `v` is not an array).
fn numbers(v: &serde_json::Value) -> impl Iterator<Item = u64> + '_ {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_u64)
}

/// Every `.yaml` file under `dir`.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|x| x == "yaml") {
            files.push(path);
        }
    }
}
