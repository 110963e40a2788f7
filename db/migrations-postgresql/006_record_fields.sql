-- 006: what a signed record must say (seed 003 "Dokumentation", seed 002). The kind of
-- follow-up (continuous | event_driven | planned_overview | planned_in_depth), the
-- municipality's own case number of the follow-up (its diarienummer, which is not the
-- agreement's), what was followed up when it is not a checklist line, and the overall
-- assessment (helhetsbedömning). Records made before this migration are continuous, as the
-- scheduled routine follow-ups they document are. Portable SQL.
ALTER TABLE follow_up_record ADD COLUMN record_type TEXT NOT NULL DEFAULT 'continuous';
ALTER TABLE follow_up_record ADD COLUMN case_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE follow_up_record ADD COLUMN topics TEXT NOT NULL DEFAULT '';
ALTER TABLE follow_up_record ADD COLUMN overall_assessment TEXT NOT NULL DEFAULT '';

-- Open agreed actions are looked up by the agreement and activity of their follow-up.
CREATE INDEX follow_up_review_action ON follow_up_review (action_id);
