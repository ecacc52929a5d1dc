//! Pre-parses the built-in rule files into JSON at build time.
//!
//! Parsing the YAML of the built-in rules was a quarter of the work of checking one statement;
//! the same data as JSON parses in a small fraction of that. The YAML files stay the source:
//! this script converts them on every change, and `rules::builtin` embeds both. A file that
//! does not parse here becomes an empty JSON file, so at run time the YAML is parsed instead
//! and its error reported with line and column.
//!
//! It also writes `gates.json`: for every pattern of the built-in rules, the sets of literals
//! of which every match contains one of each, and whether a match stays within one line between
//! full stops (see `src/rules/gate.rs`, included here), so that at run time a pattern is
//! compiled only for text that can match it.

use std::path::{Path, PathBuf};

#[path = "src/rules/gate.rs"]
#[allow(dead_code)]
mod gate;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules/gate.rs");
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    let mut gates = serde_json::Map::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value = serde_saphyr::from_str::<serde_json::Value>(&text).ok();
        if let Some(v) = &value {
            add_gates(v, &mut gates);
        }
        let json = value.map(|v| v.to_string()).unwrap_or_default();
        let target = out.join(format!("{}.json", path.display()));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        std::fs::write(&target, json)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
    let target = out.join("gates.json");
    std::fs::write(&target, serde_json::Value::Object(gates).to_string())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}

/// The gate of every string in a `patterns` list anywhere in `v` (`[]`: none known).
fn add_gates(v: &serde_json::Value, gates: &mut serde_json::Map<String, serde_json::Value>) {
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if let (true, serde_json::Value::Array(list)) = (key == "patterns", value) {
                    for pattern in list.iter().filter_map(|p| p.as_str()) {
                        let sets = gate::literals(pattern);
                        let line = gate::single_line(pattern);
                        gates.insert(
                            pattern.to_string(),
                            serde_json::json!({ "sets": sets, "line": line }),
                        );
                    }
                } else {
                    add_gates(value, gates);
                }
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|x| add_gates(x, gates)),
        _ => {}
    }
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
