-- 014: the reports the committee receives (seeds 002 and 004): the annual report on control and
-- follow-up of private providers for a year, and the follow-up report of one agreement for a
-- year. Their figures are read from the data each time a report is made; what is kept here is
-- what the officer writes: the memo that carries the report (tjänsteskrivelse) and the text
-- sections, each change a new version so that earlier drafts can be read again.

CREATE TABLE report (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL,            -- annual | agreement
    year              INTEGER NOT NULL,
    agreement_id      INTEGER REFERENCES agreement (id),  -- kind agreement only
    committee         TEXT NOT NULL DEFAULT '',
    case_ref          TEXT NOT NULL DEFAULT '', -- the memo's case number
    officer           TEXT NOT NULL DEFAULT '', -- the memo's handläggare
    memo_date         TEXT,                     -- YYYY-MM-DD; NULL: the day it is made
    proposed_decision TEXT NOT NULL DEFAULT '',
    created_by_name   TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
-- one annual report a year, one report a year per agreement
CREATE UNIQUE INDEX report_annual ON report (year) WHERE kind = 'annual';
CREATE UNIQUE INDEX report_agreement ON report (agreement_id, year) WHERE kind = 'agreement';

CREATE TABLE report_section (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES report (id),
    section     TEXT NOT NULL,   -- the section's code, core/report.h
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (report_id, section, version)
);
