-- Level 13: what the screenshot reader read on a case's images. Every image in the vault is read in the background
-- (state 'pending' until then); the turns it read are machine-read until the user corrects and confirms them, and
-- only confirmed turns become contacts of the case. The original file is never changed. The text is searchable with
-- the case search (evidence_search, a trigram index like case_search, one row per item).
CREATE TABLE evidence_text (
    item_id   INTEGER PRIMARY KEY REFERENCES evidence_items (id) ON DELETE CASCADE,
    state     TEXT    NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    -- JSON: the turns as read, or as the user confirmed them.
    turns     TEXT,
    confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    read_at   TEXT,
    error     TEXT
);
CREATE INDEX evidence_text_pending ON evidence_text (state) WHERE state = 'pending';

CREATE VIRTUAL TABLE evidence_search USING fts5 (
    text,
    tokenize = 'trigram'
);

-- The images already in the library are read too.
INSERT INTO evidence_text (item_id, state)
SELECT i.id, 'pending'
  FROM evidence_items i JOIN evidence_objects o ON o.sha256 = i.sha256
 WHERE o.content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/bmp');
