-- Level 6: the evidence vault and the audit log.
-- An object is one file's content, stored once under its SHA-256 in <db>.vault/objects/; an item is that content
-- attached to a case, with what the user said about it; links say which interactions it supports.
CREATE TABLE evidence_objects (
    sha256       TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    sm3          TEXT    NOT NULL CHECK (length(sm3) = 64),
    size         INTEGER NOT NULL CHECK (size > 0),
    content_type TEXT    NOT NULL,
    reported_at  TEXT,
    reported_by  TEXT
);

CREATE TABLE evidence_items (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    sha256        TEXT    NOT NULL REFERENCES evidence_objects (sha256),
    original_name TEXT    NOT NULL,
    description   TEXT,
    source        TEXT,
    imported_at   TEXT    NOT NULL,
    UNIQUE (case_id, sha256)
);
CREATE INDEX evidence_items_by_case ON evidence_items (case_id, id);

CREATE TABLE evidence_links (
    item_id        INTEGER NOT NULL REFERENCES evidence_items (id) ON DELETE CASCADE,
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, interaction_id)
);

-- Every change appends a record carrying the hash of the one before it, so an edited, removed or reordered record
-- breaks the chain at a place `audit verify` can name.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    case_id   INTEGER,
    action    TEXT    NOT NULL,
    detail    TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
