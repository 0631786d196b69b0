//! The core's layers point one way. Each top-level module sits on a layer; a module may use modules on lower
//! layers and never one above it, so that the model knows nothing of storage, the legal rules nothing of the PDF,
//! and a change up the stack cannot break what is below. The ground layer is the vocabulary every other layer
//! speaks (the model, the one error type, the clock, file helpers); its modules may name each other. The table is
//! docs/ARCHITECTURE.md's map; this test reads every source file and fails on an import that points up or
//! sideways.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

/// Layer of each top-level module, lowest first.
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("clock", 0),
    ("fsutil", 0),
    ("model", 0),
    ("calendar", 1),
    ("evidence", 1),
    ("paths", 1),
    ("legal", 2),
    ("deadlines", 3),
    ("validate", 4),
    ("exchange", 5),
    ("store", 6),
    ("transcript", 1),
    ("dossier", 7),
    ("about", 8),
    ("bindings", 9),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level modules a source file names through `crate::…`, outside comments.
fn uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c, Error}`: each item's first segment.
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let first: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push(first);
                }
            } else {
                out.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
            }
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut wrong = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        let own = layer(&module).unwrap_or_else(|| panic!("{module} (src/{}) has no layer in LAYERS", rel.display()));
        let text = std::fs::read_to_string(f).unwrap();
        for used in uses(&text) {
            let Some(theirs) = layer(&used) else { continue }; // a crate-root item: Error, Result, Problem…
            let ok = used == module || theirs < own || (own == 0 && theirs == 0);
            if !ok {
                wrong
                    .entry(format!("src/{}", rel.display()))
                    .or_insert_with(Vec::new)
                    .push(format!("{used} (layer {theirs}, this is {module} on layer {own})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up or sideways:\n{}",
        wrong
            .iter()
            .map(|(f, u)| format!("  {f}: {}", u.join(", ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_check_sees_grouped_and_plain_imports_and_skips_comments() {
    let found = uses("use crate::{store::Store, Error};\nlet x = crate::dossier::render(); // crate::bindings\n");
    assert_eq!(found, ["store", "Error", "dossier"]);
}
