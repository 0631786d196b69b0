-- Level 9: the facts the legal bases depend on, which only the consumer can state (issue: legally defensible
-- outputs). Goods or service, platform or merchant, a quality defect, unsafe food, a suspected leak, a deposit,
-- marketing calls; for each false statement whether it came before the purchase; for each demand the day it was
-- made and the contact it was made in (by that contact's time), the end of an agreed or statutory period, and the day the consumer confirmed it is still not performed;
-- the supporting bases she chose to put into the dossier. New closed-set values (industry `food`, problem
-- `unfair_terms`, demand `return`) need the CHECK constraints rebuilt: SQLite's documented twelve-step table
-- rebuild, run with foreign-key enforcement off (the runner does that) and checked with foreign_key_check after.

CREATE TABLE cases_new (
    id                      INTEGER PRIMARY KEY,
    title                   TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    industry                TEXT    NOT NULL CHECK (industry IN ('ecommerce', 'telecom', 'banking_insurance',
                                'payment', 'aviation', 'postal_express', 'transport', 'food', 'other')),
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
    updated_at              TEXT    NOT NULL,
    parallel_proceeding     TEXT
        CHECK (parallel_proceeding IS NULL OR parallel_proceeding IN ('court', 'arbitration', 'regulator',
                                                                     'consumer_association', 'mediation')),
    respondent_odr          INTEGER NOT NULL DEFAULT 0 CHECK (respondent_odr IN (0, 1)),
    fact_supply             TEXT    CHECK (fact_supply IS NULL OR fact_supply IN ('goods', 'service')),
    fact_platform           INTEGER CHECK (fact_platform IS NULL OR fact_platform IN (0, 1)),
    fact_quality_defect     INTEGER NOT NULL DEFAULT 0 CHECK (fact_quality_defect IN (0, 1)),
    fact_food_unsafe        INTEGER NOT NULL DEFAULT 0 CHECK (fact_food_unsafe IN (0, 1)),
    fact_leak_suspected     INTEGER NOT NULL DEFAULT 0 CHECK (fact_leak_suspected IN (0, 1)),
    fact_deposit            INTEGER NOT NULL DEFAULT 0 CHECK (fact_deposit IN (0, 1)),
    fact_marketing_contact  INTEGER NOT NULL DEFAULT 0 CHECK (fact_marketing_contact IN (0, 1))
);
INSERT INTO cases_new (id, title, industry, status, complainant_name, complainant_phone, complainant_address,
                       complainant_id_number, respondent_name, respondent_credit_code, respondent_address,
                       respondent_platform, respondent_shop, respondent_url, purchase_item, purchase_amount_fen,
                       purchase_date, purchase_order_no, purchase_personal_use, created_at, updated_at,
                       parallel_proceeding, respondent_odr)
SELECT id, title, industry, status, complainant_name, complainant_phone, complainant_address,
       complainant_id_number, respondent_name, respondent_credit_code, respondent_address,
       respondent_platform, respondent_shop, respondent_url, purchase_item, purchase_amount_fen,
       purchase_date, purchase_order_no, purchase_personal_use, created_at, updated_at,
       parallel_proceeding, respondent_odr
  FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_by_update ON cases (updated_at DESC);

CREATE TABLE interaction_problems_new (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('irrelevant_answer', 'false_information', 'concealment',
                       'privacy_violation', 'induced_harm', 'delayed_handling', 'no_human_agent', 'unfair_terms')),
    PRIMARY KEY (interaction_id, kind)
);
INSERT INTO interaction_problems_new SELECT interaction_id, position, kind FROM interaction_problems;
DROP TABLE interaction_problems;
ALTER TABLE interaction_problems_new RENAME TO interaction_problems;

CREATE TABLE demands_new (
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('refund', 'return', 'replacement', 'repair', 'compensation',
                   'punitive_damages', 'apology', 'correction', 'delete_personal_data', 'other')),
    amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
    text       TEXT,
    made_on    TEXT,
    made_in    TEXT,
    due_by     TEXT,
    unperformed_confirmed_on TEXT,
    PRIMARY KEY (case_id, position)
);
INSERT INTO demands_new (case_id, position, kind, amount_fen, text)
SELECT case_id, position, kind, amount_fen, text FROM demands;
DROP TABLE demands;
ALTER TABLE demands_new RENAME TO demands;

ALTER TABLE interactions ADD COLUMN before_purchase INTEGER CHECK (before_purchase IS NULL OR before_purchase IN (0, 1));

CREATE TABLE case_included_bases (
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    rule_id  TEXT    NOT NULL,
    PRIMARY KEY (case_id, position),
    UNIQUE (case_id, rule_id)
);
