//! Pre-parses the built-in rule files into JSON at build time.
//!
//! Parsing the YAML of the built-in rules was a quarter of the work of checking one statement;
//! the same data as JSON parses in a small fraction of that. The YAML files stay the source:
//! this script converts them on every change, and `rules::builtin` embeds both. A file that
//! does not parse here becomes an empty JSON file, so at run time the YAML is parsed instead
//! and its error reported with line and column.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let json = serde_saphyr::from_str::<serde_json::Value>(&text)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let target = out.join(format!("{}.json", path.display()));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        std::fs::write(&target, json)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
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
