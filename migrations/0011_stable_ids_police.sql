-- Level 11: demands get a stable id, as contacts have (the CLI's `demand set|remove` address a demand by it), new
-- contact and demand ids come from the high-water mark so an id is never given to a second row, and a police report
-- (报警回执) is an event of its own: it does not file the complaint, but the route and the 12315 text refer to it;
-- an import's warnings are kept for review.
CREATE TABLE demands_new (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('refund', 'return', 'replacement', 'repair', 'compensation',
                   'punitive_damages', 'apology', 'correction', 'delete_personal_data', 'other')),
    amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
    text       TEXT,
    made_on    TEXT,
    made_in    TEXT,
    due_by     TEXT,
    unperformed_confirmed_on TEXT,
    UNIQUE (case_id, position)
);
INSERT INTO demands_new (case_id, position, kind, amount_fen, text, made_on, made_in, due_by, unperformed_confirmed_on)
SELECT case_id, position, kind, amount_fen, text, made_on, made_in, due_by, unperformed_confirmed_on
  FROM demands ORDER BY case_id, position;
DROP TABLE demands;
ALTER TABLE demands_new RENAME TO demands;

CREATE TABLE case_events_new (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('filed', 'accepted', 'refused', 'mediation_started', 'company_reply',
                                               'resolved', 'mediation_ended', 'withdrawn', 'police_report')),
    date      TEXT    NOT NULL,
    channel   TEXT,
    reference TEXT,
    note      TEXT,
    evidence_sha256 TEXT CHECK (evidence_sha256 IS NULL OR length(evidence_sha256) = 64),
    PRIMARY KEY (case_id, position)
);
INSERT INTO case_events_new SELECT case_id, position, kind, date, channel, reference, note, evidence_sha256
  FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_new RENAME TO case_events;

INSERT INTO id_high_water (name, last) VALUES ('interactions', coalesce((SELECT max(id) FROM interactions), 0));
INSERT INTO id_high_water (name, last) VALUES ('demands', coalesce((SELECT max(id) FROM demands), 0));

-- What an import warned about (a file's own date that differs, a file type it could not check…): kept with the case
-- so it can be reviewed later (`weiquan case warnings ID`) and cleared once read.
CREATE TABLE import_warnings (
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path     TEXT    NOT NULL,
    reason   TEXT    NOT NULL,
    PRIMARY KEY (case_id, position)
);

-- Dates only she can state: when she learned of the problem (the three-year limit), when the goods arrived and when
-- she asked to return them (the seven-day no-reason return).
ALTER TABLE cases ADD COLUMN fact_problem_noticed_on TEXT;
ALTER TABLE cases ADD COLUMN fact_goods_received_on TEXT;
ALTER TABLE cases ADD COLUMN fact_return_requested_on TEXT;

-- Each case has an id of its own that no library gives it: 128 random bits as 32 hex digits, written into every
-- exported document and read back on import, so the 卷宗编号 on the cover is the same for the same case wherever it
-- is opened. Cases from before get one now.
ALTER TABLE cases ADD COLUMN uid TEXT CHECK (uid IS NULL OR (length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*'));
UPDATE cases SET uid = lower(hex(randomblob(16)));
CREATE INDEX cases_by_uid ON cases (uid);

-- The user's own settings that belong with the library (so the app and the CLI share them): one JSON value per key.
-- First one: the 12315 form's text limits she set (the form's real limits are not published anywhere we found).
CREATE TABLE preferences (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
