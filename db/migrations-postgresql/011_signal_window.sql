-- 011: the candidate rule reads every signal of the window (12 months by default) grouped by
-- organisation; this index answers it without visiting the table (1,000,000 signals at scale).
CREATE INDEX signal_window ON signal (occurred_on, organisation_id, outcome, serious);
