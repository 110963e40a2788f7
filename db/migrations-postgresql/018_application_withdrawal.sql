-- 018: an application the applicant withdraws before the committee has decided.
ALTER TABLE application ADD COLUMN withdrawn_on TEXT;
ALTER TABLE application ADD COLUMN withdrawal_note TEXT NOT NULL DEFAULT '';
