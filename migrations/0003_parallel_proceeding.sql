-- Level 3: whether another body (court, arbitration, another agency, consumer association, mediation body) has
-- already taken up the same dispute; the filing pre-check refuses a 12315 complaint then (办法第十五条第（二）项).
ALTER TABLE cases ADD COLUMN parallel_proceeding TEXT
    CHECK (parallel_proceeding IS NULL OR parallel_proceeding IN ('court', 'arbitration', 'regulator',
                                                                 'consumer_association', 'mediation'));
