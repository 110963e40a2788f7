-- 007_agreement_dates.sql — when a provider was approved and when the agreement was signed.
-- Seed 003's introduction of a new provider is due "soon after approval" (LOV) or "soon
-- after signing" (nursing homes); these dates are what it counts from. A follow-up whose
-- date had to be counted from the agreement's start instead says so in its note.
ALTER TABLE agreement ADD COLUMN approved_on TEXT;
ALTER TABLE agreement ADD COLUMN signed_on TEXT;
ALTER TABLE follow_up ADD COLUMN note TEXT NOT NULL DEFAULT '';
