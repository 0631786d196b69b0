//! The hand-off bundle (`.wqcase`): one file a consumer can send a volunteer by WeChat or e-mail, and back. A ZIP of
//! the case document (with its `case_uid`), every evidence original, the case's audit records with their hashes, and
//! `manifest.json` listing each file's size, SHA-256 and SM3 and the app version. Both sides read the same
//! verification code, derived from the manifest, so they can tell over the phone that the files are the ones sent.
//!
//! Opening one treats it as hostile: a regular file of bounded size, bounded entries, every entry listed in the
//! manifest and nothing else, every size and hash checked, the document validated, each audit record's hash
//! recomputed and the records in order; the first broken item is named and nothing is written unless all of it
//! holds (the case then goes in through [`Store::import_document`], whole or not at all).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime as ZipTime, ZipArchive, ZipWriter};

use super::evidence::Incoming;
use super::Store;
use crate::fsutil::hex;
use crate::model::{CaseData, CaseId};
use crate::{Error, Problem, Result};

/// The bundle format this version writes and reads.
pub const BUNDLE_FORMAT: &str = "weiquan.bundle/1";
/// The largest bundle opened: evidence originals are capped one by one, and a case holds a bounded number of them.
pub const MAX_BUNDLE_BYTES: u64 = 8 * 1024 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
const MANIFEST: &str = "manifest.json";
const DOCUMENT: &str = "case.json";
const AUDIT: &str = "audit.json";
/// The library's private notes on the case, only when the sender chose to include them.
const NOTES: &str = "private-notes.txt";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    path: String,
    size: u64,
    sha256: String,
    sm3: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: String,
    app_version: String,
    case_uid: Option<String>,
    files: Vec<ManifestFile>,
}

/// One audit record as a bundle carries it: enough to recompute its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleRecord {
    seq: i64,
    at: String,
    case_id: Option<i64>,
    action: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

/// What writing a bundle made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BundleReport {
    pub path: String,
    pub bytes: u64,
    /// 25 digits in five groups, from the manifest: the same on both sides.
    pub code: String,
    pub files: Vec<String>,
}

/// What opening a bundle did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct OpenedBundle {
    /// The bundle file, as given (to open it again with the user's choice).
    pub bundle: String,
    /// The case it went into: a new one, or the one it updated (0 when nothing was written: see `same_case`).
    pub case: CaseId,
    pub code: String,
    /// Whether an existing case was updated (rather than a new one made).
    pub updated: bool,
    /// Other cases of this library that are the same case (same `case_uid`), with how the bundle differs from each.
    pub same_case: Vec<SameCase>,
    pub warnings: Vec<Problem>,
}

/// A case already here that the bundle is another version of, and how they differ: the user decides to update it
/// or keep both; nothing is merged silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SameCase {
    pub case: CaseId,
    /// The case here and the bundle's, side by side: whose and against whom, so nobody updates the wrong case.
    pub here: CaseFace,
    pub bundle: CaseFace,
    pub differences: Differences,
}

/// What tells two cases apart at a glance: the title, the consumer and the company (or shop).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CaseFace {
    pub title: String,
    pub complainant: Option<String>,
    pub respondent: Option<String>,
}

impl CaseFace {
    fn of(c: &CaseData) -> Self {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        CaseFace {
            title: c.title.clone(),
            complainant: text(&c.complainant.name),
            respondent: text(&c.respondent.name).or_else(|| text(&c.respondent.shop)),
        }
    }
}

/// Differences between a stored case and a bundle's version, each item described as the user knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Differences {
    pub interactions_added: Vec<String>,
    pub interactions_removed: Vec<String>,
    pub interactions_changed: Vec<String>,
    pub demands_added: Vec<String>,
    pub demands_removed: Vec<String>,
    pub evidence_added: Vec<String>,
    pub evidence_removed: Vec<String>,
    /// The title, parties, purchase, facts, events or chosen bases differ.
    pub details_changed: bool,
}

impl Differences {
    pub fn is_empty(&self) -> bool {
        *self == Differences::default()
    }
}

/// What to do when the bundle's case is already in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "case", rename_all = "snake_case")]
pub enum SameCaseChoice {
    /// Say what differs and write nothing (the caller asks the user).
    Ask,
    /// Keep the case here and add the bundle's as another.
    KeepBoth,
    /// Make this case what the bundle says: its facts, contacts and demands replaced, evidence it lacks added.
    Update(CaseId),
}

fn contact_label(it: &crate::model::Interaction) -> String {
    format!("{} {}", it.occurred_at.format("%Y-%m-%d %H:%M"), it.channel.label_zh())
}

fn demand_label(d: &crate::model::Demand) -> String {
    match d.amount {
        Some(a) => format!("{} ¥{a}", d.kind.label_zh()),
        None => d.kind.label_zh().to_owned(),
    }
}

/// How `theirs` (a bundle's case and its files as SHA-256 and name) differs from `ours`.
fn differences(
    ours: &crate::model::CaseData,
    our_files: &[super::EvidenceItem],
    theirs: &crate::model::CaseData,
    their_files: &[(String, String)],
) -> Differences {
    let key = |it: &crate::model::Interaction| (it.occurred_at, it.channel);
    let mut d = Differences::default();
    for t in &theirs.interactions {
        match ours.interactions.iter().find(|o| key(o) == key(t)) {
            None => d.interactions_added.push(contact_label(t)),
            Some(o) => {
                let mut a = o.clone();
                a.id = None;
                if a != *t {
                    d.interactions_changed.push(contact_label(t));
                }
            }
        }
    }
    for o in &ours.interactions {
        if !theirs.interactions.iter().any(|t| key(t) == key(o)) {
            d.interactions_removed.push(contact_label(o));
        }
    }
    let plain = |x: &crate::model::Demand| {
        let mut y = x.clone();
        y.id = None;
        y
    };
    for t in &theirs.demands {
        if !ours.demands.iter().any(|o| plain(o) == *t) {
            d.demands_added.push(demand_label(t));
        }
    }
    for o in &ours.demands {
        if !theirs.demands.iter().any(|t| plain(o) == *t) {
            d.demands_removed.push(demand_label(o));
        }
    }
    for (sha, name) in their_files {
        if !our_files.iter().any(|f| &f.sha256 == sha) {
            d.evidence_added.push(name.clone());
        }
    }
    for f in our_files {
        if !their_files.iter().any(|(sha, _)| sha == &f.sha256) {
            d.evidence_removed.push(f.original_name.clone());
        }
    }
    let details = |c: &crate::model::CaseData| {
        let c = c.without_ids();
        (
            crate::model::CaseDetails::of(&c),
            c.events.clone(),
            c.excluded_bases.clone(),
            c.included_bases.clone(),
        )
    };
    d.details_changed = details(ours) != details(theirs);
    d
}

/// The verification code of a manifest: the first 128 bits of its SHA-256 reduced to 25 decimal digits (about 83
/// bits: finding two bundles with the same code takes some 2^41 tries, not the 2^27 that 16 digits allowed), in five
/// groups of five for reading aloud. The same manifest always gives the same code.
pub fn verification_code(manifest: &[u8]) -> String {
    let digest = Sha256::digest(manifest);
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    let n = u128::from_be_bytes(first) % 10u128.pow(25);
    let digits = format!("{n:025}");
    digits
        .as_bytes()
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn sm3_hex(bytes: &[u8]) -> String {
    hex(&sm3::Digest::finalize(<sm3::Sm3 as sm3::Digest>::new_with_prefix(
        bytes,
    )))
}

fn listed(path: &str, bytes: &[u8]) -> ManifestFile {
    ManifestFile {
        path: path.to_owned(),
        size: bytes.len() as u64,
        sha256: hex(&Sha256::digest(bytes)),
        sm3: sm3_hex(bytes),
    }
}

fn bad(bundle: &Path, what: impl Into<String>) -> Error {
    Error::invalid(bundle.display().to_string(), what.into())
}

impl Store {
    /// Writes the case as a `.wqcase` bundle at `out` (through a temp file renamed when complete). The same case gives
    /// the same bytes: entries in a fixed order with a fixed time, the document and records as stored.
    /// The private notes of the case's workspace go in only with `with_private_notes`.
    pub fn write_bundle(&self, case: CaseId, out: &Path, with_private_notes: bool) -> Result<BundleReport> {
        self.check_export_target(out)?;
        let c = self.get_case(case)?;
        let notes = if with_private_notes {
            self.workspace(case)?.private_notes
        } else {
            None
        };
        let items = self.list_evidence(case)?;
        // Each original in a folder of its own number, under its own (made safe) name, so the name survives the trip.
        let names: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(n, it)| format!("{:02}/{}", n + 1, crate::fsutil::safe_file_name(&it.original_name, 200)))
            .collect();
        let refs = super::exchange::references(&c.data, &items, &names, "evidence");
        let document = crate::exchange::to_string_with_uid(&c.data, &refs, c.uid.as_deref())?;
        let records: Vec<BundleRecord> = {
            let mut st = self.conn.prepare(
                "SELECT seq, at, case_id, action, detail, prev_hash, hash FROM audit_log WHERE case_id = ?1
                  ORDER BY seq",
            )?;
            let rows = st.query_map([case.0], |r| {
                Ok(BundleRecord {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    case_id: r.get(2)?,
                    action: r.get(3)?,
                    detail: r.get(4)?,
                    prev_hash: r.get(5)?,
                    hash: r.get(6)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let audit =
            serde_json::to_string_pretty(&records).map_err(|e| Error::serialize("the audit records", e))? + "\n";
        let mut files = vec![listed(DOCUMENT, document.as_bytes()), listed(AUDIT, audit.as_bytes())];
        if let Some(n) = &notes {
            files.push(listed(NOTES, n.as_bytes()));
        }
        for (it, name) in items.iter().zip(&names) {
            files.push(ManifestFile {
                path: format!("evidence/{name}"),
                size: it.size,
                sha256: it.sha256.clone(),
                sm3: it.sm3.clone(),
            });
        }
        let manifest = Manifest {
            format: BUNDLE_FORMAT.into(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            case_uid: c.uid.clone(),
            files,
        };
        let manifest_text =
            serde_json::to_string_pretty(&manifest).map_err(|e| Error::serialize("the manifest", e))? + "\n";
        let code = verification_code(manifest_text.as_bytes());

        let tmp = crate::fsutil::temp_beside(out)?;
        let zerr = |e: zip::result::ZipError| Error::io("write the bundle", out, std::io::Error::other(e));
        let werr = |e: std::io::Error| Error::io("write the bundle", out, e);
        let result = (|| -> Result<u64> {
            let file = File::create(&tmp).map_err(|e| Error::io("write", &tmp, e))?;
            let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
            let text = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .last_modified_time(ZipTime::default());
            let stored = text.compression_method(CompressionMethod::Stored);
            for (name, body) in [
                (MANIFEST, manifest_text.as_bytes()),
                (DOCUMENT, document.as_bytes()),
                (AUDIT, audit.as_bytes()),
                (NOTES, notes.as_deref().unwrap_or_default().as_bytes()),
            ] {
                if name == NOTES && notes.is_none() {
                    continue;
                }
                zip.start_file(name, text).map_err(zerr)?;
                zip.write_all(body).map_err(werr)?;
            }
            let vault = self.vault();
            for (it, name) in items.iter().zip(&names) {
                let path = vault.object_path(&it.sha256)?;
                let mut original = File::open(&path).map_err(|e| Error::io("read", &path, e))?;
                zip.start_file(format!("evidence/{name}"), stored).map_err(zerr)?;
                std::io::copy(&mut original, &mut zip).map_err(werr)?;
            }
            let file = zip
                .finish()
                .map_err(zerr)?
                .into_inner()
                .map_err(|e| werr(e.into_error()))?;
            file.sync_all().map_err(werr)?;
            let bytes = file.metadata().map_err(werr)?.len();
            std::fs::rename(&tmp, out).map_err(werr)?;
            Ok(bytes)
        })();
        let bytes = result.inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
        Ok(BundleReport {
            path: out.display().to_string(),
            bytes,
            code,
            files: manifest.files.iter().map(|f| f.path.clone()).collect(),
        })
    }

    /// Checks a bundle (see the module) and only then writes anything. A case not here goes in as a new case. When
    /// the same case is already here, `choice` decides: [`SameCaseChoice::Ask`] writes nothing and returns what
    /// differs (the case id is then 0), `KeepBoth` adds the bundle's as another case, `Update` makes the named case
    /// what the bundle says. Returns the verification code to compare with the sender's.
    pub fn open_bundle(&mut self, bundle: &Path, choice: SameCaseChoice) -> Result<OpenedBundle> {
        let Checked {
            doc,
            code,
            files: their_files,
            entries,
            notes,
        } = check_bundle(bundle)?;
        let same: Vec<CaseId> = match doc.case_uid.as_deref() {
            Some(uid) => {
                let mut st = self.conn.prepare("SELECT id FROM cases WHERE uid = ?1 ORDER BY id")?;
                let v = st
                    .query_map(params![uid], |r| r.get(0).map(CaseId))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                v
            }
            None => Vec::new(),
        };
        let mut same_case = Vec::new();
        for id in &same {
            let ours = self.get_case(*id)?;
            let files = self.list_evidence(*id)?;
            same_case.push(SameCase {
                case: *id,
                here: CaseFace::of(&ours.data),
                bundle: CaseFace::of(&doc.case),
                differences: differences(&ours.data, &files, &doc.case, &their_files),
            });
        }
        let mut opened = OpenedBundle {
            bundle: bundle.display().to_string(),
            case: CaseId(0),
            code: code.clone(),
            updated: false,
            same_case,
            warnings: Vec::new(),
        };
        match choice {
            SameCaseChoice::Ask if !same.is_empty() => Ok(opened),
            SameCaseChoice::Update(target) => {
                if !same.contains(&target) {
                    let here: Vec<String> = same.iter().map(|c| c.to_string()).collect();
                    return Err(Error::invalid(
                        "update",
                        if here.is_empty() {
                            format!("case {target} is not this bundle's case, and the library does not hold it")
                        } else {
                            format!(
                                "case {target} is not this bundle's case; it is case {}",
                                here.join(", ")
                            )
                        },
                    ));
                }
                self.check_writes(Some(target), &doc, &entries)?;
                let ws = self.with_notes(Some(target), notes.as_deref())?;
                let have = self.list_evidence(target)?;
                let incoming = self.stream_evidence(bundle, &entries, |sha| have.iter().any(|e| e.sha256 == sha))?;
                opened.warnings = self
                    .update_from_bundle(target, &doc, &incoming)
                    .inspect_err(|_| self.forget_new_objects(&incoming))?;
                if let Some(ws) = ws {
                    self.set_workspace(target, ws)?;
                }
                self.record_export(
                    target,
                    &format!("updated from bundle {} (verification code {code})", bundle.display()),
                )?;
                opened.case = target;
                opened.updated = true;
                opened.same_case.retain(|s| s.case != target);
                Ok(opened)
            }
            _ => {
                self.check_writes(None, &doc, &entries)?;
                let ws = self.with_notes(None, notes.as_deref())?;
                let incoming = self.stream_evidence(bundle, &entries, |_| false)?;
                let files: Vec<Incoming> = incoming.iter().flatten().map(|(_, i)| i.clone()).collect();
                let (id, warnings) = self
                    .import_document_from(&doc, &files)
                    .inspect_err(|_| self.forget_new_objects(&incoming))?;
                if let Some(ws) = ws {
                    self.set_workspace(id, ws)?;
                }
                self.record_export(
                    id,
                    &format!("opened from bundle {} (verification code {code})", bundle.display()),
                )?;
                opened.case = id;
                opened.warnings = warnings;
                Ok(opened)
            }
        }
    }

    /// The workspace `case` will have with the private notes a bundle brought (`None` for a new case): kept as the
    /// case's notes, or added below the notes it has (nothing of the volunteer's own is overwritten). Checked, so
    /// notes that cannot be kept refuse the bundle before anything is written.
    fn with_notes(&self, case: Option<CaseId>, notes: Option<&str>) -> Result<Option<super::Workspace>> {
        let Some(notes) = notes.filter(|n| !n.trim().is_empty()) else {
            return Ok(None);
        };
        let mut ws = match case {
            Some(c) => self.workspace(c)?,
            None => super::Workspace::default(),
        };
        ws.private_notes = match ws.private_notes.take() {
            Some(mine) if mine.contains(notes.trim()) => Some(mine),
            Some(mine) => {
                let merged = format!("{mine}\n\n—— 随卷宗收到的备注 ——\n{notes}");
                if merged.chars().count() > super::caseload::MAX_NOTES_CHARS
                    && notes.chars().count() <= super::caseload::MAX_NOTES_CHARS
                {
                    return Err(Error::invalid(
                        "private_notes",
                        format!(
                            "the notes that came with the bundle ({} characters) and this case's own notes ({}) \
                             together exceed {} characters: shorten this case's notes first, then open the bundle again",
                            notes.chars().count(),
                            mine.chars().count(),
                            super::caseload::MAX_NOTES_CHARS
                        ),
                    ));
                }
                Some(merged)
            }
            None => Some(notes.to_owned()),
        };
        Ok(Some(ws.checked()?))
    }

    /// Every check the writes of an open would make, made before any of them: the case as it will be saved, each
    /// evidence file the vault will take, the notes. A refused bundle leaves the library as it was.
    fn check_writes(&self, target: Option<CaseId>, doc: &crate::exchange::Document, entries: &[Entry]) -> Result<()> {
        if let Some(t) = target {
            crate::validate::validate(&matched(&self.get_case(t)?.data, &doc.case))?;
        }
        let have: Vec<String> = match target {
            Some(t) => self.list_evidence(t)?.into_iter().map(|e| e.sha256).collect(),
            None => Vec::new(),
        };
        let vault = self.vault();
        let mut new_bytes = 0u64;
        for (i, e) in entries.iter().enumerate() {
            if have.contains(&e.sha256) {
                continue;
            }
            if e.size == 0 {
                return Err(Error::invalid(
                    format!("evidence[{i}]"),
                    format!("{:?} is empty (0 bytes): there is nothing to keep", e.path),
                ));
            }
            if !vault.object_path(&e.sha256)?.exists() {
                new_bytes = new_bytes.saturating_add(e.size);
            }
        }
        crate::fsutil::ensure_space(self.path(), new_bytes, "the bundle's evidence")
    }

    /// Streams the evidence the case lacks (`have` says which it has) from the bundle into the vault, each file once
    /// and straight from the archive, its size and SHA-256 checked again against the manifest (the file could have
    /// changed since it was checked). `None` for a file the case has. On any failure the objects it added are removed.
    fn stream_evidence(
        &self,
        bundle: &Path,
        entries: &[Entry],
        have: impl Fn(&str) -> bool,
    ) -> Result<Vec<Option<(bool, Incoming)>>> {
        let mut out: Vec<Option<(bool, Incoming)>> = Vec::with_capacity(entries.len());
        let result = (|| {
            let file = File::open(bundle).map_err(|e| Error::io("open the bundle", bundle, e))?;
            let mut zip = ZipArchive::new(file).map_err(|e| bad(bundle, format!("is no longer readable: {e}")))?;
            let vault = self.vault();
            for e in entries {
                if have(&e.sha256) {
                    out.push(None);
                    continue;
                }
                let mut entry = zip
                    .by_name(&e.path)
                    .map_err(|_| bad(bundle, format!("{} is missing", e.path)))?;
                let label = format!("{} in {}", e.path, bundle.display());
                let got = vault.ingest_from(&mut (&mut entry).take(e.size), &label)?;
                let created = !got.already_present;
                let changed = got.sha256 != e.sha256 || got.size != e.size;
                out.push(Some((
                    created,
                    Incoming::Stored {
                        name: e.name.clone(),
                        object: got,
                    },
                )));
                if changed {
                    return Err(bad(
                        bundle,
                        format!("{} changed while the bundle was being opened", e.path),
                    ));
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => Ok(out),
            Err(e) => {
                self.forget_new_objects(&out);
                Err(e)
            }
        }
    }

    /// Removes the objects an open streamed into the vault that no row refers to (the open failed after them).
    fn forget_new_objects(&self, streamed: &[Option<(bool, Incoming)>]) {
        let vault = self.vault();
        for (created, incoming) in streamed.iter().flatten() {
            let Incoming::Stored { object, .. } = incoming else {
                continue;
            };
            let referenced = self
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM evidence_objects WHERE sha256 = ?1)",
                    [&object.sha256],
                    |r| r.get::<_, bool>(0),
                )
                .unwrap_or(true);
            if *created && !referenced {
                if let Ok(path) = vault.object_path(&object.sha256) {
                    let _ = std::fs::remove_file(path);
                }
            }
        }
    }

    /// Makes `target` what the bundle's document says. Contacts are matched by time and channel so the evidence
    /// linked to them stays linked; evidence files it lacks are added with their links.
    fn update_from_bundle(
        &mut self,
        target: CaseId,
        doc: &crate::exchange::Document,
        incoming: &[Option<(bool, Incoming)>],
    ) -> Result<Vec<Problem>> {
        let data = matched(&self.get_case(target)?.data, &doc.case);
        let mut warnings = self.update_case(target, &data)?;
        let now = self.get_case(target)?.data;
        for (i, (e, incoming)) in doc.evidence.iter().zip(incoming).enumerate() {
            let Some((_, incoming)) = incoming else {
                continue;
            };
            let meta = super::EvidenceMeta {
                description: e.description.clone(),
                source: None,
                interactions: e
                    .interactions
                    .iter()
                    .filter_map(|&ix| now.interactions.get(ix).and_then(|x| x.id))
                    .collect(),
            };
            let out = self.import_incoming(target, incoming, &meta)?;
            warnings.extend(out.warnings.into_iter().map(|w| Problem {
                path: format!("evidence[{i}]"),
                reason: w.reason,
            }));
        }
        Ok(warnings)
    }
}

/// The bundle's case with each contact given the id of the one it is here, so the evidence linked to it stays
/// linked. A bundle refers to contacts by position, so they are paired: first the same time, channel and words, then
/// the same time and channel, each of ours used once — several contacts in one minute (as 从截图识别 saves a chat
/// under one time separator) each find their own.
fn matched(ours: &CaseData, theirs: &CaseData) -> CaseData {
    let mut data = theirs.clone();
    let mut used = vec![false; ours.interactions.len()];
    for it in &mut data.interactions {
        it.id = None;
    }
    let same_words = |o: &crate::model::Interaction, it: &crate::model::Interaction| {
        o.question == it.question && o.answer == it.answer
    };
    for exact in [true, false] {
        for it in data.interactions.iter_mut().filter(|it| it.id.is_none()) {
            let found = ours.interactions.iter().enumerate().find(|(k, o)| {
                !used[*k] && o.occurred_at == it.occurred_at && o.channel == it.channel && (!exact || same_words(o, it))
            });
            if let Some((k, o)) = found {
                used[k] = true;
                it.id = o.id;
            }
        }
    }
    data
}

fn read_text(zip: &mut ZipArchive<File>, bundle: &Path, name: &str) -> Result<Vec<u8>> {
    let mut entry = zip.by_name(name).map_err(|_| bad(bundle, format!("has no {name}")))?;
    if entry.size() > MAX_TEXT_BYTES {
        return Err(bad(
            bundle,
            format!("{name} declares {} bytes; at most {MAX_TEXT_BYTES}", entry.size()),
        ));
    }
    let mut bytes = Vec::new();
    (&mut entry)
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(bundle, format!("{name} cannot be read: {e}")))?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(bad(bundle, format!("{name} inflates past {MAX_TEXT_BYTES} bytes")));
    }
    Ok(bytes)
}

/// A bundle that passed every check: its document, verification code, (SHA-256, name) of each evidence file in the
/// document's order, where each is in the archive, and the private notes if the sender included them.
struct Checked {
    doc: crate::exchange::Document,
    code: String,
    files: Vec<(String, String)>,
    entries: Vec<Entry>,
    notes: Option<String>,
}

/// One evidence file of a checked bundle: its entry in the archive, the name it had, its size and SHA-256.
#[derive(Debug, Clone)]
struct Entry {
    path: String,
    name: String,
    size: u64,
    sha256: String,
}

/// The most an entry of over a megabyte may expand by.
const MAX_RATIO: u64 = 100;

/// A bundle is one archive from its first byte to its last, as the writer makes it: the central directory read by the
/// ZIP reader must be this file's own. Data before it (the archive starts later in the file) or after its end record
/// means it is not what it claims — e.g. a bundle cut short whose last intact part is another bundle stored inside
/// it, which a reader scanning back for an end record would otherwise open as if it were the outer one.
fn whole_archive(bundle: &Path, zip: &ZipArchive<File>) -> Result<()> {
    if zip.offset() != 0 {
        return Err(bad(
            bundle,
            format!(
                "is not a bundle as written: {} bytes come before its archive (a cut or altered file)",
                zip.offset()
            ),
        ));
    }
    if !zip.comment().is_empty() {
        return Err(bad(bundle, "has an archive comment, which no bundle has"));
    }
    let len = std::fs::metadata(bundle)
        .map_err(|e| Error::io("read", bundle, e))?
        .len();
    let mut f = File::open(bundle).map_err(|e| Error::io("open the bundle", bundle, e))?;
    let mut tail = [0u8; 22];
    let ends_with_record = len >= 22
        && std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(len - 22)).is_ok()
        && f.read_exact(&mut tail).is_ok()
        && tail[..4] == [0x50, 0x4b, 0x05, 0x06];
    if !ends_with_record {
        return Err(bad(
            bundle,
            "does not end where its archive ends (data after it, or a cut file)",
        ));
    }
    Ok(())
}

/// Checks everything in a bundle, reading each evidence file through to its hashes without writing it anywhere.
fn check_bundle(bundle: &Path) -> Result<Checked> {
    crate::fsutil::regular_file(bundle, MAX_BUNDLE_BYTES)?;
    let file = File::open(bundle).map_err(|e| Error::io("open the bundle", bundle, e))?;
    let mut zip =
        ZipArchive::new(file).map_err(|e| bad(bundle, format!("is not a Weiquan bundle (not a ZIP: {e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(
            bundle,
            format!("holds {} entries; a bundle holds at most {MAX_ENTRIES}", zip.len()),
        ));
    }
    whole_archive(bundle, &zip)?;
    let manifest_bytes = read_text(&mut zip, bundle, MANIFEST)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| bad(bundle, format!("manifest.json is not a bundle manifest: {e}")))?;
    if manifest.format != BUNDLE_FORMAT {
        return Err(bad(
            bundle,
            format!("is format {:?}; this version reads {BUNDLE_FORMAT}", manifest.format),
        ));
    }
    let code = verification_code(&manifest_bytes);
    let mut listed: BTreeMap<&str, &ManifestFile> = BTreeMap::new();
    for f in &manifest.files {
        if listed.insert(f.path.as_str(), f).is_some() {
            return Err(bad(bundle, format!("manifest.json lists {:?} twice", f.path)));
        }
    }
    // What it would unpack to, from the sizes it declares (each file is then read no further than its size).
    let declared = manifest.files.iter().fold(0u64, |sum, f| sum.saturating_add(f.size));
    if declared > MAX_BUNDLE_BYTES {
        return Err(bad(
            bundle,
            format!("would unpack to {declared} bytes; a bundle holds at most {MAX_BUNDLE_BYTES}"),
        ));
    }
    for required in [DOCUMENT, AUDIT] {
        if !listed.contains_key(required) {
            return Err(bad(bundle, format!("manifest.json does not list {required}")));
        }
    }
    // Every entry is listed, and nothing listed is missing.
    let mut present = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| bad(bundle, format!("entry {i} cannot be read: {e}")))?;
        let name = entry.name().to_owned();
        // Screenshots, recordings and photos barely compress, and the writer stores them as they are; the texts
        // compress a few times. A megabyte that unpacks from a thousandth of it is a bomb, not evidence.
        if crate::fsutil::expands_like_a_bomb(entry.size(), entry.compressed_size(), MAX_RATIO) {
            return Err(bad(
                bundle,
                format!(
                    "{name:?} would unpack from {} bytes to {} (more than {MAX_RATIO}:1): no evidence compresses like that",
                    entry.compressed_size(),
                    entry.size()
                ),
            ));
        }
        if name != MANIFEST && !listed.contains_key(name.as_str()) {
            return Err(bad(
                bundle,
                format!("holds {name:?}, which manifest.json does not list"),
            ));
        }
        present.push(name);
    }
    for path in listed.keys() {
        if !present.iter().any(|p| p == path) {
            return Err(bad(bundle, format!("{path} is listed in manifest.json but missing")));
        }
    }
    // Each listed file: a plain name under evidence/ (or one of the two texts), its size and both hashes.
    let mut texts: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for f in &manifest.files {
        let check = |got_size: u64, sha256: &str, sm3: &str| -> Result<()> {
            if got_size != f.size || sha256 != f.sha256 || sm3 != f.sm3 {
                return Err(bad(
                    bundle,
                    format!(
                        "{} was changed after the bundle was made (size {got_size}, SHA-256 {sha256}; the manifest says \
                         size {}, SHA-256 {})",
                        f.path, f.size, f.sha256
                    ),
                ));
            }
            Ok(())
        };
        if let Some(name) = [DOCUMENT, AUDIT, NOTES].into_iter().find(|n| f.path == *n) {
            let bytes = read_text(&mut zip, bundle, &f.path)?;
            check(bytes.len() as u64, &hex(&Sha256::digest(&bytes)), &sm3_hex(&bytes))?;
            texts.insert(name, bytes);
            continue;
        }
        // `evidence/<number>/<name>`: digits, then a plain name that stays what it is when made safe.
        f.path
            .strip_prefix("evidence/")
            .and_then(|rest| rest.split_once('/'))
            .filter(|(n, name)| {
                !n.is_empty()
                    && n.len() <= 6
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && !name.is_empty()
                    && !name.starts_with('.')
                    && crate::fsutil::safe_file_name(name, 255) == *name
            })
            .ok_or_else(|| bad(bundle, format!("{:?} is not a plain file name under evidence/", f.path)))?;
        if f.size > crate::fsutil::MAX_EVIDENCE_BYTES {
            return Err(bad(
                bundle,
                format!(
                    "{} declares {} bytes; an evidence file is at most {}",
                    f.path,
                    f.size,
                    crate::fsutil::MAX_EVIDENCE_BYTES
                ),
            ));
        }
        let mut entry = zip
            .by_name(&f.path)
            .map_err(|_| bad(bundle, format!("{} is missing", f.path)))?;
        let mut sha = Sha256::new();
        let mut sm3 = <sm3::Sm3 as sm3::Digest>::new();
        let mut size = 0u64;
        let mut buf = vec![0u8; 1 << 16];
        let mut limited = (&mut entry).take(f.size + 1);
        loop {
            let n = limited
                .read(&mut buf)
                .map_err(|e| bad(bundle, format!("{}: {e}", f.path)))?;
            if n == 0 {
                break;
            }
            sha.update(&buf[..n]);
            sm3::Digest::update(&mut sm3, &buf[..n]);
            size += n as u64;
        }
        check(size, &hex(&sha.finalize()), &hex(&sm3::Digest::finalize(sm3)))?;
    }
    // The audit records: each hash recomputed from its fields, numbers rising, neighbours linked.
    let records: Vec<BundleRecord> = serde_json::from_slice(&texts[AUDIT])
        .map_err(|e| bad(bundle, format!("audit.json is not a list of audit records: {e}")))?;
    let mut before: Option<&BundleRecord> = None;
    for r in &records {
        let want = super::audit::record_hash(&r.prev_hash, r.seq, &r.at, r.case_id, &r.action, &r.detail);
        if want != r.hash {
            return Err(bad(
                bundle,
                format!(
                    "audit record {} was edited after it was written (its hash does not match its content)",
                    r.seq
                ),
            ));
        }
        if let Some(b) = before {
            if r.seq <= b.seq {
                return Err(bad(
                    bundle,
                    format!(
                        "audit record {} comes after record {}: the records were reordered",
                        r.seq, b.seq
                    ),
                ));
            }
            if r.seq == b.seq + 1 && r.prev_hash != b.hash {
                return Err(bad(
                    bundle,
                    format!("audit record {} does not follow record {}", r.seq, b.seq),
                ));
            }
        }
        before = Some(r);
    }
    let text = String::from_utf8(texts.remove(DOCUMENT).unwrap_or_default())
        .map_err(|_| bad(bundle, "case.json is not UTF-8 text"))?;
    let doc = crate::exchange::parse(&text).map_err(|e| match e {
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|p| Problem {
                    path: format!("case.json: {}", p.path),
                    reason: p.reason,
                })
                .collect(),
        ),
        other => other,
    })?;
    if doc.case_uid != manifest.case_uid {
        return Err(bad(bundle, "case.json and manifest.json name different cases"));
    }
    let mut files = Vec::with_capacity(doc.evidence.len());
    let mut entries = Vec::with_capacity(doc.evidence.len());
    for (i, e) in doc.evidence.iter().enumerate() {
        let Some(f) = listed.get(e.path.as_str()).filter(|_| e.path.starts_with("evidence/")) else {
            return Err(bad(
                bundle,
                format!(
                    "case.json's evidence[{i}] names {:?}, which the bundle does not hold",
                    e.path
                ),
            ));
        };
        let name = e.path.rsplit('/').next().unwrap_or_default().to_owned();
        entries.push(Entry {
            path: e.path.clone(),
            name: name.clone(),
            size: f.size,
            sha256: f.sha256.clone(),
        });
        files.push((f.sha256.clone(), name));
    }
    let notes = match texts.remove(NOTES) {
        Some(bytes) => Some(String::from_utf8(bytes).map_err(|_| bad(bundle, format!("{NOTES} is not UTF-8 text")))?),
        None => None,
    };
    Ok(Checked {
        doc,
        code,
        files,
        entries,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_25_digits_in_five_groups_and_follows_every_byte() {
        let a = verification_code(b"{\"files\":[]}\n");
        assert_eq!(a.len(), 29);
        assert!(
            a.split(' ')
                .all(|g| g.len() == 5 && g.bytes().all(|b| b.is_ascii_digit())),
            "{a}"
        );
        assert_eq!(a, verification_code(b"{\"files\":[]}\n"));
        assert_ne!(a, verification_code(b"{\"files\":[] }\n"));
    }
}
