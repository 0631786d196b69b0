-- Level 7: what happened after filing (filed, accepted, refused, mediation, company reply, result).
CREATE TABLE case_events (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('filed', 'accepted', 'refused', 'mediation_started', 'company_reply',
                                               'resolved', 'mediation_ended', 'withdrawn')),
    date      TEXT    NOT NULL,
    channel   TEXT,
    reference TEXT,
    note      TEXT,
    PRIMARY KEY (case_id, position)
);
