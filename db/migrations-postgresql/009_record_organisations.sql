-- 009_record_organisations.sql — the providers who attended a joint follow-up (seed 003's
-- provider meeting, one record for all providers of a routine).
CREATE TABLE follow_up_record_organisation (
    record_id       BIGINT NOT NULL REFERENCES follow_up_record (id),
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (record_id, organisation_id)
);
CREATE INDEX follow_up_record_organisation_org ON follow_up_record_organisation (organisation_id);
