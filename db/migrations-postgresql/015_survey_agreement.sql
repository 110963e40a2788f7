-- 015: a survey may be about one agreement: seed 002's questions to the ordering unit about the
-- provider's assignments are answered for the follow-up of that agreement, and its report of a
-- year shows the answers that came in that year. NULL for a survey about no agreement (the
-- control plan's surveys).
ALTER TABLE survey ADD COLUMN agreement_id BIGINT REFERENCES agreement (id);
CREATE INDEX survey_agreement ON survey (agreement_id);
