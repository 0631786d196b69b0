-- Level 5: the suggested legal bases a user chose to leave out of the dossier, by rule id (data/legal/rules.json).
CREATE TABLE case_excluded_bases (
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    rule_id  TEXT    NOT NULL,
    PRIMARY KEY (case_id, position),
    UNIQUE (case_id, rule_id)
);
