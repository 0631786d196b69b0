//! Builds the command handler from `commands.txt` (the one list of the app's commands) and declares each command
//! so that capabilities must allow it by name (nothing is allowed implicitly). The build fails when
//! `capabilities/main.json` does not allow exactly the listed commands.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=commands.txt");
    println!("cargo:rerun-if-changed=capabilities/main.json");
    let list = std::fs::read_to_string("commands.txt").expect("src-tauri/commands.txt");
    let entries: Vec<(String, String)> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (module, name) = l
                .split_once("::")
                .expect("commands.txt: each line is <module>::<command>");
            (module.to_owned(), name.to_owned())
        })
        .collect();

    let paths: Vec<String> = entries.iter().map(|(m, n)| format!("commands::{m}::{n}")).collect();
    let handler = format!("tauri::generate_handler![{}]", paths.join(", "));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("handler.rs");
    std::fs::write(out, handler).expect("write handler.rs");

    let caps = std::fs::read_to_string("capabilities/main.json").expect("capabilities/main.json");
    let allowed: BTreeSet<String> = caps
        .split('"')
        .filter(|s| s.starts_with("allow-"))
        .map(|s| s.trim_start_matches("allow-").replace('-', "_"))
        .collect();
    let listed: BTreeSet<String> = entries.iter().map(|(_, n)| n.clone()).collect();
    if allowed != listed {
        panic!(
            "capabilities/main.json and commands.txt disagree: only in the capabilities {:?}, only in the list {:?}",
            allowed.difference(&listed).collect::<Vec<_>>(),
            listed.difference(&allowed).collect::<Vec<_>>()
        );
    }

    let names: &'static [&'static str] = Box::leak(
        entries
            .into_iter()
            .map(|(_, n)| &*Box::leak(n.into_boxed_str()))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri build script");
}
