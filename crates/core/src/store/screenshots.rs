//! The case's images read as chat screenshots (level 13): the queue of images still to read, what was read
//! (machine-read until confirmed), and the confirmed turns saved as contacts linked to the screenshot. Reading is
//! slow (about a second an image), so a background worker takes one image at a time on a connection of its own
//! ([`Store::read_next_screenshot`]); everything else here is quick.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{audit, Store};
use crate::evidence::EvidenceId;
use crate::model::{CaseId, Channel, Interaction, InteractionId};
use crate::transcript::{self, Speaker};
use crate::{Error, Result};

/// The content types the reader takes (what the vault recognises as a picture).
pub const READABLE: [&str; 5] = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp"];

/// The library's setting: left-hand bubbles are 我 (for the rare chat app that puts the phone's owner on the left).
const SIDES_KEY: &str = "chat_sides_flipped";

/// Most turns one screenshot's confirmation may carry, and the longest turn (a long capture has some hundreds).
pub const MAX_TURNS: usize = 2000;
pub const MAX_TURN_CHARS: usize = 5000;

/// One turn as stored: read by the machine, or corrected and confirmed by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReadTurn {
    #[ts(type = "\"me\" | \"agent\" | \"system\"")]
    pub speaker: Speaker,
    pub text: String,
    /// RFC 3339, from the time separator above the turn; `None` before the first one.
    #[ts(type = "string | null")]
    pub time: Option<DateTime<FixedOffset>>,
    /// `stated`, `year_from_reference` or `relative_to_reference` (the date was counted from the file's time).
    pub time_basis: Option<String>,
    pub confidence: f32,
    /// Characters (by position) the reader was unsure of.
    pub low_confidence: Vec<u32>,
    /// x, y, w, h on the picture.
    pub rect: [u32; 4],
}

impl From<transcript::Turn> for ReadTurn {
    fn from(t: transcript::Turn) -> Self {
        ReadTurn {
            speaker: t.speaker,
            time: t.time,
            time_basis: t
                .time_basis
                .and_then(|b| serde_json::to_value(b).ok().and_then(|v| v.as_str().map(str::to_owned))),
            confidence: t.confidence,
            low_confidence: t.low_confidence.into_iter().map(|i| i as u32).collect(),
            text: t.text,
            rect: t.source.rect,
        }
    }
}

/// Where an image stands with the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadState {
    Pending,
    Done,
    Failed,
}

/// What was read on one image.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScreenshotText {
    pub item: EvidenceId,
    pub state: ReadState,
    pub turns: Vec<ReadTurn>,
    /// The user corrected and saved the turns; until then they are machine-read.
    pub confirmed: bool,
    pub read_at: Option<String>,
    /// Why the image could not be read.
    pub error: Option<String>,
    /// Turns (by position) at the start or end that repeat the end or start of a screenshot of the same case already
    /// confirmed: the overlap of two captures of one conversation, which must not become contacts twice.
    pub repeated: Vec<u32>,
}

/// Positions in `turns` that overlap `other` (a confirmed screenshot of the same conversation): the longest run of
/// 我/客服 turns at the start of `turns` that ends `other`, and at the end of `turns` that starts `other`, compared
/// by speaker, words and time where both have one (time separators are skipped on both sides and never counted). The
/// time keeps a canned answer the agent gave again on another day from being taken for the same turn.
fn overlap_with(turns: &[ReadTurn], other: &[ReadTurn]) -> Vec<u32> {
    type Said = (usize, Speaker, String, Option<DateTime<FixedOffset>>);
    let said = |v: &[ReadTurn]| -> Vec<Said> {
        v.iter()
            .enumerate()
            .filter(|(_, t)| t.speaker != Speaker::System)
            .map(|(i, t)| (i, t.speaker, t.text.trim().to_owned(), t.time))
            .collect()
    };
    let (mine, theirs) = (said(turns), said(other));
    let same = |a: &[Said], b: &[Said]| {
        a.iter()
            .zip(b)
            .all(|(x, y)| x.1 == y.1 && x.2 == y.2 && (x.3.is_none() || y.3.is_none() || x.3 == y.3))
    };
    let most = mine.len().min(theirs.len());
    let head = (1..=most)
        .rev()
        .find(|&k| same(&mine[..k], &theirs[theirs.len() - k..]))
        .unwrap_or(0);
    let tail = (1..=most)
        .rev()
        .find(|&k| same(&mine[mine.len() - k..], &theirs[..k]))
        .unwrap_or(0);
    let mut out: Vec<u32> = mine[..head]
        .iter()
        .chain(&mine[mine.len() - tail..])
        .map(|t| t.0 as u32)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The reader's queue for the progress line: images still to read, read, and failed (a case's, or the library's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ReadingStatus {
    pub pending: u32,
    pub done: u32,
    pub failed: u32,
}

/// What saving a screenshot's turns did: the contacts it added, and the contacts already in the case with the same
/// words on the same day (a chat logged before, or the overlap of two screenshots), which the screenshot is linked to
/// as their evidence instead of being saved a second time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedTurns {
    pub added: Vec<InteractionId>,
    pub matched: Vec<InteractionId>,
}

/// The words of a question or answer as compared for a duplicate: whitespace runs are one space, ends trimmed.
fn words_of(text: Option<&str>) -> String {
    text.unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The same contact: the same words asked and answered on the same Beijing day.
fn same_contact(a: &Interaction, b: &Interaction) -> bool {
    let day = |x: &Interaction| {
        x.occurred_at
            .with_timezone(&crate::clock::shanghai_offset())
            .date_naive()
    };
    day(a) == day(b)
        && words_of(a.question.as_deref()) == words_of(b.question.as_deref())
        && words_of(a.answer.as_deref()) == words_of(b.answer.as_deref())
}

/// A turn the user confirmed: the speaker and the words as she corrected them, and the time she kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConfirmedTurn {
    #[ts(type = "\"me\" | \"agent\" | \"system\"")]
    pub speaker: Speaker,
    pub text: String,
    #[ts(type = "string | null")]
    pub time: Option<DateTime<FixedOffset>>,
    /// The box on the picture of the turn(s) it was made from, if any.
    #[serde(default)]
    pub rect: Option<[u32; 4]>,
}

impl From<&ConfirmedTurn> for ReadTurn {
    /// A confirmed turn as stored: the user's words, certain (confidence 1, nothing to check).
    fn from(t: &ConfirmedTurn) -> Self {
        ReadTurn {
            speaker: t.speaker,
            text: t.text.clone(),
            time: t.time,
            time_basis: None,
            confidence: 1.0,
            low_confidence: Vec::new(),
            rect: t.rect.unwrap_or_default(),
        }
    }
}

fn json<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(format!("turns could not be written: {e}")))
}

fn state_of(s: &str) -> Result<ReadState> {
    match s {
        "pending" => Ok(ReadState::Pending),
        "done" => Ok(ReadState::Done),
        "failed" => Ok(ReadState::Failed),
        other => Err(Error::Corrupt(format!("evidence_text.state is {other:?}"))),
    }
}

/// Consecutive 我 turns then the 客服 turns after them become one contact: the question and the answer verbatim
/// (turns of one side joined by line breaks), at the time of its first turn. Where no separator gave a time, the
/// contact takes `fallback` (the screenshot file's own time) and its note says so, so that no time is presented as
/// read from the chat that was not. Separators are dropped; a 客服 turn with no question before it stands alone.
pub fn pair_turns(turns: &[ConfirmedTurn], fallback: (DateTime<FixedOffset>, &str)) -> Vec<Interaction> {
    let mut out: Vec<Interaction> = Vec::new();
    let mut question: Vec<&ConfirmedTurn> = Vec::new();
    let mut answer: Vec<&ConfirmedTurn> = Vec::new();
    let mut flush = |question: &mut Vec<&ConfirmedTurn>, answer: &mut Vec<&ConfirmedTurn>| {
        if question.is_empty() && answer.is_empty() {
            return;
        }
        let join = |v: &[&ConfirmedTurn]| {
            (!v.is_empty()).then(|| v.iter().map(|t| t.text.trim()).collect::<Vec<_>>().join("\n"))
        };
        let stated = question.iter().chain(answer.iter()).find_map(|t| t.time);
        let at = stated.unwrap_or(fallback.0);
        let note = stated.is_none().then(|| {
            format!(
                "截图中未显示这段对话的时间，此处记录的是截图文件的{}（{}）。",
                fallback.1,
                at.format("%Y-%m-%d %H:%M")
            )
        });
        out.push(Interaction {
            id: None,
            occurred_at: at,
            channel: Channel::OnlineChat,
            agent: None,
            agent_id: None,
            ticket_no: None,
            question: join(question),
            answer: join(answer),
            problems: Vec::new(),
            loss: None,
            note,
            link_sender: None,
            before_purchase: None,
        });
        question.clear();
        answer.clear();
    };
    for t in turns.iter().filter(|t| !t.text.trim().is_empty()) {
        match t.speaker {
            Speaker::System => {}
            Speaker::Me => {
                if !answer.is_empty() {
                    flush(&mut question, &mut answer);
                }
                question.push(t);
            }
            Speaker::Agent => answer.push(t),
        }
    }
    flush(&mut question, &mut answer);
    out
}

impl Store {
    /// Queues an image item for reading (done by the import; idempotent).
    pub(super) fn queue_screenshot(tx: &rusqlite::Transaction<'_>, item: i64, content_type: &str) -> Result<()> {
        if READABLE.contains(&content_type) {
            tx.execute(
                "INSERT OR IGNORE INTO evidence_text (item_id, state) VALUES (?1, 'pending')",
                [item],
            )?;
        }
        Ok(())
    }

    /// Whether the reader takes left-hand bubbles as 我 (a setting of the library; anything but `true` is no).
    pub fn chat_sides_flipped(&self) -> Result<bool> {
        Ok(self.preference(SIDES_KEY)?.as_deref() == Some("true"))
    }

    /// Sets which side is 我. Screenshots read but not yet confirmed go back in the queue, to be read with the new
    /// sides; confirmed ones keep what the user saved.
    pub fn set_chat_sides_flipped(&mut self, flipped: bool) -> Result<()> {
        if self.chat_sides_flipped()? == flipped {
            return Ok(());
        }
        self.set_preference(SIDES_KEY, flipped.then_some("true"))?;
        self.conn.execute(
            "UPDATE evidence_text SET state = 'pending' WHERE confirmed = 0 AND state = 'done'",
            [],
        )?;
        Ok(())
    }

    /// The reader's queue, for one case or (None) the whole library.
    pub fn reading_status(&self, case: Option<CaseId>) -> Result<ReadingStatus> {
        let mut st = ReadingStatus {
            pending: 0,
            done: 0,
            failed: 0,
        };
        let mut q = self.conn.prepare(
            "SELECT t.state, count(*) FROM evidence_text t JOIN evidence_items i ON i.id = t.item_id
              WHERE ?1 IS NULL OR i.case_id = ?1 GROUP BY t.state",
        )?;
        let rows = q.query_map([case.map(|c| c.0)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (state, n) = row?;
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            match state_of(&state)? {
                ReadState::Pending => st.pending = n,
                ReadState::Done => st.done = n,
                ReadState::Failed => st.failed = n,
            }
        }
        Ok(st)
    }

    /// Reads the next image waiting in the queue (oldest first) and stores what was read; `None` when none waits.
    /// An image that cannot be read is marked failed with the reason, and the queue moves on. Relative dates
    /// ("昨天 21:03") count from the time the file reports for itself, else from its import.
    pub fn read_next_screenshot(&mut self) -> Result<Option<EvidenceId>> {
        let next: Option<(i64, String, String, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT i.id, i.sha256, i.original_name, o.reported_at, i.imported_at
                   FROM evidence_text t JOIN evidence_items i ON i.id = t.item_id
                   JOIN evidence_objects o ON o.sha256 = i.sha256
                  WHERE t.state = 'pending' ORDER BY i.id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((id, sha, name, reported, imported)) = next else {
            return Ok(None);
        };
        let now = crate::clock::now();
        let options = transcript::Options {
            flip_sides: self.chat_sides_flipped()?,
        };
        let reference = reported
            .as_deref()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .or_else(|| DateTime::parse_from_rfc3339(&imported).ok())
            .unwrap_or(now);
        let result = self.read_object(&sha).and_then(|image| {
            transcript::transcribe(
                &[transcript::Screenshot {
                    name: name.clone(),
                    image,
                    reference,
                }],
                options,
            )
        });
        let tx = self.conn.transaction()?;
        match result {
            Ok(t) => {
                let turns: Vec<ReadTurn> = t.turns.into_iter().map(ReadTurn::from).collect();
                let text = turns.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join("\n");
                tx.execute(
                    "UPDATE evidence_text SET state = 'done', turns = ?2, read_at = ?3, error = NULL
                      WHERE item_id = ?1 AND state = 'pending'",
                    params![id, json(&turns)?, now.to_rfc3339()],
                )?;
                tx.execute("DELETE FROM evidence_search WHERE rowid = ?1", [id])?;
                tx.execute(
                    "INSERT INTO evidence_search (rowid, text) VALUES (?1, ?2)",
                    params![id, text],
                )?;
            }
            Err(Error::Internal(why)) => return Err(Error::Internal(why)),
            Err(e) => {
                tx.execute(
                    "UPDATE evidence_text SET state = 'failed', read_at = ?2, error = ?3
                      WHERE item_id = ?1 AND state = 'pending'",
                    params![id, now.to_rfc3339(), e.to_string()],
                )?;
            }
        }
        tx.commit()?;
        Ok(Some(EvidenceId(id)))
    }

    /// An object's pixels, its hash checked first (a file changed in the vault is not read as if it were evidence).
    fn read_object(&self, sha: &str) -> Result<image::RgbImage> {
        let bytes = self.object_bytes(sha)?;
        transcript::decode(&bytes).map_err(|why| Error::invalid(format!("evidence {sha}"), why))
    }

    /// One of a case's images whole (at most [`transcript::MAX_FILE_BYTES`]), with its content type, for the view
    /// that shows the read turns beside it.
    pub fn evidence_image(&self, case: CaseId, item: EvidenceId) -> Result<(Vec<u8>, String)> {
        let row: Option<(String, String, i64)> = self
            .conn
            .query_row(
                "SELECT i.sha256, o.content_type, o.size FROM evidence_items i
                   JOIN evidence_objects o ON o.sha256 = i.sha256 WHERE i.id = ?1 AND i.case_id = ?2",
                params![item.0, case.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((sha, content_type, size)) = row else {
            return Err(Error::NotFound(format!("case {case} has no evidence #{}", item.0)));
        };
        if !READABLE.contains(&content_type.as_str()) {
            return Err(Error::invalid(
                "item",
                format!("evidence #{} is not a picture ({content_type})", item.0),
            ));
        }
        if u64::try_from(size).unwrap_or(u64::MAX) > transcript::MAX_FILE_BYTES {
            return Err(Error::invalid(
                "item",
                format!("evidence #{} is too large to show here", item.0),
            ));
        }
        Ok((self.object_bytes(&sha)?, content_type))
    }

    fn object_bytes(&self, sha: &str) -> Result<Vec<u8>> {
        let vault = self.vault();
        let path = vault.object_path(sha)?;
        match vault.rehash(sha)? {
            Some((got, _)) if got == sha => {}
            _ => {
                return Err(Error::Corrupt(format!(
                    "the vault's copy of {sha} is missing or no longer matches its hash; it was not read"
                )))
            }
        }
        std::fs::read(&path).map_err(|source| Error::Io {
            action: "read",
            path: path.clone(),
            source,
        })
    }

    /// What was read on one image of a case.
    pub fn screenshot_text(&self, case: CaseId, item: EvidenceId) -> Result<ScreenshotText> {
        type Row = (String, Option<String>, bool, Option<String>, Option<String>);
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT t.state, t.turns, t.confirmed, t.read_at, t.error
                   FROM evidence_text t JOIN evidence_items i ON i.id = t.item_id
                  WHERE t.item_id = ?1 AND i.case_id = ?2",
                params![item.0, case.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((state, turns, confirmed, read_at, error)) = row else {
            return Err(Error::NotFound(format!(
                "case {case} has no picture #{} to read (only images are read)",
                item.0
            )));
        };
        let turns: Vec<ReadTurn> = match turns {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Corrupt(format!("evidence_text.turns of item {}: {e}", item.0)))?,
            None => Vec::new(),
        };
        let mut repeated = Vec::new();
        if !confirmed && !turns.is_empty() {
            let mut q = self.conn.prepare(
                "SELECT t.turns FROM evidence_text t JOIN evidence_items i ON i.id = t.item_id
                  WHERE i.case_id = ?1 AND t.item_id <> ?2 AND t.confirmed = 1 AND t.turns IS NOT NULL",
            )?;
            let others = q.query_map(params![case.0, item.0], |r| r.get::<_, String>(0))?;
            for other in others {
                // A confirmed row that cannot be read is no overlap (its own reading reports it).
                if let Ok(other) = serde_json::from_str::<Vec<ReadTurn>>(&other?) {
                    repeated.extend(overlap_with(&turns, &other));
                }
            }
            repeated.sort_unstable();
            repeated.dedup();
        }
        Ok(ScreenshotText {
            item,
            state: state_of(&state)?,
            turns,
            confirmed,
            read_at,
            error,
            repeated,
        })
    }

    /// Puts an image back in the queue (after a failure, or to read it again); a confirmed reading stays.
    pub fn reread_screenshot(&mut self, case: CaseId, item: EvidenceId) -> Result<()> {
        let current = self.screenshot_text(case, item)?;
        if current.confirmed {
            return Err(Error::invalid(
                "item",
                "its turns were confirmed and saved as contacts; they are not read again",
            ));
        }
        self.conn.execute(
            "UPDATE evidence_text SET state = 'pending', error = NULL WHERE item_id = ?1",
            [item.0],
        )?;
        Ok(())
    }

    /// Saves the turns the user corrected and confirmed: 我 → 客服 pairs become contacts of the case (channel 在线客服,
    /// the words verbatim, the time of the first turn — else the file's own time, said so in the note), each linked
    /// to the screenshot, and the screenshot's text is marked confirmed. All or nothing; returns the new contacts' ids.
    pub fn confirm_screenshot_turns(
        &mut self,
        case: CaseId,
        item: EvidenceId,
        turns: &[ConfirmedTurn],
    ) -> Result<SavedTurns> {
        let current = self.screenshot_text(case, item)?;
        let file = self.evidence_item(item)?;
        let fallback = match file
            .reported_at
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        {
            Some(t) => (t, "拍摄/生成时间"),
            None => (
                DateTime::parse_from_rfc3339(&file.imported_at).unwrap_or_else(|_| crate::clock::now()),
                "导入时间",
            ),
        };
        if current.confirmed {
            return Err(Error::invalid("item", "these turns were already confirmed and saved"));
        }
        let mut problems = Vec::new();
        if turns.len() > MAX_TURNS {
            problems.push(crate::Problem {
                path: "turns".into(),
                reason: format!("{} turns is more than one screenshot holds ({MAX_TURNS})", turns.len()),
            });
        }
        for (i, t) in turns.iter().enumerate() {
            if t.text.chars().count() > MAX_TURN_CHARS {
                problems.push(crate::Problem {
                    path: format!("turns[{i}].text"),
                    reason: format!("longer than {MAX_TURN_CHARS} characters"),
                });
            }
            if t.text.chars().any(|c| c.is_control() && c != '\n') {
                problems.push(crate::Problem {
                    path: format!("turns[{i}].text"),
                    reason: "contains control characters".into(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let added = pair_turns(turns, fallback);
        if added.is_empty() {
            return Err(Error::invalid(
                "turns",
                "no turn of 我 or 客服 with words in it: nothing to save",
            ));
        }
        let before = std::cell::RefCell::new(Vec::<InteractionId>::new());
        let matched = std::cell::RefCell::new(Vec::<InteractionId>::new());
        let confirmed = json(&turns.iter().map(ReadTurn::from).collect::<Vec<_>>())?;
        let (ids, _) = self.modify_case_then(
            case,
            |_, data| {
                before
                    .borrow_mut()
                    .extend(data.interactions.iter().filter_map(|x| x.id));
                for it in &added {
                    if let Some(same) = data.interactions.iter().find(|x| x.id.is_some() && same_contact(x, it)) {
                        // Two exchanges of the screenshot may match one contact: it is counted once.
                        let mut m = matched.borrow_mut();
                        if !same.id.is_some_and(|id| m.contains(&id)) {
                            m.extend(same.id);
                        }
                        continue;
                    }
                    let at = data.interactions.partition_point(|x| x.occurred_at <= it.occurred_at);
                    data.interactions.insert(at, it.clone());
                }
                Ok(())
            },
            |tx| {
                let mut q = tx.prepare("SELECT id FROM interactions WHERE case_id = ?1 ORDER BY id")?;
                let all = q
                    .query_map([case.0], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let before = before.borrow();
                let new: Vec<InteractionId> = all
                    .into_iter()
                    .map(InteractionId)
                    .filter(|i| !before.contains(i))
                    .collect();
                // The turns say which contacts the screenshot shows: they replace a link chosen when it was
                // imported (two screenshots imported at once were both linked to the contact chosen then).
                tx.execute("DELETE FROM evidence_links WHERE item_id = ?1", [item.0])?;
                for iid in new.iter().chain(matched.borrow().iter()) {
                    tx.execute(
                        "INSERT OR IGNORE INTO evidence_links (item_id, interaction_id) VALUES (?1, ?2)",
                        params![item.0, iid.0],
                    )?;
                }
                tx.execute(
                    "UPDATE evidence_text SET confirmed = 1, turns = ?2 WHERE item_id = ?1",
                    params![item.0, confirmed],
                )?;
                let text = turns.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join("\n");
                tx.execute("DELETE FROM evidence_search WHERE rowid = ?1", [item.0])?;
                tx.execute(
                    "INSERT INTO evidence_search (rowid, text) VALUES (?1, ?2)",
                    params![item.0, text],
                )?;
                audit::append(
                    tx,
                    Some(case),
                    "screenshot_confirmed",
                    &format!(
                        "evidence #{}: {} turns, {} contacts added, {} already recorded",
                        item.0,
                        turns.len(),
                        new.len(),
                        matched.borrow().len()
                    ),
                )?;
                Ok(new)
            },
        )?;
        Ok(SavedTurns {
            added: ids,
            matched: matched.into_inner(),
        })
    }
}
