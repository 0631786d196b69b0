-- Level 8: whether the trader is a 12315 ODR (绿色通道) company — it then negotiates inside 12315 for ten working
-- days before the bureau mediates — and the evidence (e.g. the notice screenshot) an event after filing rests on.
ALTER TABLE cases ADD COLUMN respondent_odr INTEGER NOT NULL DEFAULT 0 CHECK (respondent_odr IN (0, 1));
ALTER TABLE case_events ADD COLUMN evidence_sha256 TEXT CHECK (evidence_sha256 IS NULL OR length(evidence_sha256) = 64);

-- What the user is typing but has not saved yet (a new case's interview, an interaction being logged): kept here,
-- not in the webview, so closing the window mid-edit loses nothing.
CREATE TABLE drafts (
    key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
