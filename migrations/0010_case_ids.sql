-- Level 10: case ids are never reused. SQLite gives a new row the largest id + 1, so deleting the newest case made its
-- id come back for the next one, and `audit verify 2` showed a deleted case's history under a new case. The store
-- now takes each new id from this high-water mark, which starts above every id a case or an audit record has used.
CREATE TABLE id_high_water (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL CHECK (last >= 0)
);
INSERT INTO id_high_water (name, last)
VALUES ('cases', max(coalesce((SELECT max(id) FROM cases), 0), coalesce((SELECT max(case_id) FROM audit_log), 0)));
