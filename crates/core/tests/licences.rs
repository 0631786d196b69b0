//! The About screen's list of bundled parts is generated, not written by hand: every crate compiled into the app and
//! the CLI (normal dependencies on this platform, from `cargo metadata`) and every npm package in the window's script
//! (the UI's runtime dependencies, from ui/node_modules). This test regenerates the list and fails when
//! crates/core/data/licences.json differs; `make licences` (WEIQUAN_WRITE_LICENCES=1) rewrites it.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use weiquan_core::about::Part;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn host() -> String {
    let out = Command::new("rustc").arg("-vV").output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .unwrap()
}

fn crates() -> Vec<Part> {
    let out = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args(["metadata", "--format-version", "1", "--locked", "--filter-platform"])
        .arg(host())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages: BTreeMap<&str, &Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: BTreeMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    // From the two shipped binaries, through normal dependencies only (build and dev dependencies are not shipped).
    let mut todo: Vec<&str> = packages
        .iter()
        .filter(|(_, p)| matches!(p["name"].as_str(), Some("weiquan-app" | "weiquan")))
        .map(|(id, _)| *id)
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null());
            if normal {
                todo.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    let libraries: Vec<Part> = seen
        .iter()
        .filter_map(|id| {
            let p = packages[id];
            let dir = PathBuf::from(p["manifest_path"].as_str().unwrap());
            vendored(p["name"].as_str().unwrap(), dir.parent().unwrap())
        })
        .collect();
    let mut parts: Vec<Part> = seen
        .into_iter()
        .map(|id| {
            let p = packages[id];
            Part {
                kind: "crate".into(),
                name: p["name"].as_str().unwrap().to_owned(),
                version: p["version"].as_str().unwrap().to_owned(),
                license: p["license"].as_str().unwrap_or("(not stated)").to_owned(),
                repository: p["repository"].as_str().map(str::to_owned),
            }
        })
        .collect();
    parts.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    parts.extend(libraries);
    parts
}

/// A C library that a crate compiles in from its own copy of the source: named, with the version its source says and
/// the licence its licence file states (the test fails if that file stops saying it).
fn vendored(krate: &str, dir: &std::path::Path) -> Option<Part> {
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{krate}: {path}: {e}"));
    let (name, version, license, repository) = match krate {
        "libsqlite3-sys" => {
            let header = read("sqlite3/sqlite3.h");
            let version = header
                .lines()
                .find_map(|l| l.strip_prefix("#define SQLITE_VERSION "))
                .map(|v| v.trim().trim_matches('"').to_owned());
            assert!(header.contains("The author disclaims copyright to this source code"));
            ("SQLite", version, "blessing", "https://sqlite.org")
        }
        "turbojpeg-sys" => {
            let version = read("libjpeg-turbo/CMakeLists.txt")
                .lines()
                .find_map(|l| l.trim().strip_prefix("set(VERSION "))
                .map(|v| v.trim_end_matches(')').to_owned());
            let licence = read("libjpeg-turbo/LICENSE.md");
            for named in ["IJG", "3-clause", "zlib License"] {
                assert!(
                    licence.contains(named),
                    "libjpeg-turbo's LICENSE.md no longer names {named}"
                );
            }
            (
                "libjpeg-turbo",
                version,
                "IJG AND BSD-3-Clause AND Zlib",
                "https://libjpeg-turbo.org",
            )
        }
        _ => return None,
    };
    Some(Part {
        kind: "library".into(),
        name: name.into(),
        version: version.unwrap_or_else(|| panic!("{krate}: no version in its source")),
        license: license.into(),
        repository: Some(repository.into()),
    })
}

fn npm() -> Vec<Part> {
    let ui = workspace().join("ui");
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(ui.join("package.json")).unwrap()).unwrap();
    let mut todo: Vec<String> = manifest["dependencies"].as_object().unwrap().keys().cloned().collect();
    let mut parts = BTreeMap::new();
    while let Some(name) = todo.pop() {
        if parts.contains_key(&name) {
            continue;
        }
        let p: Value = serde_json::from_str(
            &std::fs::read_to_string(ui.join("node_modules").join(&name).join("package.json")).unwrap(),
        )
        .unwrap();
        if let Some(deps) = p["dependencies"].as_object() {
            todo.extend(deps.keys().cloned());
        }
        let repository = match &p["repository"] {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("url").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        };
        parts.insert(
            name.clone(),
            Part {
                kind: "npm".into(),
                name,
                version: p["version"].as_str().unwrap().to_owned(),
                license: p["license"].as_str().unwrap_or("(not stated)").to_owned(),
                repository,
            },
        );
    }
    parts.into_values().collect()
}

/// The recognition model built into the binaries, from the metadata of the wheel `make models` fetched it from.
fn models() -> Vec<Part> {
    let dir = workspace().join("models/download");
    let mut parts = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e} (run `make models`)", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "whl") {
            continue;
        }
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let name = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().to_owned())
            .find(|n| n.ends_with(".dist-info/METADATA"))
            .unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut text).unwrap();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
                .unwrap()
        };
        parts.push(Part {
            kind: "model".into(),
            name: format!("PaddleOCR PP-OCRv4 Chinese recognition, from {}", field("Name:")),
            version: field("Version:"),
            license: field("License:"),
            repository: text
                .lines()
                .find_map(|l| l.strip_prefix("Home-page:").map(|v| v.trim().to_owned())),
        });
    }
    assert_eq!(parts.len(), 1, "one model wheel in models/download");
    parts
}

#[test]
fn the_licence_list_is_generated_and_current() {
    let mut parts = crates();
    parts.extend(npm());
    parts.extend(models());
    assert!(
        parts.iter().any(|p| p.name == "tauri"),
        "the app's own dependencies are listed"
    );
    assert!(
        parts.iter().any(|p| p.name == "@tauri-apps/api"),
        "the window's script is listed"
    );
    assert!(
        parts.iter().any(|p| p.name == "libjpeg-turbo" && p.kind == "library"),
        "C libraries compiled in from a crate's copy of their source are listed"
    );
    assert!(
        !parts.iter().any(|p| p.name == "criterion"),
        "dev dependencies are not shipped"
    );
    let text = serde_json::to_string_pretty(&parts).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/licences.json");
    if std::env::var_os("WEIQUAN_WRITE_LICENCES").is_some() {
        // Written for the next build to embed; this build still holds the old list.
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == text,
        "crates/core/data/licences.json is stale: run `make licences` after changing dependencies"
    );
    assert_eq!(weiquan_core::about::parts(), parts);
}
