-- Level 12: the volunteer's side. A case can be filed for the consumer by an agent (委托代理人) under her 授权委托书:
-- the agent is part of the case, travels with it and is checked like it. A library that holds many cases also keeps a
-- workspace per case — tags, who handles it (经办人), private notes and the money recovered — which is the library's,
-- not the case's: it never enters a dossier, a 12315 text or a bundle unless the user says so.
CREATE TABLE case_agents (
    case_id      INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    id_number    TEXT,
    phone        TEXT,
    organisation TEXT,
    may_complain INTEGER NOT NULL CHECK (may_complain IN (0, 1)),
    may_mediate  INTEGER NOT NULL CHECK (may_mediate IN (0, 1)),
    may_receive  INTEGER NOT NULL CHECK (may_receive IN (0, 1)),
    term_from    TEXT,
    term_until   TEXT
);

CREATE TABLE case_workspace (
    case_id       INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    handled_by    TEXT,
    private_notes TEXT,
    recovered_fen INTEGER CHECK (recovered_fen IS NULL OR recovered_fen >= 0)
);

CREATE TABLE case_tags (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    tag     TEXT    NOT NULL,
    PRIMARY KEY (case_id, tag)
);
CREATE INDEX case_tags_by_tag ON case_tags (tag);
