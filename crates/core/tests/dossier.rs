//! The dossier PDF, checked with poppler's tools on real exported files.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, FixedOffset};
use common::{jpeg_with_exif, png, sample_case, temp_db};
use weiquan_core::dossier;
use weiquan_core::legal;
use weiquan_core::model::{CaseEvent, CaseId, EventKind, Interaction, ProblemKind};
use weiquan_core::store::{EvidenceMeta, Store};

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// pdftotext without the running page headers and footers, and with all white space removed, so that text wrapped
/// across lines and pages compares with the unwrapped original.
fn text_of(pdf: &Path) -> String {
    tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .lines()
        .filter(|l| !l.contains("卷宗编号 WQ-") || l.starts_with("卷宗编号"))
        // The audit anchor moves on with every export.
        .filter(|l| !l.starts_with("操作记录锚点"))
        .filter(|l| {
            let l = squash(l);
            !(l.starts_with('第') && l.contains("页/共") && l.ends_with('页'))
        })
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Footers as pdftotext prints them, white space removed.
fn footers(pdf: &Path) -> String {
    squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(pdf: &Path) -> usize {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().parse().unwrap()))
        .unwrap()
}

fn with_evidence() -> (tempfile::TempDir, Store, CaseId, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (case, _) = store.create_case(&sample_case()).unwrap();
    let ids: Vec<_> = store
        .get_case(case)
        .unwrap()
        .data
        .interactions
        .iter()
        .map(|i| i.id.unwrap())
        .collect();
    let shot = dir.path().join("chat.png");
    std::fs::write(&shot, png(900, 1600)).unwrap();
    let photo = dir.path().join("sms.jpg");
    std::fs::write(&photo, jpeg_with_exif()).unwrap();
    let meta = |d: &str, i: usize| EvidenceMeta {
        description: Some(d.into()),
        source: None,
        interactions: vec![ids[i]],
    };
    store.import_evidence(case, &shot, &meta("下单前聊天截图", 0)).unwrap();
    store.import_evidence(case, &photo, &meta("扣款短信", 1)).unwrap();
    let out = dir.path().join("out").join("dossier.pdf");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    (dir, store, case, out)
}

#[test]
fn the_dossier_has_every_section_answer_and_basis_in_its_text() {
    let (_dir, mut store, case, out) = with_evidence();
    dossier::write(&mut store, case, at(), &out).unwrap();
    let text = text_of(&out);
    for heading in [
        "消费者投诉材料",
        "一、投诉人",
        "二、被投诉人",
        "三、投诉请求",
        "四、事实与理由",
        "五、法律依据",
        "六、证据清单",
        "附件：图片证据",
        "投诉人（签名）",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    // The signature closes the text she signs, before the attached pictures; the cover leads with the parties,
    // and the integrity values are at the end of the evidence list.
    let at_ = |s: &str| text.find(s).unwrap();
    assert!(
        at_("投诉人（签名）") < at_("附件：图片证据"),
        "the signature comes before the images"
    );
    let cover = tool("pdftotext", &["-f", "1", "-l", "1", out.to_str().unwrap(), "-"]);
    assert!(
        !cover.contains("SHA-256") && !cover.contains("锚点") && !cover.contains("weiquan"),
        "{cover}"
    );
    assert!(at_("六、证据清单") < at_("证据清单SHA-256：") && at_("证据清单SHA-256：") < at_("此致"));
    let data = store.get_case(case).unwrap().data;
    for it in &data.interactions {
        let quoted = format!("客服答：“{}”", it.answer.as_deref().unwrap());
        assert!(text.contains(&squash(&quoted)), "answer missing: {quoted}");
    }
    let review = legal::review(&data, at().date_naive());
    let kept: Vec<_> = review.suggestions.bases.iter().filter(|b| b.included).collect();
    assert!(kept.len() > 8, "{}", kept.len());
    assert!(
        kept.iter().all(|b| b.strength == legal::Strength::Core),
        "by default only core bases"
    );
    for b in kept {
        let want = squash(&b.text);
        if !text.contains(&want) {
            let n = (1..=want.chars().count())
                .take_while(|&k| text.contains(&want.chars().take(k).collect::<String>()))
                .last()
                .unwrap_or(0);
            panic!(
                "basis text missing: {} {}: matches up to {:?}",
                b.law,
                b.label,
                want.chars().take(n + 3).collect::<String>()
            );
        }
    }
    for item in store.list_evidence(case).unwrap() {
        // Table cells are read line by line across the row, so a wrapped hash is interleaved with its neighbours:
        // its first group must be there as printed, and the whole hash in order.
        assert!(
            text.contains(&item.sha256[..16]),
            "the evidence list shows each SHA-256"
        );
        let mut rest = text.chars();
        assert!(
            item.sha256.chars().all(|c| rest.any(|t| t == c)),
            "the whole SHA-256, in order"
        );
    }
    assert!(text.contains("自导入起未被改动（SHA-256校验）"));
    assert!(!text.contains("已认证") && !text.contains("已公证"));
    assert!(
        text.contains("计算：您要求退还1299.00元（依据《消费者权益保护法》第二十四条）"),
        "the working of a demand is shown, cited to the basis that fits a quality defect"
    );
    let manifest = dossier::manifest(&store.list_evidence(case).unwrap());
    assert!(
        text.contains(&dossier::manifest_sha256(&manifest)),
        "the cover pins the evidence manifest"
    );
    assert_eq!(manifest[0].file_name, "证据01-下单前聊天截图.png");
    let log = store.audit_log(Some(case)).unwrap();
    assert_eq!(log.last().unwrap().action, "case_exported");
}

#[test]
fn what_happened_after_filing_is_in_the_facts_with_its_notice() {
    let (_dir, mut store, case, out) = with_evidence();
    let sha = store.list_evidence(case).unwrap()[1].sha256.clone();
    store
        .add_event(
            case,
            CaseEvent {
                kind: EventKind::Filed,
                date: "2026-09-28".parse().unwrap(),
                channel: None,
                reference: Some("1234567890".into()),
                note: None,
                evidence: Some(sha),
            },
        )
        .unwrap();
    dossier::write(&mut store, case, at(), &out).unwrap();
    let text = text_of(&out);
    assert!(text.contains("投诉处理经过"), "{text}");
    assert!(
        text.contains(&squash(
            "2026年9月28日，已提交投诉，渠道：全国12315平台（市场监督管理部门），登记编号1234567890（证据2）。"
        )),
        "{text}"
    );
}

#[test]
fn the_font_is_an_embedded_subset_and_the_images_are_there() {
    let (_dir, mut store, case, out) = with_evidence();
    dossier::write(&mut store, case, at(), &out).unwrap();
    let fonts = tool("pdffonts", &[out.to_str().unwrap()]);
    let row = fonts.lines().nth(2).expect("one font row");
    let cols: Vec<_> = row.split_whitespace().collect();
    assert!(
        cols[0].contains('+') && cols[0].split('+').next().unwrap().len() == 6,
        "subset tag: {row}"
    );
    assert_eq!(
        &cols[cols.len() - 5..cols.len() - 2],
        ["yes", "yes", "yes"],
        "emb sub uni: {row}"
    );
    assert_eq!(fonts.lines().count(), 3, "one font only: {fonts}");
    assert!(
        std::fs::metadata(&out).unwrap().len() < 1_500_000,
        "a subset keeps the dossier small"
    );

    let images = tool("pdfimages", &["-list", out.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = images.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows.len(), 2, "{images}");
    assert_eq!(
        (rows[0][3], rows[0][4], rows[0][8]),
        ("900", "1600", "image"),
        "the PNG, lossless"
    );
    assert_eq!(
        (rows[1][3], rows[1][4], rows[1][8]),
        ("64", "48", "jpeg"),
        "the JPEG passed through"
    );
}

#[test]
fn page_numbers_are_right_and_output_is_deterministic() {
    let (_dir, mut store, case, out) = with_evidence();
    dossier::write(&mut store, case, at(), &out).unwrap();
    let n = pages(&out);
    let text = footers(&out);
    for p in 1..=n {
        assert!(text.contains(&format!("第{p}页/共{n}页")), "footer of page {p}");
    }
    assert!(!text.contains(&format!("第{}页", n + 1)));
    // Rendered twice at the same state of the library (the export above added an audit record, so the written
    // file's cover carries the anchor before it).
    let first = dossier::render(&store, case, at()).unwrap();
    let again = dossier::render(&store, case, at()).unwrap();
    let diff = first.iter().zip(&again).position(|(a, b)| a != b);
    assert!(
        first == again,
        "same case, same time: same bytes (first difference at {diff:?}, lengths {} {})",
        first.len(),
        again.len()
    );
    let later = dossier::render(&store, case, at() + Duration::days(1)).unwrap();
    assert_ne!(later, again);

    let doc = lopdf::Document::load_mem(&again).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let count = outlines.get(b"Count").unwrap().as_i64().unwrap();
    assert_eq!(
        count, 8,
        "a bookmark for the cover, the six sections and the attachments"
    );
}

#[test]
fn a_failed_export_leaves_no_file_behind() {
    let (dir, mut store, case, _) = with_evidence();
    let target = dir.path().join("is-a-folder.pdf");
    std::fs::create_dir(&target).unwrap();
    assert!(dossier::write(&mut store, case, at(), &target).is_err());
    let missing = dir.path().join("no-such-dir").join("d.pdf");
    assert!(dossier::write(&mut store, case, at(), &missing).is_err());
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(stray.is_empty(), "no temp file left: {stray:?}");
}

#[test]
fn a_300_interaction_case_breaks_cleanly_and_the_table_header_repeats() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut data = sample_case();
    let base = data.interactions[0].clone();
    data.interactions = (0..300)
        .map(|i| Interaction {
            id: None,
            occurred_at: base.occurred_at + Duration::hours(i),
            answer: Some(format!(
                "第{i}次回复：亲，您的问题我们已经记录，请耐心等待，祝您生活愉快~"
            )),
            problems: vec![ProblemKind::IrrelevantAnswer],
            ..base.clone()
        })
        .collect();
    let (case, _) = store.create_case(&data).unwrap();
    for i in 0..60 {
        let f = dir.path().join(format!("s{i}.png"));
        std::fs::write(&f, png(40 + i, 30)).unwrap();
        store.import_evidence(case, &f, &EvidenceMeta::default()).unwrap();
    }
    let out = dir.path().join("big.pdf");
    dossier::write(&mut store, case, at(), &out).unwrap();
    let n = pages(&out);
    assert!(n > 20, "{n} pages");
    let text = text_of(&out);
    let all = footers(&out);
    for i in [0, 150, 299] {
        assert!(
            text.contains(&format!(
                "第{i}次回复：亲，您的问题我们已经记录，请耐心等待，祝您生活愉快~"
            )),
            "answer {i}"
        );
    }
    assert!(all.contains(&format!("第{n}页/共{n}页")));
    let per_page: Vec<String> = (1..=n)
        .map(|p| {
            squash(&tool(
                "pdftotext",
                &["-f", &p.to_string(), "-l", &p.to_string(), out.to_str().unwrap(), "-"],
            ))
        })
        .collect();
    let table_pages: Vec<_> = per_page
        .iter()
        .filter(|t| t.contains("证据1") || t.contains("证据60"))
        .collect();
    assert!(table_pages.len() >= 2, "60 exhibits span pages");
    let list_pages = per_page
        .iter()
        .filter(|t| t.contains("文件自述时间") && t.contains("证明的事实"))
        .count();
    assert!(
        list_pages >= 2,
        "the table header is repeated on every page of the list ({list_pages})"
    );
}

#[test]
fn filing_text_blocks_count_characters_and_shorten_without_cutting_sentences() {
    use std::collections::BTreeMap;
    use weiquan_core::dossier::{filing_text, BlockKind};
    let case = sample_case();
    let today = at().date_naive();
    let blocks = filing_text(&case, &BTreeMap::new(), today);
    let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Respondent,
            BlockKind::Consumer,
            BlockKind::Purchase,
            BlockKind::Content,
            BlockKind::Demands,
            BlockKind::Report
        ]
    );
    for b in &blocks {
        assert_eq!(
            b.chars,
            b.text.chars().count(),
            "{:?} counts characters, not bytes",
            b.kind
        );
    }
    let content = &blocks[3].text;
    let first = content.find("2026年9月5日").unwrap();
    let second = content.find("2026年9月8日").unwrap();
    assert!(first < second, "facts in time order");
    assert!(
        content.contains("客服答：“亲，建议您重启一下机器哦，祝您生活愉快~”"),
        "the agent's words"
    );
    assert!(blocks[0].text.contains("91330106MA2CFXXX1R"));
    assert!(blocks[4].text.starts_with("1. 退款1299.00元"));
    assert!(
        blocks[5].text.contains("第八条"),
        "a demand confirmed unperformed past its fifteen days is reported"
    );
    assert!(
        !blocks[5].text.contains("第五十六条第一款第（六）项") && !blocks[5].text.contains("虚假或者引人误解"),
        "a false promise made after the purchase is not reported as misleading promotion"
    );
    assert!(content.contains("截至2026年9月25日，被投诉人仍未履行"), "{content}");

    let full = blocks[3].chars;
    let limits = BTreeMap::from([(BlockKind::Content, full - 10)]);
    let short = &filing_text(&case, &limits, today)[3];
    assert!(short.shortened && !short.over_limit && short.chars <= full - 10);
    assert!(!short.text.contains("连续三次追问"), "notes go first");
    assert!(
        short.text.contains("2026年9月5日") && short.text.contains("2026年9月8日"),
        "every fact is kept while possible"
    );

    let tiny = BTreeMap::from([(BlockKind::Content, 150)]);
    let t = &filing_text(&case, &tiny, today)[3];
    assert!(t.chars <= 150 && t.shortened);
    assert!(
        t.text.contains("详见投诉卷宗"),
        "what does not fit points to the dossier"
    );
    assert_eq!(
        t.text.matches('“').count(),
        t.text.matches('”').count(),
        "no quote is cut open"
    );
    assert!(t.text.ends_with('。'));

    let mut evasive = sample_case();
    evasive.interactions.truncate(1);
    evasive.demands[0].unperformed_confirmed_on = None;
    let blocks = filing_text(&evasive, &BTreeMap::new(), today);
    assert!(
        blocks.iter().all(|b| b.kind != BlockKind::Report),
        "nothing to report for an evasive answer alone"
    );
}

#[test]
fn the_evidence_package_holds_originals_a_checkable_manifest_and_marked_copies() {
    let (dir, mut store, case, _) = with_evidence();
    let out = dir.path().join("package.zip");
    let report = dossier::package(&mut store, case, at(), &out, Some(20)).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(report.bytes, bytes.len() as u64);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_owned())
        .collect();
    assert_eq!(names, report.files);
    assert_eq!(
        names,
        [
            "投诉材料.pdf",
            "证据清单.json",
            "证据清单.csv",
            "证据/证据01-下单前聊天截图.png",
            "证据/上传用压缩副本/证据01-下单前聊天截图（压缩副本，非原件）.jpg",
            "证据/证据02-扣款短信.jpg",
        ],
        "each reduced copy right after its original; the small JPEG needs none"
    );

    let extracted = dir.path().join("unzipped");
    zip.extract(&extracted).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(extracted.join("证据清单.json")).unwrap()).unwrap();
    for e in manifest.as_array().unwrap() {
        let f = extracted.join("证据").join(e["file_name"].as_str().unwrap());
        assert_eq!(
            common::sha256sum(&f),
            e["sha256"].as_str().unwrap(),
            "a recipient can check {}",
            f.display()
        );
        assert_eq!(std::fs::metadata(&f).unwrap().len(), e["size"].as_u64().unwrap());
    }
    let copy = std::fs::read_dir(extracted.join("证据/上传用压缩副本"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        std::fs::metadata(&copy).unwrap().len() <= 20 * 1024,
        "the copy is under the size asked for"
    );
    let csv = std::fs::read_to_string(extracted.join("证据清单.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}\"编号\",\"文件名\",\"说明\""), "{csv}");
    assert_eq!(csv.lines().count(), 3);
    assert_eq!(
        text_of(&extracted.join("投诉材料.pdf")),
        text_of(&{
            let p = dir.path().join("again.pdf");
            std::fs::write(&p, dossier::render(&store, case, at()).unwrap()).unwrap();
            p
        })
    );

    // Same case, same time: the same package, but for the audit anchor on the dossier's cover (the first package
    // was itself recorded in the log, so the second one's cover names a later record).
    let again = dir.path().join("again.zip");
    dossier::package(&mut store, case, at(), &again, Some(20)).unwrap();
    let entries = |zip: &Path| {
        let mut z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
        (0..z.len())
            .map(|i| {
                let mut e = z.by_index(i).unwrap();
                let mut b = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut b).unwrap();
                (e.name().to_owned(), b)
            })
            .collect::<Vec<_>>()
    };
    let first = dir.path().join("first.zip");
    std::fs::write(&first, &bytes).unwrap();
    let (a, b) = (entries(&first), entries(&again));
    assert_eq!(a.len(), b.len());
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        if name_a == "投诉材料.pdf" {
            assert_ne!(bytes_a, bytes_b, "the cover names the newer audit record");
        } else {
            assert_eq!(bytes_a, bytes_b, "{name_a} is the same");
        }
    }
}

#[test]
fn the_dossier_states_versions_without_the_apps_provenance_notes() {
    use weiquan_core::dossier::version_for_readers;
    let v = "原国家工商行政管理总局令第73号（2015-01-05公布）；LawRefBook文本已使用“市场监督管理部门/国家市场监督管理总局”表述，应为2020年修订后的现行文本（修订令号与日期未在来源中核实）";
    assert_eq!(
        version_for_readers(v),
        "原国家工商行政管理总局令第73号（2015-01-05公布）"
    );
    let plain = "国务院令第292号（2000-09-25公布）；2011-01-08第一次修订";
    assert_eq!(version_for_readers(plain), plain);
    // And in a real dossier: no source names or checking notes reach the regulator.
    let (_dir, mut store, case, out) = with_evidence();
    dossier::write(&mut store, case, at(), &out).unwrap();
    let text = text_of(&out);
    assert!(
        text.contains("《侵害消费者权益行为处罚办法》（原国家工商行政管理总局令第73号"),
        "{text}"
    );
    assert!(
        !text.contains("LawRefBook") && !text.contains("未在来源中核实"),
        "{text}"
    );
}

#[test]
fn the_12315_narrative_keeps_quotes_clean_and_never_doubles_a_full_stop() {
    use std::collections::BTreeMap;
    use weiquan_core::dossier::{filing_text, BlockKind};
    let mut case = sample_case();
    for it in &mut case.interactions {
        it.note = Some("客服没有留下工号。".into());
    }
    let blocks = filing_text(
        &case,
        &BTreeMap::new(),
        chrono::NaiveDate::from_ymd_opt(2026, 9, 25).unwrap(),
    );
    let content = &blocks.iter().find(|b| b.kind == BlockKind::Content).unwrap().text;
    assert!(!content.contains("。。"), "{content}");
    assert!(
        !content.contains("。”。") && content.contains("24小时内一定退款。”存在的问题"),
        "a quote that ends its sentence ends the fact: {content}"
    );
    assert!(!content.contains("（答非所问"), "no label glued to a quote: {content}");
    assert!(content.contains("存在的问题：答非所问/推诿。"), "{content}");
}

#[test]
fn a_shortened_12315_narrative_keeps_the_demand_the_onset_the_police_report_and_the_broken_promise_first() {
    use std::collections::BTreeMap;
    use weiquan_core::dossier::{filing_text, BlockKind};
    use weiquan_core::model::{EventKind, ProblemKind};
    let mut case = sample_case();
    let template = case.interactions[0].clone();
    // Eight routine contacts after the first, then the one with the broken promise last.
    let mut later = Vec::new();
    for day in 0..8 {
        let mut it = template.clone();
        it.occurred_at = chrono::DateTime::parse_from_rfc3339(&format!("2026-09-1{day}T10:00:00+08:00")).unwrap();
        it.question = Some(format!("第{day}次询问进度，请尽快处理。"));
        it.answer = Some("请耐心等待，正在加急处理中。".into());
        it.problems = vec![ProblemKind::IrrelevantAnswer];
        it.note = None;
        later.push(it);
    }
    let mut promise = case.interactions[1].clone();
    promise.occurred_at = chrono::DateTime::parse_from_rfc3339("2026-09-20T09:00:00+08:00").unwrap();
    promise.answer = Some("明天一定给您退款。".into());
    promise.problems = vec![ProblemKind::FalseInformation];
    case.interactions.truncate(1);
    case.interactions.extend(later);
    case.interactions.push(promise);
    case.events.push(weiquan_core::model::CaseEvent {
        kind: EventKind::PoliceReport,
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 21).unwrap(),
        channel: Some("police".into()),
        reference: Some("R-1".into()),
        note: None,
        evidence: None,
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 9, 25).unwrap();
    let limits: BTreeMap<_, _> = [(BlockKind::Content, 420)].into();
    let blocks = filing_text(&case, &limits, today);
    let b = blocks.iter().find(|b| b.kind == BlockKind::Content).unwrap();
    assert!(
        b.shortened && !b.over_limit && b.chars <= 420,
        "{} chars: {}",
        b.chars,
        b.text
    );
    assert!(b.text.contains("机器第三天就无法充电"), "the onset: {}", b.text);
    assert!(b.text.contains("明天一定给您退款"), "the broken promise: {}", b.text);
    assert!(
        b.text.contains("向公安机关报警（回执编号R-1）"),
        "the police report: {}",
        b.text
    );
    assert!(b.text.contains("提出退款要求"), "the demand: {}", b.text);
    assert!(b.text.contains("次沟通未在此列出，详见投诉卷宗。"), "{}", b.text);
    assert!(!b.text.contains("第7次询问"), "routine contacts go first: {}", b.text);
    // Kept facts stay in time order: the onset before the promise.
    assert!(b.text.find("机器第三天").unwrap() < b.text.find("明天一定").unwrap());
}

#[test]
fn the_12315_limits_she_sets_are_remembered_by_the_library_and_a_bad_stored_value_is_ignored() {
    use std::collections::BTreeMap;
    use weiquan_core::dossier::{remember_limits, remembered_limits, BlockKind};
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    assert!(remembered_limits(&store).unwrap().is_empty(), "none by default");
    let set: BTreeMap<_, _> = [(BlockKind::Content, 500), (BlockKind::Demands, 200)].into();
    remember_limits(&mut store, &set).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        remembered_limits(&store).unwrap(),
        set,
        "kept across opening the library again"
    );
    let too_big: BTreeMap<_, _> = [(BlockKind::Content, 10_000_000)].into();
    assert!(matches!(
        remember_limits(&mut store, &too_big),
        Err(weiquan_core::Error::Invalid(_))
    ));
    assert_eq!(
        remembered_limits(&store).unwrap(),
        set,
        "a refused value changes nothing"
    );
    // A value edited by hand: only the entries that make sense are used.
    store
        .set_preference(
            "filing_text_limits",
            Some(r#"{"content": 300, "nonsense": 5, "demands": -1, "report": 1e30, "purchase": "x"}"#),
        )
        .unwrap();
    assert_eq!(remembered_limits(&store).unwrap(), [(BlockKind::Content, 300)].into());
    store.set_preference("filing_text_limits", Some("not json")).unwrap();
    assert!(remembered_limits(&store).unwrap().is_empty());
    remember_limits(&mut store, &BTreeMap::new()).unwrap();
    assert_eq!(
        store.preference("filing_text_limits").unwrap(),
        None,
        "an empty set forgets"
    );
}
