-- 012: the planned (särskild) follow-up, seeds 002 and 004: the volume and outcome data it
-- samples from and reports on — placements at treatment homes and assignments of outpatient
-- care — and the year's control plan with its sample. Clients appear only as pseudonyms.
-- Portable SQL: dates TEXT 'YYYY-MM-DD', times TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC), durations
-- INTEGER minutes.

-- A client placed at a unit under an agreement, by a case worker (e-mail), from start to end.
CREATE TABLE placement (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    unit_id         INTEGER NOT NULL REFERENCES unit (id),
    agreement_id    INTEGER NOT NULL REFERENCES agreement (id),
    client          TEXT NOT NULL,
    case_worker     TEXT NOT NULL,
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    end_reason      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX placement_agreement ON placement (agreement_id, start_date);
CREATE INDEX placement_unit ON placement (unit_id, start_date);
CREATE INDEX placement_organisation ON placement (organisation_id, start_date);

-- An outpatient assignment (family treatment, advice and support) under an agreement.
CREATE TABLE assignment (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id),
    client       TEXT NOT NULL,
    kind         TEXT NOT NULL,               -- family_treatment | advice_support
    age_group    TEXT NOT NULL,               -- child (up to 12) | youth (13 and older)
    received     TEXT NOT NULL,
    closed       TEXT,
    minutes      INTEGER NOT NULL DEFAULT 0,  -- the hours spent, in minutes
    goal_outcome TEXT NOT NULL DEFAULT '',    -- met | partly | not_met | ''
    reason       TEXT NOT NULL DEFAULT '',    -- why a goal was not met
    created_at   TEXT NOT NULL
);
CREATE INDEX assignment_agreement ON assignment (agreement_id, received);

-- The year's plan for control and follow-up of private providers, decided by the committee.
CREATE TABLE control_plan (
    id                 INTEGER PRIMARY KEY,
    year               INTEGER NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    case_ref           TEXT NOT NULL DEFAULT '',
    focus_case_ref     TEXT NOT NULL DEFAULT '',  -- the agreement (framework) in focus, or ''
    focus_service_area TEXT NOT NULL DEFAULT '',  -- or the service area in focus, or ''
    themes             TEXT NOT NULL DEFAULT '',  -- one a line
    sample_case_ref    TEXT NOT NULL DEFAULT '',  -- the sampling rule: placements under it ...
    sample_from        TEXT,                      -- ... started in this window, both ends in
    sample_to          TEXT,
    min_placements     INTEGER NOT NULL DEFAULT 3,  -- ... at least this many per unit
    status             TEXT NOT NULL DEFAULT 'draft',  -- draft | approved
    decided_on         TEXT,                      -- the committee's decision
    decision_paragraph TEXT NOT NULL DEFAULT '',
    approved_at        TEXT,
    created_by_name    TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- Units the plan adds for risk (before approval), and the whole sample once frozen at approval:
-- each with why it is there.
CREATE TABLE control_plan_unit (
    plan_id    INTEGER NOT NULL REFERENCES control_plan (id),
    unit_id    INTEGER NOT NULL REFERENCES unit (id),
    source     TEXT NOT NULL,               -- sample | risk
    placements INTEGER NOT NULL DEFAULT 0,  -- started in the window
    reason     TEXT NOT NULL,
    frozen     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, unit_id)
);
