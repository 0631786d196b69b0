-- Level 2: Chinese substring search over a case's words (start screen search box, `weiquan case list --search`).
-- FTS5's trigram tokenizer matches any substring of three or more characters, which suits Chinese text without a
-- word segmenter; shorter queries fall back to LIKE over the same columns. The store keeps one row per case.

CREATE VIRTUAL TABLE case_search USING fts5 (
    title, respondent, body,
    tokenize = 'trigram'
);

INSERT INTO case_search (rowid, title, respondent, body)
SELECT c.id,
       c.title,
       concat_ws(' ', c.respondent_name, c.respondent_shop, c.respondent_platform),
       concat_ws(' ', c.purchase_item, c.purchase_order_no,
                 (SELECT group_concat(concat_ws(' ', i.agent, i.ticket_no, i.question, i.answer, i.note), ' ')
                    FROM interactions i WHERE i.case_id = c.id))
  FROM cases c;
