//! Black-box scenarios: the real `weiquan` binary on real database files in temp dirs.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

struct Lib {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("weiquan.db");
        Lib { _dir: dir, db }
    }

    fn dir(&self) -> &Path {
        self.db.parent().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_weiquan"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("WEIQUAN_DB")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.ok(&a)).unwrap()
    }
}

fn sample() -> String {
    fixture("sample-case.json").display().to_string()
}

#[test]
fn import_list_show_export_round_trip() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"].as_i64().unwrap();
    assert_eq!(
        lib.ok(&["case", "import", &sample()]).trim(),
        (id + 1).to_string(),
        "plain output is the id"
    );

    let list = lib.json(&["case", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["title"], "扫地机器人退款被客服反复推诿");
    assert_eq!(list[1]["interaction_count"], 2);

    let shown = lib.ok(&["case", "show", &id.to_string()]);
    assert!(shown.contains("答：亲，建议您重启一下机器哦，祝您生活愉快~"), "{shown}");
    assert!(shown.contains("金额：¥1299.00"), "{shown}");
    let shown = lib.json(&["case", "show", &id.to_string()]);
    assert_eq!(shown["data"]["purchase"]["amount"], "1299.00");

    let out = lib.dir().join("exported.json");
    lib.ok(&["case", "export", &id.to_string(), "--out", out.to_str().unwrap()]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let original: Value = serde_json::from_str(&std::fs::read_to_string(fixture("sample-case.json")).unwrap()).unwrap();
    assert_eq!(
        exported, original,
        "the fixture is already in canonical form, so export returns it exactly"
    );

    let id3 = lib.json(&["case", "import", out.to_str().unwrap()])["id"]
        .as_i64()
        .unwrap();
    let to_stdout = lib.ok(&["case", "export", &id3.to_string(), "--out", "-"]);
    assert_eq!(to_stdout, std::fs::read_to_string(&out).unwrap());

    let found = lib.json(&["case", "list", "--search", "祝您生活愉快"]);
    assert_eq!(found.as_array().unwrap().len(), 3);
    let none = lib.json(&["case", "list", "--search", "宽带"]);
    assert!(none.as_array().unwrap().is_empty());
}

#[test]
fn a_bad_document_is_rejected_whole_with_every_problem() {
    let lib = Lib::new();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("sample-case.json")).unwrap()).unwrap();
    doc["interactions"][1]["occurred_at"] = "2026-09-08".into();
    doc["purchase"]["amount"] = "一千".into();
    let bad = lib.dir().join("bad.json");
    std::fs::write(&bad, serde_json::to_string(&doc).unwrap()).unwrap();
    let out = lib.run(&["case", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("interactions[1].occurred_at: not an RFC 3339 date-time"),
        "{err}"
    );
    assert!(err.contains("purchase.amount: not an amount in yuan"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");

    let out = lib.run(&["case", "import", bad.to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "invalid_input");
    assert_eq!(v["error"]["problems"].as_array().unwrap().len(), 2);

    assert!(
        lib.json(&["case", "list"]).as_array().unwrap().is_empty(),
        "nothing was stored"
    );

    let out = lib.run(&["case", "import", "/nonexistent/case.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/case.json"));
}

#[test]
fn evidence_entries_are_refused_until_the_vault_exists() {
    let lib = Lib::new();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("sample-case.json")).unwrap()).unwrap();
    doc["evidence"] = serde_json::json!([{ "path": "chat-1.png", "description": "聊天截图", "interactions": [0] }]);
    let f = lib.dir().join("with-evidence.json");
    std::fs::write(&f, serde_json::to_string(&doc).unwrap()).unwrap();
    let out = lib.run(&["case", "import", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("evidence: this version cannot import evidence"));
    assert!(lib.json(&["case", "list"]).as_array().unwrap().is_empty());
}

#[test]
fn delete_asks_and_refuses_without_an_answer() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let out = lib.run(&["case", "delete", &id]);
    assert_eq!(out.status.code(), Some(6), "no terminal to ask, no --yes: refuse");
    assert_eq!(lib.json(&["case", "list"]).as_array().unwrap().len(), 1);
    lib.ok(&["case", "delete", &id, "--yes"]);
    assert!(lib.json(&["case", "list"]).as_array().unwrap().is_empty());
    let out = lib.run(&["case", "show", &id]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("there is no case with id {id}")));
}

#[test]
fn credit_code_warnings_do_not_block_import() {
    let lib = Lib::new();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("sample-case.json")).unwrap()).unwrap();
    doc["respondent"]["credit_code"] = "91330106MA2CFXXX1K".into();
    let f = lib.dir().join("typo.json");
    std::fs::write(&f, serde_json::to_string(&doc).unwrap()).unwrap();
    let out = lib.run(&["case", "import", f.to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"][0]["path"], "respondent.credit_code");
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: respondent.credit_code"));
}

#[test]
fn the_default_library_is_shared_through_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_weiquan"))
            .args(args)
            .env("WEIQUAN_DB", &db)
            .output()
            .unwrap()
    };
    assert!(run(&["case", "import", &sample()]).status.success());
    let info: Value = serde_json::from_slice(&run(&["info", "--json"]).stdout).unwrap();
    assert_eq!(info["db_path"], db.display().to_string());
    assert_eq!(info["case_count"], 1);
}
