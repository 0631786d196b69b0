-- Level 4: the legal knowledge base. The verified statute texts compiled into the core are copied here on open
-- (whenever the compiled data differs from what the file holds), so the law library can be searched with FTS5
-- trigram like the cases. Rows are replaced as a whole; users never edit them.
CREATE TABLE laws (
    short             TEXT PRIMARY KEY,
    full_name         TEXT    NOT NULL,
    version           TEXT    NOT NULL,
    effective_date    TEXT    NOT NULL,
    in_force_until    TEXT,
    text_verified     INTEGER NOT NULL CHECK (text_verified IN (0, 1)),
    verification_note TEXT
);

CREATE TABLE law_articles (
    law    TEXT    NOT NULL REFERENCES laws (short) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    label  TEXT    NOT NULL,
    text   TEXT    NOT NULL,
    source TEXT    NOT NULL,
    PRIMARY KEY (law, number)
);

CREATE VIRTUAL TABLE law_search USING fts5 (law UNINDEXED, number UNINDEXED, text, tokenize = 'trigram');

CREATE TABLE legal_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
