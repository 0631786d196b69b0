//! Black-box scenarios: the real `weiquan` binary on real database files in temp dirs.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/data")
        .join(name)
}

struct Lib {
    _dir: tempfile::TempDir,
    db: PathBuf,
    /// The locale the CLI runs under: English unless a test asks for another (Chinese is the CLI's default).
    lang: &'static str,
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("weiquan.db");
        Lib {
            _dir: dir,
            db,
            lang: "en_US.UTF-8",
        }
    }

    /// The contacts' ids of a case, in the order `case show` lists them.
    fn contact_ids(&self, case: &str) -> Vec<String> {
        self.json(&["case", "show", case])["data"]["interactions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].to_string())
            .collect()
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
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", self.lang)
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

/// A PDF's text as poppler's `pdftotext` reads it.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sample() -> String {
    fixture("demo-case.json").display().to_string()
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
    let original: Value = serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
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
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
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
fn evidence_travels_with_the_exchange_format() {
    let lib = Lib::new();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
    std::fs::create_dir_all(lib.dir().join("shots")).unwrap();
    std::fs::write(lib.dir().join("shots/chat-1.png"), b"\x89PNG\r\n\x1a\nfirst screenshot").unwrap();
    std::fs::write(lib.dir().join("receipt.pdf"), b"%PDF-1.4 receipt").unwrap();
    doc["evidence"] = serde_json::json!([
        { "path": "shots/chat-1.png", "description": "客服聊天截图", "interactions": [0] },
        { "path": "receipt.pdf", "description": "付款凭证", "interactions": [0, 1] }
    ]);
    let f = lib.dir().join("with-evidence.json");
    std::fs::write(&f, serde_json::to_string(&doc).unwrap()).unwrap();
    let id = lib.json(&["case", "import", f.to_str().unwrap()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let items = lib.json(&["evidence", "list", &id]);
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(items[0]["description"], "客服聊天截图");
    assert_eq!(items[0]["content_type"], "image/png");
    assert_eq!(items[1]["interactions"].as_array().unwrap().len(), 2);

    let out_dir = lib.dir().join("handover");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("case.json");
    lib.ok(&["case", "export", &id, "--out", out.to_str().unwrap()]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let folder = exported["evidence"][0]["path"]
        .as_str()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    assert!(
        folder.starts_with("case-evidence-") && folder.len() == "case-evidence-".len() + 8,
        "{folder}"
    );
    assert_eq!(
        exported["evidence"],
        serde_json::json!([
            { "path": format!("{folder}/01-chat-1.png"), "description": "客服聊天截图", "interactions": [0] },
            { "path": format!("{folder}/02-receipt.pdf"), "description": "付款凭证", "interactions": [0, 1] }
        ])
    );
    assert_eq!(
        std::fs::read(out_dir.join(&folder).join("02-receipt.pdf")).unwrap(),
        b"%PDF-1.4 receipt"
    );

    let other = Lib::new();
    let id2 = other.json(&["case", "import", out.to_str().unwrap()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let again = other.json(&["evidence", "list", &id2]);
    for i in 0..2 {
        assert_eq!(again[i]["sha256"], items[i]["sha256"]);
        assert_eq!(again[i]["description"], items[i]["description"]);
    }
    let log = lib.json(&["audit", "verify", &id]);
    let actions: Vec<_> = log["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        actions,
        [
            "case_created",
            "evidence_imported",
            "evidence_imported",
            "case_exported"
        ]
    );
}

#[test]
fn a_document_with_a_missing_evidence_file_is_rejected_whole() {
    let lib = Lib::new();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
    std::fs::write(lib.dir().join("here.png"), b"\x89PNG\r\n\x1a\nx").unwrap();
    doc["evidence"] = serde_json::json!([{ "path": "here.png" }, { "path": "missing.png" }]);
    let f = lib.dir().join("doc.json");
    std::fs::write(&f, serde_json::to_string(&doc).unwrap()).unwrap();
    let out = lib.run(&["case", "import", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("evidence[1].path: \"missing.png\" cannot be read"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(lib.json(&["case", "list"]).as_array().unwrap().is_empty());
    assert!(
        !lib.dir().join("weiquan.db.vault/objects").exists(),
        "no file was copied into the vault"
    );
}

#[test]
fn evidence_add_verify_and_audit_from_the_command_line() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let a = lib.dir().join("a.jpg");
    std::fs::write(&a, b"\xff\xd8\xff\xe0 photo bytes").unwrap();
    let empty = lib.dir().join("empty.png");
    std::fs::write(&empty, b"").unwrap();
    let second = lib.contact_ids(&id)[1].clone();
    let out = lib.run(&[
        "evidence",
        "add",
        &id,
        a.to_str().unwrap(),
        empty.to_str().unwrap(),
        "--interaction",
        &second,
        "--description",
        "扣款短信截图",
    ]);
    assert_eq!(out.status.code(), Some(3), "one of two files failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("empty.png: not imported") && err.contains("is empty"),
        "{err}"
    );
    let items = lib.json(&["evidence", "list", &id]);
    assert_eq!(items.as_array().unwrap().len(), 1, "the good file was imported");
    let shown = lib.json(&["case", "show", &id]);
    assert_eq!(items[0]["interactions"][0], shown["data"]["interactions"][1]["id"]);
    let out = lib.run(&["evidence", "add", &id, a.to_str().unwrap(), "--interaction", "999"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no contact 999; its contacts are #"), "{err}");

    let text = lib.ok(&["evidence", "list", &id]);
    assert!(text.contains("自导入起未被改动（SHA-256 校验）"), "{text}");
    assert!(!text.contains("已认证") && !text.contains("已公证"));
    assert!(lib.ok(&["evidence", "verify"]).contains("checked 1 files: 1 intact"));

    let sha = items[0]["sha256"].as_str().unwrap();
    let object = lib.dir().join("weiquan.db.vault/objects").join(&sha[..2]).join(sha);
    let mut perms = std::fs::metadata(&object).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&object, perms).unwrap();
    let mut bytes = std::fs::read(&object).unwrap();
    bytes[3] ^= 0x20;
    std::fs::write(&object, bytes).unwrap();
    let out = lib.run(&["evidence", "verify", &id]);
    assert_eq!(out.status.code(), Some(7));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Altered"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    assert!(lib.ok(&["audit", "verify"]).contains("hash chain unbroken"));
    assert!(tamper_with_audit_log(&lib.db), "the sqlite3 shell edited the audit log");
    let out = lib.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(7));
    assert!(String::from_utf8_lossy(&out.stdout).contains("broken at record 1"));
}

/// Edits the first audit record through the sqlite3 shell, as someone covering their tracks would.
fn tamper_with_audit_log(db: &Path) -> bool {
    Command::new("sqlite3")
        .arg(db)
        .arg("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 1;")
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// A batch import killed with SIGKILL midway leaves a consistent vault: every stored item has its complete file,
/// nothing half-written counts, and importing again finishes the job.
#[test]
fn a_killed_batch_import_leaves_a_consistent_vault() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let dir = lib.dir().join("recordings");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..24 {
        let mut bytes = vec![0u8; 6 << 20];
        for chunk in bytes.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
        }
        let f = dir.join(format!("录音{i:02}.m4a"));
        std::fs::write(&f, bytes).unwrap();
        files.push(f.to_str().unwrap().to_owned());
    }
    let mut args = vec![
        "--db".to_owned(),
        lib.db.to_str().unwrap().to_owned(),
        "evidence".into(),
        "add".into(),
        id.clone(),
    ];
    args.extend(files.iter().cloned());
    let mut child = Command::new(env!("CARGO_BIN_EXE_weiquan"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        let n = lib.json(&["evidence", "list", &id]).as_array().unwrap().len();
        if n >= 3 || started.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let stored = lib.json(&["evidence", "list", &id]).as_array().unwrap().len();
    assert!(
        stored >= 3 && stored < files.len(),
        "killed midway: {stored} of {} stored",
        files.len()
    );

    let report = lib.json(&["evidence", "verify"]);
    for p in report["problems"].as_array().unwrap() {
        let kind = p["kind"].as_str().unwrap();
        assert!(
            kind == "leftover" || kind == "unreferenced",
            "after a crash only leftovers may remain: {p}"
        );
    }
    assert_eq!(report["intact"], stored as u64);
    assert_eq!(report["checked"], stored as u64);

    let mut again = vec!["evidence", "add", &id];
    again.extend(files.iter().map(String::as_str));
    lib.ok(&again);
    assert_eq!(
        lib.json(&["evidence", "list", &id]).as_array().unwrap().len(),
        files.len()
    );
    let report = lib.json(&["evidence", "verify"]);
    assert_eq!(report["intact"], files.len() as u64);
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
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
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

#[test]
fn legal_suggest_gives_verbatim_bases_and_remedies() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let v = lib.json(&["legal", "suggest", &id, "--today", "2026-11-28"]);
    let bases = v["bases"].as_array().unwrap();
    let first = &bases[0];
    for field in [
        "law",
        "article",
        "paragraph",
        "strength",
        "text",
        "version",
        "problem",
        "why",
    ] {
        assert!(first.get(field).is_some(), "basis has {field}: {first}");
    }
    assert_eq!(first["law"], "消费者权益保护法");
    assert_eq!(first["article"], 20);
    assert_eq!(first["paragraph"], 2);
    assert_eq!(first["strength"], "core");
    assert_eq!(first["problem"], "irrelevant_answer");
    assert_eq!(
        first["text"],
        "经营者对消费者就其提供的商品或者服务的质量和使用方法等问题提出的询问，应当作出真实、明确的答复。"
    );
    assert!(bases
        .iter()
        .any(|b| b["problem"] == "delayed_handling" && b["article"] == 48 && b["item"] == 8));
    assert!(!bases
        .iter()
        .any(|b| b["law"] == "消费者权益保护法" && b["article"] == 16));
    assert!(
        !v["remedies"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["kind"] == "fraud_damages"),
        "the false promise came after the purchase: no fraud damages"
    );
    assert!(!bases
        .iter()
        .any(|b| b["law"] == "消费者权益保护法" && b["article"] == 55));
    let delay = &v["remedies"]["delays"][0];
    assert_eq!(delay["start"], "2026-09-09", "from the promised refund date");
    assert_eq!(delay["fifteenth_day"], "2026-09-24");
    assert_eq!(delay["exceeded"], true);

    let text = lib.ok(&["legal", "suggest", &id, "--today", "2026-11-28"]);
    assert!(text.contains("[核心] 《消费者权益保护法》第二十条第二款"), "{text}");
    assert!(
        !text.contains("【未核验】"),
        "实施条例 is verified now: nothing is marked"
    );
    assert!(text.contains("可以主张视为故意拖延或者无理拒绝"), "{text}");
}

#[test]
fn legal_show_search_check_and_article_citations() {
    let lib = Lib::new();
    let show = lib.json(&["legal", "show", "消法", "20"]);
    assert_eq!(show["law_full"], "中华人民共和国消费者权益保护法");
    assert!(show["text"].as_str().unwrap().contains("真实、明确的答复"));
    let item = lib.json(&["legal", "show", "消费者权益保护法", "第五十六条第一款第（八）项"]);
    assert!(item["text"].as_str().unwrap().starts_with("（八）对消费者提出的修理"));
    assert_eq!(lib.json(&["legal", "show", "条例", "46"])["text_verified"], true);
    assert_eq!(
        lib.json(&["legal", "show", "条例", "12"])["label"],
        "第十二条",
        "a single-paragraph article has no 第一款"
    );

    let out = lib.run(&["legal", "show", "消法", "112"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("条文不存在"),
        "the verdict is shown for the source article's wrong citation"
    );
    assert_eq!(lib.run(&["legal", "show", "某某法", "1"]).status.code(), Some(3));
    assert_eq!(lib.run(&["legal", "show", "消法", "二十a"]).status.code(), Some(3));

    let hits = lib.json(&["legal", "search", "明确的答复"]);
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["law"] == "消费者权益保护法" && h["article"] == 20));

    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
    doc["complainant"]["phone"] = serde_json::Value::Null;
    doc["demands"] = serde_json::json!([]);
    let f = lib.dir().join("incomplete.json");
    std::fs::write(&f, serde_json::to_string(&doc).unwrap()).unwrap();
    let id = lib.json(&["case", "import", f.to_str().unwrap()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    // Findings that would get the complaint refused: listed, and the exit status says so (7).
    let out = lib.run(&["legal", "check", &id, "--filing-date", "2026-03-01", "--json"]);
    assert_eq!(out.status.code(), Some(7));
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<_> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["missing_complainant_phone", "no_demand"]);
    assert_eq!(
        check["findings"][0]["rules"][0]["label"],
        "《市场监督管理投诉举报处理暂行办法》第九条第一款第（一）项"
    );
    let later = String::from_utf8(lib.run(&["legal", "check", &id, "--filing-date", "2026-11-28"]).stdout).unwrap();
    assert!(
        later.contains("市场监督管理投诉举报处理办法") && later.contains("【未核验】"),
        "{later}"
    );
    assert!(
        !later.contains("暂行办法》第九条"),
        "superseded article numbers are not cited as current"
    );

    let cites = lib.json(&["legal", "article-citations"]);
    let xf16 = cites
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cited"] == "《消费者权益保护法》第十六条")
        .unwrap()
        .clone();
    assert_eq!(xf16["verdict"], "misattributed");
    assert!(xf16["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["label"] == "《消费者权益保护法》第二十条第二款"));
}

#[test]
fn demo_dossier_package_and_filing_text_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_weiquan"))
            .args(args)
            .env_remove("WEIQUAN_DB")
            .output()
            .unwrap()
    };
    let o = run(&[
        "demo",
        "--out",
        out.to_str().unwrap(),
        "--at",
        "2026-09-25T10:00:00+08:00",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let pdf = report["dossier"].as_str().unwrap();
    let text = pdf_text(Path::new(pdf));
    assert!(text.contains("消费者投诉材料") && text.contains("六、证据清单"));
    // The evidence list's end anchors the audit log; `audit verify --anchor` checks the library against it.
    let anchor = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("操作记录锚点："))
        .expect("the evidence list carries the audit anchor")
        .trim()
        .to_owned();
    let verified = run(&[
        "--db",
        report["db"].as_str().unwrap(),
        "audit",
        "verify",
        "--anchor",
        &anchor,
    ]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    assert!(String::from_utf8_lossy(&verified.stdout).contains("2 anchor(s) checked"));
    let bogus = format!("999:{}", "0".repeat(64));
    let refused = run(&[
        "--db",
        report["db"].as_str().unwrap(),
        "audit",
        "verify",
        "--anchor",
        &bogus,
    ]);
    assert_eq!(refused.status.code(), Some(7), "a log shorter than an anchor is broken");
    let filing = std::fs::read_to_string(report["filing_text"].as_str().unwrap()).unwrap();
    assert!(filing.contains("【投诉内容】"));
    assert!(std::path::Path::new(report["package"].as_str().unwrap()).exists());
    let again = run(&["demo", "--out", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(3), "the demo does not overwrite a library");

    let db = report["db"].as_str().unwrap();
    let blocks: Value =
        serde_json::from_slice(&run(&["--db", db, "filing-text", "1", "--limit", "content=200", "--json"]).stdout)
            .unwrap();
    let content = blocks
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "content")
        .unwrap();
    assert!(content["chars"].as_u64().unwrap() <= 200 && content["shortened"] == true);
    assert_eq!(
        run(&["--db", db, "filing-text", "1", "--limit", "nonsense"])
            .status
            .code(),
        Some(3)
    );
    let zip = dir.path().join("p.zip");
    assert!(run(&["--db", db, "package", "1", "--out", zip.to_str().unwrap()])
        .status
        .success());
    let pdf2 = dir.path().join("d.pdf");
    assert!(run(&["--db", db, "dossier", "1", "--out", pdf2.to_str().unwrap()])
        .status
        .success());
    assert_eq!(
        run(&["--db", db, "dossier", "99", "--out", pdf2.to_str().unwrap()])
            .status
            .code(),
        Some(4)
    );
}

#[test]
fn route_and_deadlines_from_the_command_line() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let steps = lib.json(&["route", &id, "--today", "2026-09-10"]);
    let ids: Vec<_> = steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["channel"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["company", "12315", "consumer_association", "court"]);
    let clocks = lib.json(&["deadlines", &id, "--today", "2026-09-10"]);
    let due: Vec<_> = clocks
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["due"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(due.contains(&("limitation".into(), "2029-09-05".into())), "{due:?}");
    assert!(due.contains(&("demand_15_days".into(), "2026-09-24".into())), "{due:?}");
    // A holiday file dropped beside the library is checked: a bad one is refused with its location.
    std::fs::write(
        lib.dir().join("holidays.json"),
        r#"{"years": {"2027": {"off": [], "workdays": [{"date": "2027-01-05", "name": "x"}]}}}"#,
    )
    .unwrap();
    let out = lib.run(&["deadlines", &id]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a weekend day"));
}

#[test]
fn events_after_filing_move_the_status_and_the_clocks() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let v = lib.json(&[
        "case",
        "event",
        &id,
        "filed",
        "--date",
        "2026-09-28",
        "--ref",
        "1234567890",
    ]);
    assert_eq!(v["status"], "filed");
    assert_eq!(
        v["events"][0]["channel"], "12315",
        "filed without --channel means 12315"
    );
    assert!(
        lib.ok(&["route", &id, "--today", "2026-10-09"])
            .starts_with("正在等待：全国12315平台"),
        "the route says which filing the case waits on"
    );
    let clocks = lib.json(&["deadlines", &id, "--today", "2026-10-09"]);
    let acceptance = clocks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "acceptance_7_working_days")
        .unwrap()
        .clone();
    assert_eq!(acceptance["due"], "2026-10-13");
    assert_eq!(
        lib.json(&["case", "event", &id, "accepted", "--date", "2026-10-12"])["status"],
        "accepted"
    );
    assert_eq!(
        lib.json(&[
            "case",
            "event",
            &id,
            "company_reply",
            "--date",
            "2026-10-15",
            "--note",
            "同意退款一半"
        ])["status"],
        "accepted"
    );
    // The notice screenshot an event rests on: one of the case's evidence files, by SHA-256.
    let notice = lib.dir().join("受理通知.txt");
    std::fs::write(&notice, "您的投诉已受理，登记编号 1234567890").unwrap();
    lib.ok(&["evidence", "add", &id, notice.to_str().unwrap()]);
    let sha = lib.json(&["evidence", "list", &id])[0]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = "0".repeat(64);
    let out = lib.run(&[
        "case",
        "event",
        &id,
        "company_reply",
        "--date",
        "2026-10-16",
        "--evidence",
        &other,
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a hash that is not this case's evidence is refused"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not the SHA-256 of an evidence file"));
    let v = lib.json(&[
        "case",
        "event",
        &id,
        "company_reply",
        "--date",
        "2026-10-16",
        "--evidence",
        &sha,
    ]);
    assert_eq!(v["events"][3]["evidence"], sha.as_str());
    assert_eq!(
        lib.json(&["case", "event", &id, "resolved", "--date", "2026-10-20"])["status"],
        "closed"
    );
    let shown = lib.json(&["case", "show", &id]);
    let history: Vec<_> = shown["data"]["status_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(history, ["filed", "accepted", "closed"]);
    assert_eq!(
        lib.run(&["case", "event", &id, "appealed", "--date", "2026-10-21"])
            .status
            .code(),
        Some(3)
    );
    assert_eq!(
        lib.run(&[
            "case",
            "event",
            &id,
            "filed",
            "--date",
            "2026-10-21",
            "--channel",
            "nowhere"
        ])
        .status
        .code(),
        Some(3)
    );
    let out = lib.run(&["case", "event", &id, "withdrawn", "--date", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(3), "an event before the last one is refused");
    assert_eq!(
        lib.json(&["case", "show", &id])["data"]["events"]
            .as_array()
            .unwrap()
            .len(),
        5,
        "refused events change nothing"
    );
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let lib = Lib::new();
    lib.ok(&["case", "import", &sample()]);
    let zip = lib.dir().join("备份.zip");
    let v = lib.json(&["backup", zip.to_str().unwrap()]);
    assert_eq!(v["case_count"], 1);
    lib.ok(&["case", "import", &sample()]);
    assert_eq!(lib.json(&["case", "list"]).as_array().unwrap().len(), 2);
    let out = lib.run(&["restore", zip.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(6), "not confirmed, not restored");
    assert_eq!(lib.json(&["case", "list"]).as_array().unwrap().len(), 2);
    let v = lib.json(&["restore", zip.to_str().unwrap(), "--yes"]);
    assert_eq!(v["restored"]["case_count"], 1);
    assert!(std::path::Path::new(v["previous_saved_to"].as_str().unwrap()).exists());
    assert_eq!(lib.json(&["case", "list"]).as_array().unwrap().len(), 1);
    let text = lib.dir().join("x.txt");
    std::fs::write(&text, "hello").unwrap();
    let out = lib.run(&["restore", text.to_str().unwrap(), "--yes"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a Weiquan backup"));
}

#[test]
fn a_library_moved_in_the_app_is_where_the_cli_looks() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("weiquan")).unwrap();
    let moved = dir.path().join("U盘").join("weiquan.db");
    std::fs::write(
        config.join("weiquan/settings.json"),
        serde_json::json!({ "library": moved }).to_string(),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_weiquan"))
        .args(["info", "--json"])
        .env_remove("WEIQUAN_DB")
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["db_path"], moved.display().to_string());
    assert!(moved.exists());
}

#[test]
fn odd_file_names_and_closed_pipes_end_cleanly() {
    use std::os::unix::ffi::OsStrExt;
    let lib = Lib::new();
    let id = lib.ok(&["case", "import", &sample()]).trim().to_owned();
    // A file name that is not UTF-8 (as a Windows-made ZIP may carry): imported, reported, no panic.
    let odd = lib.dir().join(std::ffi::OsStr::from_bytes(b"chat-\xff.png"));
    std::fs::write(&odd, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_weiquan"))
        .arg("--db")
        .arg(&lib.db)
        .args(["evidence", "add", &id, "--json"])
        .arg(&odd)
        .env_remove("WEIQUAN_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["ok"], true);
    assert!(rows[0]["file"].as_str().unwrap().contains("chat-\u{fffd}.png"));
    // A reader that stops early (`| head -1`) is not an error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_weiquan"))
        .arg("--db")
        .arg(&lib.db)
        .args(["legal", "suggest", &id])
        .env_remove("WEIQUAN_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn text_from_a_stranger_cannot_drive_the_terminal() {
    let lib = Lib::new();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
    let odd = "退款\x1b]0;owned\x07\r证据-\u{202e}gpj.exe";
    // A title is one line: control characters in it are refused, by field, and nothing is written.
    doc["title"] = Value::from(odd);
    let path = lib.dir().join("odd.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let refused = lib.run(&["case", "import", path.to_str().unwrap()]);
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(why.contains("title") && !why.contains('\x1b'), "{why}");
    // Free text may hold them (a pasted chat): printed escaped, never sent to the terminal.
    doc["title"] = Value::from("退款被拖延");
    doc["interactions"][0]["note"] = Value::from(odd);
    std::fs::write(&path, doc.to_string()).unwrap();
    let id = lib.ok(&["case", "import", path.to_str().unwrap()]).trim().to_owned();
    for args in [
        vec!["case", "list"],
        vec!["case", "show", &id],
        vec!["filing-text", &id],
    ] {
        let out = lib.run(&args);
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            assert!(!text.contains('\x1b'), "{args:?}: {text}");
            continue;
        }
        if args[1] == "show" {
            assert!(
                text.contains("退款\\u001b]0;owned\\u0007\\u000d证据-\\u202egpj.exe"),
                "{args:?}: {text}"
            );
        }
        assert!(!text.contains(['\x1b', '\x07', '\r', '\u{202e}']), "{args:?}");
    }
    // JSON output reads back to exactly what was stored.
    let shown = lib.json(&["case", "show", &id]);
    assert_eq!(shown["data"]["interactions"][0]["note"], odd);
}

#[test]
fn a_case_is_corrected_and_its_bases_chosen_from_the_command_line() {
    let lib = Lib::new();
    let id = lib.ok(&["case", "import", &sample()]).trim().to_owned();
    lib.ok(&[
        "case",
        "edit",
        &id,
        "--set",
        "respondent.name=杭州某某电器销售有限公司",
        "--set",
        "purchase.amount=1299.00",
        "--set",
        "facts.quality_defect=true",
        "--set",
        "complainant.id_number=",
    ]);
    let shown = lib.json(&["case", "show", &id]);
    assert_eq!(shown["data"]["respondent"]["name"], "杭州某某电器销售有限公司");
    assert_eq!(shown["data"]["purchase"]["amount"], "1299.00");
    assert_eq!(shown["data"]["facts"]["quality_defect"], true);
    assert_eq!(shown["data"]["complainant"]["id_number"], Value::Null);
    assert!(
        shown["data"]["interactions"].as_array().unwrap().len() > 1,
        "the contacts are kept"
    );

    // A field that does not exist, or a value the format refuses: exit 3, named, nothing changed.
    for bad in ["respondent.nmae=x", "purchase.date=2026-13-01", "status=won", "title="] {
        let out = lib.run(&["case", "edit", &id, "--set", bad]);
        assert_eq!(out.status.code(), Some(3), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(bad.split('=').next().unwrap()) || err.contains("--set"),
            "{bad}: {err}"
        );
    }
    assert_eq!(lib.json(&["case", "show", &id])["data"], shown["data"], "unchanged");

    // Bases: leave one out, put it back.
    let rule = lib.json(&["legal", "suggest", &id])["bases"][0]["rule"]
        .as_str()
        .unwrap()
        .to_owned();
    lib.ok(&["legal", "exclude", &id, &rule]);
    assert_eq!(
        lib.json(&["case", "show", &id])["data"]["excluded_bases"],
        serde_json::json!([rule])
    );
    lib.ok(&["legal", "include", &id, &rule]);
    assert_eq!(
        lib.json(&["case", "show", &id])["data"]["excluded_bases"],
        serde_json::json!([])
    );
    assert_eq!(
        lib.run(&["legal", "exclude", &id, "no/such-rule"]).status.code(),
        Some(3)
    );
}

#[test]
fn options_a_command_does_not_use_are_refused_and_progress_stays_off_files() {
    let lib = Lib::new();
    let out = lib.run(&["demo", "--out", lib.dir().join("d").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "demo does not take --db");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--db"));
    assert!(!lib.dir().join("d").exists(), "nothing written");

    let id = lib.ok(&["case", "import", &sample()]).trim().to_owned();
    let f = lib.dir().join("shot.png");
    std::fs::write(&f, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    lib.ok(&["evidence", "add", &id, f.to_str().unwrap()]);
    // Standard error is a pipe here, not a terminal: no self-rewriting progress line in it.
    let out = lib.run(&["evidence", "verify"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\r') && !err.contains("\x1b["), "{err:?}");
    // `case show` shows a contact's note and the evidence it rests on.
    let first = lib.contact_ids(&id)[0].clone();
    lib.ok(&["evidence", "add", &id, f.to_str().unwrap(), "--interaction", &first]);
    let shown = lib.ok(&["case", "show", &id]);
    assert!(shown.contains("备注：连续三次追问"), "{shown}");
    assert!(shown.contains("证据：shot.png（sha256:"), "{shown}");
}

#[test]
fn evidence_is_linked_unlinked_and_described_from_the_command_line() {
    let lib = Lib::new();
    let id = lib.ok(&["case", "import", &sample()]).trim().to_owned();
    let f = lib.dir().join("chat.png");
    std::fs::write(&f, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-linking").unwrap();
    let contacts = lib.contact_ids(&id);
    let (c1, c2) = (contacts[0].as_str(), contacts[1].as_str());
    let added = lib.json(&["evidence", "add", &id, f.to_str().unwrap(), "--interaction", c1]);
    let sha = added[0]["item"]["sha256"].as_str().unwrap().to_owned();
    let short = &sha[..10];
    let links = |lib: &Lib| {
        lib.json(&["evidence", "list", &id])[0]["interactions"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(links(&lib), 1);
    // Adding the same file again for another contact says what it did and how to undo it.
    let out = lib.run(&["evidence", "add", &id, f.to_str().unwrap(), "--interaction", c2]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("also supports contact #{c2}")) && said.contains("evidence unlink"),
        "{said}"
    );
    assert_eq!(links(&lib), 2);
    lib.ok(&["evidence", "unlink", &id, short, "--interaction", c2]);
    assert_eq!(links(&lib), 1);
    lib.ok(&["evidence", "link", &id, short, "--interaction", &format!("#{c2}")]);
    assert_eq!(links(&lib), 2);
    lib.ok(&["evidence", "describe", &id, short, "客服承诺24小时退款的截图"]);
    assert_eq!(
        lib.json(&["evidence", "list", &id])[0]["description"],
        "客服承诺24小时退款的截图"
    );
    // A contact that does not exist, or a hash the case does not have: refused, named.
    assert_eq!(
        lib.run(&["evidence", "link", &id, short, "--interaction", "999"])
            .status
            .code(),
        Some(3)
    );
    assert_eq!(
        lib.run(&["evidence", "link", &id, "deadbeef00", "--interaction", c1])
            .status
            .code(),
        Some(4)
    );
    assert_eq!(
        lib.run(&["evidence", "link", &id, "../x", "--interaction", c1])
            .status
            .code(),
        Some(3)
    );
    let audit = lib.json(&["audit", "verify", &id]);
    let actions: Vec<&str> = audit["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"evidence_unlinked") && actions.contains(&"evidence_described"),
        "{actions:?}"
    );
}

/// The sample a volunteer receives in docs/examples: a consumer's case with three screenshots beside it.
fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

/// A legal-aid volunteer's day with only the command line, as issue 15 tells it: import a consumer's JSON with
/// screenshots, correct three facts, leave out a basis, record a contact with a promised date and a police report,
/// file, record the acceptance, and export the dossier, the 12315 text and the package, each checked.
#[test]
fn a_volunteers_day_from_import_to_package() {
    let lib = Lib::new();
    let doc = example("air-fryer/case.json");
    let imported = lib.json(&["case", "import", doc.to_str().unwrap()]);
    let id = imported["id"].to_string();
    let files = lib.json(&["evidence", "list", &id]);
    assert_eq!(files.as_array().unwrap().len(), 3, "the three screenshots came in");

    // Three facts corrected; a wrong value first: refused, named, nothing written.
    let before = lib.json(&["case", "show", &id]);
    let out = lib.run(&[
        "case",
        "edit",
        &id,
        "--set",
        "purchase.amount=三百九",
        "--set",
        "title=x",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("purchase.amount"));
    assert_eq!(lib.json(&["case", "show", &id]), before);
    lib.ok(&[
        "case",
        "edit",
        &id,
        "--set",
        "respondent.credit_code=91440300MA5XXXXX00",
        "--set",
        "purchase.amount=399.00",
        "--set",
        "facts.goods_received_on=2026-10-04",
        "--set",
        "facts.return_requested_on=2026-10-08",
    ]);
    let case = lib.json(&["case", "show", &id]);
    assert_eq!(case["data"]["purchase"]["amount"], "399.00");
    assert_eq!(case["data"]["facts"]["goods_received_on"], "2026-10-04");
    assert!(case["warnings"].as_array().unwrap().is_empty(), "{}", case["warnings"]);

    // A basis she does not want cited is left out.
    let bases = lib.json(&["legal", "suggest", &id]);
    let rule = bases["bases"][0]["rule"].as_str().unwrap().to_owned();
    lib.ok(&["legal", "exclude", &id, &rule]);

    // The shop's later promise, with the date it set; the refund demand gets that date and her confirmation.
    let contact = lib.json(&[
        "interaction",
        "add",
        &id,
        "--set",
        "occurred_at=2026-10-12 09:30",
        "--set",
        "channel=online_chat",
        "--set",
        "agent=客服小七",
        "--set",
        "question=退款什么时候到？",
        "--set",
        "answer=已为您申请，三个工作日内退款到账。",
    ]);
    let contact = contact["interaction"].to_string();
    let shown = lib.ok(&["case", "show", &id]);
    assert!(shown.contains(&format!("#{contact} 2026-10-12 09:30")), "{shown}");
    assert!(
        shown.contains("自称客服的人"),
        "the impostor is not called 客服: {shown}"
    );
    let demand = case["data"]["demands"][0]["id"].to_string();
    lib.ok(&[
        "demand",
        "set",
        &id,
        &demand,
        "--set",
        "due_by=2026-10-15",
        "--set",
        "unperformed_confirmed_on=2026-11-02",
    ]);
    let sha = files[0]["sha256"].as_str().unwrap()[..12].to_owned();
    lib.ok(&["evidence", "link", &id, &sha, "--interaction", &contact]);

    // The police report, the filing, the acceptance; an acceptance dated before the filing is refused.
    lib.ok(&[
        "case",
        "event",
        &id,
        "police_report",
        "--date",
        "2026-10-10",
        "--ref",
        "穗公(天)受字2026-5566",
    ]);
    assert_eq!(lib.json(&["case", "show", &id])["data"]["status"], "draft");
    lib.ok(&[
        "case",
        "event",
        &id,
        "filed",
        "--date",
        "2026-11-03",
        "--ref",
        "1440000020261103001",
    ]);
    let early = lib.run(&["case", "event", &id, "accepted", "--date", "2026-11-01"]);
    assert_eq!(early.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&early.stderr).contains("before the complaint was filed"));
    lib.ok(&["case", "event", &id, "accepted", "--date", "2026-11-06"]);
    assert_eq!(lib.json(&["case", "show", &id])["data"]["status"], "accepted");

    // The clocks follow the facts she gave.
    let clocks = lib.json(&["deadlines", &id, "--today", "2026-11-10"]);
    let clock = |kind: &str| {
        clocks
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == kind)
            .unwrap_or_else(|| panic!("no {kind} clock: {clocks}"))
            .clone()
    };
    assert_eq!(
        clock("return_7_days")["state"],
        "met",
        "she asked to return it inside the seven days"
    );
    assert_eq!(clock("performance_due")["due"], "2026-10-15");
    assert_eq!(clock("demand_15_days")["due"], "2026-10-30");
    let route = lib.json(&["route", &id, "--today", "2026-11-10"]);
    assert_eq!(route[0]["why"], "police_reported");
    assert_eq!(route[0]["done"], true);

    // The 12315 text: the corrected facts, the police report, the promise, no doubled punctuation.
    let text = lib.ok(&["filing-text", &id]);
    for needle in [
        "91440300MA5XXXXX00",
        "金额：399.00元",
        "我已于2026年10月10日向公安机关报警（回执编号穗公(天)受字2026-5566）。",
        "履行期限至2026年10月15日；截至2026年11月2日，被投诉人仍未履行。",
        "自称客服的人答",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    assert!(!text.contains("。。") && !text.contains("与客服“自称"), "{text}");

    // The dossier and the package.
    let pdf = lib.dir().join("卷宗.pdf");
    lib.ok(&["dossier", &id, "--out", pdf.to_str().unwrap()]);
    let pdf_text = pdf_text(&pdf);
    let flat: String = pdf_text.split_whitespace().collect();
    for needle in [
        "陈美玲",
        "91440300MA5XXXXX00",
        "已报警",
        "穗公(天)受字2026-5566",
        "已受理",
    ] {
        assert!(flat.contains(needle), "{needle:?} missing from the dossier");
    }
    let zip_path = lib.dir().join("材料.zip");
    let report = lib.json(&["package", &id, "--out", zip_path.to_str().unwrap()]);
    let names: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
    for exhibit in ["证据/证据01-", "证据/证据02-", "证据/证据03-"] {
        assert!(
            names.iter().any(|n| n.starts_with(exhibit)),
            "{exhibit} not in {names:?}"
        );
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    assert_eq!(zip.len(), names.len());
    let mut shot = Vec::new();
    let name = names.iter().find(|n| n.starts_with("证据/证据01-")).unwrap();
    std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut shot).unwrap();
    assert_eq!(
        shot,
        std::fs::read(example("air-fryer/wechat-chat-1.png")).unwrap(),
        "the original, byte for byte"
    );

    // What the import warned about is reviewable later; nothing is left once the facts are right.
    let warnings = lib.json(&["case", "warnings", &id]);
    assert!(warnings["facts"].as_array().unwrap().is_empty(), "{warnings}");
}

#[test]
fn prompts_and_refusals_are_chinese_by_default_and_english_under_an_english_locale() {
    let mut lib = Lib::new();
    let id = lib.ok(&["case", "import", &sample()]).trim().to_owned();
    lib.lang = "zh_CN.UTF-8";
    let out = lib.run(&["case", "delete", &id]);
    assert_eq!(out.status.code(), Some(6));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("请加上 --yes"), "{said}");
    lib.lang = "";
    let said = String::from_utf8_lossy(&lib.run(&["case", "delete", &id]).stderr).into_owned();
    assert!(said.contains("请加上 --yes"), "Chinese when no locale is set: {said}");
    lib.lang = "en_GB.UTF-8";
    let said = String::from_utf8_lossy(&lib.run(&["case", "delete", &id]).stderr).into_owned();
    assert!(said.contains("pass --yes"), "{said}");
    assert_eq!(
        lib.json(&["case", "list"]).as_array().unwrap().len(),
        1,
        "nothing deleted"
    );
    // Every argument and option of every subcommand has help text.
    let help = lib.ok(&["interaction", "add", "--help"]);
    assert!(help.contains("occurred_at") && help.contains("problems"), "{help}");
}

#[test]
fn a_case_keeps_its_dossier_number_across_export_and_import() {
    let a = Lib::new();
    let id = a.ok(&["case", "import", &sample()]).trim().to_owned();
    let number = |lib: &Lib, id: &str, at: &str| {
        let pdf = lib.dir().join(format!("{id}-{at}.pdf"));
        lib.ok(&["dossier", id, "--out", pdf.to_str().unwrap(), "--at", at]);
        let text = pdf_text(&pdf);
        text.lines()
            .find_map(|l| l.trim().strip_prefix("卷宗编号：").map(|n| n.trim().to_owned()))
            .expect("the cover has a 卷宗编号")
    };
    let first = number(&a, &id, "2026-10-01T10:00:00+08:00");
    assert!(first.starts_with("WQ-") && first.len() == 17, "{first}");
    assert_eq!(
        number(&a, &id, "2026-11-20T10:00:00+08:00"),
        first,
        "not tied to the export day"
    );
    let doc = a.dir().join("handoff.json");
    a.ok(&["case", "export", &id, "--out", doc.to_str().unwrap()]);

    // Another library, where the same case gets another local id.
    let b = Lib::new();
    b.ok(&["case", "import", example("air-fryer/case.json").to_str().unwrap()]);
    let there = b.json(&["case", "import", doc.to_str().unwrap()]);
    assert_ne!(there["id"].to_string(), id);
    assert_eq!(number(&b, &there["id"].to_string(), "2026-12-01T10:00:00+08:00"), first);
    // The same document again: kept, with a warning that names the copy already there.
    let again = b.json(&["case", "import", doc.to_str().unwrap()]);
    let warned = again["warnings"].to_string();
    assert!(
        warned.contains(&format!("already in the library as case {}", there["id"])),
        "{warned}"
    );
    let log = b.json(&["audit", "verify", &there["id"].to_string()]);
    assert!(
        log.to_string().contains(&first),
        "the audit log records the 卷宗编号 at creation: {log}"
    );
}

#[test]
fn filing_text_limits_are_set_once_and_remembered() {
    let lib = Lib::new();
    let id = lib.ok(&["case", "import", &sample()]).trim().to_owned();
    let content = |blocks: &Value| {
        blocks
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["kind"] == "content")
            .unwrap()
            .clone()
    };
    assert!(
        content(&lib.json(&["filing-text", &id]))["limit"].is_null(),
        "none by default"
    );
    let set = lib.json(&["filing-text", &id, "--limit", "content=300"]);
    assert_eq!(content(&set)["limit"], 300);
    let later = lib.json(&["filing-text", &id]);
    assert_eq!(content(&later)["limit"], 300, "remembered without --limit");
    assert!(content(&later)["chars"].as_u64().unwrap() <= 300);
    assert_eq!(
        lib.run(&["filing-text", &id, "--limit", "content=99999999"])
            .status
            .code(),
        Some(3),
        "a limit no form has is refused"
    );
    assert_eq!(
        content(&lib.json(&["filing-text", &id]))["limit"],
        300,
        "…and changes nothing"
    );
    lib.json(&["filing-text", &id, "--limit", "content=0"]);
    assert!(
        content(&lib.json(&["filing-text", &id]))["limit"].is_null(),
        "0 removes it"
    );
}

#[test]
fn a_case_is_handed_over_as_one_bundle_and_both_sides_read_the_same_code() {
    let consumer = Lib::new();
    let doc = example("air-fryer/case.json");
    let id = consumer
        .ok(&["case", "import", doc.to_str().unwrap()])
        .trim()
        .to_owned();
    let bundle = consumer.dir().join("陈美玲.wqcase");
    let sent = consumer.json(&["case", "bundle", &id, "--out", bundle.to_str().unwrap()]);
    let code = sent["code"].as_str().unwrap().to_owned();
    assert!(
        code.len() == 29
            && code
                .split(' ')
                .all(|g| g.len() == 5 && g.bytes().all(|b| b.is_ascii_digit())),
        "{code}"
    );
    let volunteer = Lib::new();
    let out = volunteer.run(&["case", "open", bundle.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&code),
        "the volunteer reads the same code"
    );
    let opened = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let files = volunteer.json(&["evidence", "list", &opened]);
    let names: Vec<&str> = files
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["original_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["wechat-chat-1.png", "wechat-chat-2.png", "payment-record.png"]);
    // The same case again: nothing written until the volunteer chooses.
    let again = volunteer.run(&["case", "open", bundle.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(6));
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains(&format!("--update {opened}")) && said.contains("--keep-both"),
        "{said}"
    );
    assert_eq!(volunteer.json(&["case", "list"]).as_array().unwrap().len(), 1);
    // The volunteer's correction goes back to the consumer, who sees what differs and updates her case.
    volunteer.ok(&["case", "edit", &opened, "--set", "purchase.amount=399.00"]);
    volunteer.ok(&[
        "interaction",
        "add",
        &opened,
        "--set",
        "occurred_at=2026-10-12 09:30",
        "--set",
        "channel=phone",
    ]);
    let back = volunteer.dir().join("back.wqcase");
    volunteer.ok(&["case", "bundle", &opened, "--out", back.to_str().unwrap()]);
    let asked = consumer.run(&["case", "open", back.to_str().unwrap()]);
    assert_eq!(asked.status.code(), Some(6));
    let said = String::from_utf8_lossy(&asked.stderr);
    assert!(said.contains("contacts added: 2026-10-12 09:30 电话"), "{said}");
    consumer.ok(&["case", "open", back.to_str().unwrap(), "--update", &id]);
    let updated = consumer.json(&["case", "show", &id]);
    assert_eq!(updated["data"]["purchase"]["amount"], "399.00");
    assert_eq!(updated["data"]["interactions"].as_array().unwrap().len(), 3);
    assert_eq!(
        consumer.json(&["case", "list"]).as_array().unwrap().len(),
        1,
        "updated, not added"
    );
    // A bundle with one byte changed is refused, naming what broke; the volunteer's library is unchanged.
    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes.len() - 400;
    bytes[at] ^= 0x20;
    let broken = volunteer.dir().join("broken.wqcase");
    std::fs::write(&broken, bytes).unwrap();
    let out = volunteer.run(&["case", "open", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(volunteer.json(&["case", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn stats_for_a_report_as_text_json_and_csv() {
    let lib = Lib::new();
    lib.ok(&["case", "import", &sample()]);
    lib.ok(&["case", "import", example("air-fryer/case.json").to_str().unwrap()]);
    let s = lib.json(&["stats"]);
    assert_eq!(s["cases"], 2);
    assert_eq!(s["by_industry"][0]["key"], "ecommerce");
    assert_eq!(s["by_industry"][0]["cases"], 2);
    let csv = lib.ok(&["stats", "--csv"]);
    assert!(
        csv.starts_with("dimension,key,label,cases\nall,,全部案件,2\nindustry,ecommerce,电子商务,2\n"),
        "{csv}"
    );
    assert_eq!(
        lib.run(&["stats", "--csv", "--json"]).status.code(),
        Some(2),
        "one format at a time"
    );
}

#[test]
fn a_volunteers_caseload_agent_power_of_attorney_and_public_version_from_the_command_line() {
    let lib = Lib::new();
    let first = lib.json(&["case", "import", &sample()])["id"].to_string();
    let second = lib.json(&["case", "import", &sample()])["id"].to_string();
    // The workspace: tags, 经办人, money recovered, private notes; a bad tag is refused by name and changes nothing.
    lib.ok(&[
        "case",
        "workspace",
        &first,
        "--tag",
        "急",
        "--tag",
        "电商",
        "--handled-by",
        "李志愿",
    ]);
    let bad = lib.run(&["case", "workspace", &first, "--tag", "a,b"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("tags"));
    let ws = lib.json(&[
        "case",
        "workspace",
        &second,
        "--recovered",
        "88.50",
        "--notes",
        "只给志愿者看",
    ]);
    assert_eq!(ws["recovered"], "88.50");
    let ws = lib.json(&["case", "workspace", &first, "--untag", "电商"]);
    assert_eq!(ws["tags"], serde_json::json!(["急"]));
    // The caseload's filters, each over the real library; the JSON rows keep the summary's shape.
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["case", "list"];
        a.extend_from_slice(args);
        lib.json(&a)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].to_string())
            .collect()
    };
    assert_eq!(ids(&["--tag", "急"]), std::slice::from_ref(&first));
    assert_eq!(ids(&["--handled-by", "李志愿"]), std::slice::from_ref(&first));
    assert_eq!(
        ids(&["--handled-by", "李志愿", "--industry", "telecom"]),
        Vec::<String>::new()
    );
    assert_eq!(ids(&["--problem", "irrelevant_answer"]).len(), 2);
    let listed = lib.json(&["case", "list", "--sort", "deadline", "--today", "2026-09-20"]);
    assert_eq!(listed[0]["next_deadline"]["due"], "2026-09-24");
    let wrong = lib.run(&["case", "list", "--status", "won"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("unknown status"));
    let stats = lib.ok(&["stats", "--csv"]);
    assert!(stats.contains("recovered,1,88.50"), "{stats}");

    // The agent: a term that ends before it starts is refused; then the 授权委托书 and the 12315 text name them.
    let refused = lib.run(&[
        "case",
        "agent",
        &first,
        "--name",
        "李志愿",
        "--power",
        "complain",
        "--from",
        "2026-12-01",
        "--until",
        "2026-01-01",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("agent.term_until"));
    lib.ok(&[
        "case",
        "agent",
        &first,
        "--name",
        "李志愿",
        "--id-number",
        "110101199003071234",
        "--power",
        "complain",
        "--power",
        "receive_documents",
        "--until",
        "2027-06-30",
    ]);
    let poa = lib.dir().join("授权委托书.pdf");
    lib.ok(&[
        "authorisation",
        &first,
        "--out",
        poa.to_str().unwrap(),
        "--at",
        "2026-09-20T10:00:00+08:00",
    ]);
    let text = pdf_text(&poa).replace([' ', '\n'], "");
    for want in [
        "授权委托书",
        "受托人：李志愿",
        "1.代为投诉；2.签收文书。",
        "至2027年6月30日止",
        "委托人（签名）",
    ] {
        assert!(text.contains(want), "{want} missing in {text}");
    }
    let no_agent = lib.run(&[
        "authorisation",
        &second,
        "--out",
        lib.dir().join("x.pdf").to_str().unwrap(),
    ]);
    assert!(!no_agent.status.success());
    let filing = lib.ok(&["filing-text", &first]);
    assert!(filing.contains("委托代理人：李志愿"), "{filing}");

    // The public version: previewed with every mask, written without her name, phone or address.
    let preview = lib.json(&["public", &first, "--preview", "--honorific", "ms"]);
    let keys: Vec<&str> = preview["masks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect();
    for k in ["name", "phone", "address", "order_no", "agent_name"] {
        assert!(keys.contains(&k), "{k} not masked: {keys:?}");
    }
    let out = lib.dir().join("公开版.pdf");
    let txt = lib.dir().join("公开版.txt");
    lib.ok(&[
        "public",
        &first,
        "--out",
        out.to_str().unwrap(),
        "--text",
        txt.to_str().unwrap(),
        "--honorific",
        "ms",
    ]);
    let public = pdf_text(&out);
    let plain = std::fs::read_to_string(&txt).unwrap();
    for secret in [
        "王秀兰",
        "138 0013 8000",
        "世纪大道",
        "DD20260901123456",
        "李志愿",
        "只给志愿者看",
    ] {
        assert!(!public.contains(secret), "{secret} in the public PDF");
        assert!(!plain.contains(secret), "{secret} in the public text");
    }
    assert!(public.contains("王女士"));

    // A bundle carries the private notes only when asked.
    let plain_bundle = lib.dir().join("plain.wqcase");
    let with_notes = lib.dir().join("notes.wqcase");
    lib.ok(&["case", "bundle", &second, "--out", plain_bundle.to_str().unwrap()]);
    lib.ok(&[
        "case",
        "bundle",
        &second,
        "--out",
        with_notes.to_str().unwrap(),
        "--with-notes",
    ]);
    let volunteer = Lib::new();
    let a = volunteer.json(&["case", "open", plain_bundle.to_str().unwrap()])["case"].to_string();
    assert_eq!(volunteer.json(&["case", "workspace", &a])["private_notes"], Value::Null);
    let b = volunteer.json(&["case", "open", with_notes.to_str().unwrap(), "--keep-both"])["case"].to_string();
    assert_eq!(
        volunteer.json(&["case", "workspace", &b])["private_notes"],
        "只给志愿者看"
    );
}

#[test]
fn the_dossier_says_which_font_it_uses_and_fails_clearly_without_one() {
    let lib = Lib::new();
    let id = lib.json(&["case", "import", &sample()])["id"].to_string();
    let info = lib.ok(&["info"]);
    let line = info.lines().find(|l| l.starts_with("dossier font: ")).unwrap();
    assert!(line.contains("face"), "{line}");
    let pdf = lib.dir().join("d.pdf");
    lib.ok(&["dossier", &id, "--out", pdf.to_str().unwrap()]);
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let family = line["dossier font: ".len()..]
        .split(" (")
        .next()
        .unwrap()
        .replace(' ', "");
    assert!(
        String::from_utf8_lossy(&fonts.stdout)
            .to_lowercase()
            .contains(&family.to_lowercase()),
        "the font `info` names is the one embedded: {family} in {}",
        String::from_utf8_lossy(&fonts.stdout)
    );
    // A font that is not one: the font_missing error with what to do, and no file.
    let not_a_font = lib.dir().join("not-a-font.ttc");
    std::fs::write(&not_a_font, b"not a font").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_weiquan"))
        .args(["--db", lib.db.to_str().unwrap(), "--json", "dossier", &id, "--out"])
        .arg(lib.dir().join("none.pdf"))
        .env("WEIQUAN_CJK_FONT", &not_a_font)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let payload: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(payload["error"]["code"], "font_missing");
    let message = payload["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("fonts-noto-cjk") && message.contains("WEIQUAN_CJK_FONT"),
        "{message}"
    );
    assert!(!lib.dir().join("none.pdf").exists());
}

#[path = "../../core/tests/common/chat.rs"]
mod chat;

#[test]
fn transcript_prints_the_turns_of_screenshots_and_writes_nothing() {
    let lib = Lib::new();
    let font = chat::font();
    let turns = chat::sample_turns();
    let (img, drawn) = chat::render(&font, &chat::WECHAT_LIGHT, chat::Frame::PHONE, &turns[..5]);
    let png = lib.dir().join("聊天截图.png");
    std::fs::create_dir_all(lib.dir()).unwrap();
    img.save(&png).unwrap();
    let before: Vec<_> = std::fs::read_dir(lib.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let v = lib.json(&["transcript", png.to_str().unwrap()]);
    let got = v["turns"].as_array().unwrap();
    assert_eq!(got.len(), 5);
    let speakers: Vec<&str> = got.iter().map(|t| t["speaker"].as_str().unwrap()).collect();
    assert_eq!(speakers, ["system", "me", "agent", "me", "agent"]);
    assert_eq!(got[3]["text"], "具体什么时候能退？");
    assert_eq!(got[1]["time"], "2026-09-05T10:12:00+08:00");
    assert_eq!(got[1]["time_basis"], "stated");
    assert_eq!(got[2]["source"]["file"], "聊天截图.png");
    let rect: Vec<u64> = got[2]["source"]["box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let drawn_rect: Vec<u64> = drawn[2].rect.iter().map(|&n| u64::from(n)).collect();
    assert!(
        rect.iter().zip(&drawn_rect).all(|(a, b)| a.abs_diff(*b) <= 3),
        "{rect:?} vs {drawn_rect:?}"
    );
    let c = got[2]["confidence"].as_f64().unwrap();
    assert!(c > 0.5 && c <= 1.0, "{c}");
    assert!(got[2]["low_confidence"].is_array());
    // It wrote nothing: no database, no other file.
    let after: Vec<_> = std::fs::read_dir(lib.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after);
    // Text output in Chinese; a file that is not a picture is refused by name.
    let text = Lib {
        lang: "zh_CN.UTF-8",
        ..Lib::new()
    }
    .ok(&["transcript", png.to_str().unwrap()]);
    assert!(text.contains("我：具体什么时候能退？"), "{text}");
    let bad = lib.dir().join("notes.png");
    std::fs::write(&bad, "hello").unwrap();
    let out = lib.run(&["transcript", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.png"));
}
