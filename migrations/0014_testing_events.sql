-- Level 14: testing or appraisal (鉴定、检测) during a complaint is an event of its own, started and ended: from
-- 2026-04-15 the time it takes is not counted in the sixty days of mediation (市场监督管理投诉举报处理办法第二十二条),
-- so the mediation clock moves by it. The CHECK list widens by table rebuild, as in level 11.
CREATE TABLE case_events_new (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('filed', 'accepted', 'refused', 'mediation_started', 'company_reply',
                                               'resolved', 'mediation_ended', 'withdrawn', 'police_report',
                                               'testing_started', 'testing_ended')),
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
