-- Level 1: the case model. Closed sets are checked here too, so no front end can store a value the core
-- does not know. Money is integer fen; times are RFC 3339 text with their offset, plus a UTC key for sorting.

CREATE TABLE cases (
    id                      INTEGER PRIMARY KEY,
    title                   TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    industry                TEXT    NOT NULL CHECK (industry IN ('ecommerce', 'telecom', 'banking_insurance',
                                'payment', 'aviation', 'postal_express', 'transport', 'other')),
    status                  TEXT    NOT NULL CHECK (status IN ('draft', 'filed', 'accepted', 'mediating', 'closed')),
    complainant_name        TEXT,
    complainant_phone       TEXT,
    complainant_address     TEXT,
    complainant_id_number   TEXT,
    respondent_name         TEXT,
    respondent_credit_code  TEXT,
    respondent_address      TEXT,
    respondent_platform     TEXT,
    respondent_shop         TEXT,
    respondent_url          TEXT,
    purchase_item           TEXT,
    purchase_amount_fen     INTEGER CHECK (purchase_amount_fen IS NULL OR purchase_amount_fen >= 0),
    purchase_date           TEXT,
    purchase_order_no       TEXT,
    purchase_personal_use   INTEGER NOT NULL DEFAULT 1 CHECK (purchase_personal_use IN (0, 1)),
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL
);

CREATE TABLE case_status_history (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    status    TEXT    NOT NULL CHECK (status IN ('draft', 'filed', 'accepted', 'mediating', 'closed')),
    date      TEXT    NOT NULL,
    PRIMARY KEY (case_id, position)
);

CREATE TABLE interactions (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    occurred_at     TEXT    NOT NULL,
    occurred_at_utc INTEGER NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('phone', 'online_chat', 'app', 'email', 'sms', 'in_person',
                        'social_media', 'other')),
    agent           TEXT,
    agent_id        TEXT,
    ticket_no       TEXT,
    question        TEXT,
    answer          TEXT,
    loss_fen        INTEGER CHECK (loss_fen IS NULL OR loss_fen >= 0),
    note            TEXT,
    link_sender     TEXT    CHECK (link_sender IS NULL OR link_sender IN ('official', 'impostor', 'unknown')),
    UNIQUE (case_id, position)
);
CREATE INDEX interactions_by_time ON interactions (case_id, occurred_at_utc);

CREATE TABLE interaction_problems (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('irrelevant_answer', 'false_information', 'concealment',
                       'privacy_violation', 'induced_harm', 'delayed_handling', 'no_human_agent')),
    PRIMARY KEY (interaction_id, kind)
);

CREATE TABLE demands (
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('refund', 'replacement', 'repair', 'compensation', 'punitive_damages',
                   'apology', 'correction', 'delete_personal_data', 'other')),
    amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
    text       TEXT,
    PRIMARY KEY (case_id, position)
);

CREATE INDEX cases_by_update ON cases (updated_at DESC);
