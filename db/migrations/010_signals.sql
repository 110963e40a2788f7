-- 010: the continuous and event-driven follow-up (seed 004) and what happens when a provider
-- does not follow its agreement (seed 003): signals and the coordinators' meetings that review
-- them, external controls (credit, tax, IVO, bankruptcy), event-driven follow-ups with their
-- focus areas, and sanctions. Portable SQL: dates TEXT 'YYYY-MM-DD', times TEXT
-- 'YYYY-MM-DDTHH:MM:SSZ' (UTC), money INTEGER öre.

-- Numbers the administration sets itself (the rules' defaults live in core/).
CREATE TABLE setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Credit thresholds of one agreement; NULL: the setting's default (Creditsafe 40, UC 3).
ALTER TABLE agreement ADD COLUMN credit_min_creditsafe INTEGER;
ALTER TABLE agreement ADD COLUMN credit_min_uc INTEGER;
-- Why an agreement ended early (provider_closed | permit_revoked | bankruptcy | breach) and when.
ALTER TABLE agreement ADD COLUMN termination_cause TEXT NOT NULL DEFAULT '';
ALTER TABLE agreement ADD COLUMN terminated_on TEXT;
-- Set when something (a revoked permit, a bankruptcy) calls for termination, until decided.
ALTER TABLE agreement ADD COLUMN termination_flag TEXT NOT NULL DEFAULT '';
ALTER TABLE agreement ADD COLUMN termination_flagged_on TEXT;

-- A meeting of the coordinators and the responsible strategist that goes through the
-- signals reported since the last one.
CREATE TABLE coordinator_meeting (
    id              INTEGER PRIMARY KEY,
    held_on         TEXT NOT NULL,
    attendees       TEXT NOT NULL,  -- one person a line
    notes           TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES app_user (id),
    created_by_name TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX coordinator_meeting_held ON coordinator_meeting (held_on);

-- Something reported about a provider, one of its units or one agreement. Clients appear only
-- as pseudonyms. Reported by a person (reported_by) or made by the system from a control
-- (check_id). Reviewed once, in a coordinators' meeting, with an outcome.
CREATE TABLE signal (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisation (id),
    unit_id          INTEGER REFERENCES unit (id),
    agreement_id     INTEGER REFERENCES agreement (id),
    occurred_on      TEXT NOT NULL,
    source           TEXT NOT NULL,
    category         TEXT NOT NULL,
    serious          INTEGER NOT NULL DEFAULT 0,
    description      TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'new',  -- new | reviewed
    outcome          TEXT NOT NULL DEFAULT '',     -- individual_case | no_action | deviation | escalated
    outcome_comment  TEXT NOT NULL DEFAULT '',
    meeting_id       INTEGER REFERENCES coordinator_meeting (id),
    check_id         INTEGER,                      -- the control that made it, NULL when reported
    reported_by      INTEGER REFERENCES app_user (id),
    reported_by_name TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    reviewed_at      TEXT
);
CREATE INDEX signal_organisation ON signal (organisation_id, occurred_on);
CREATE INDEX signal_status ON signal (status, occurred_on);
CREATE INDEX signal_occurred ON signal (occurred_on);
CREATE INDEX signal_meeting ON signal (meeting_id);

-- External controls of an organisation (or one of its units), each kept as history.
--   credit:     bureau creditsafe (score 0-100) or uc (risk class 1-5) in value; passed by the
--               threshold that applied, kept in threshold
--   tax:        F-skatt, taxes and employer contributions paid, debts at Kronofogden (öre)
--   ivo:        an IVO record: ivo_kind inspection_decision | lex_sarah | complaint |
--               permit_revoked, with reference and summary
--   bankruptcy: the date the provider was declared bankrupt
CREATE TABLE external_check (
    id                 INTEGER PRIMARY KEY,
    organisation_id    INTEGER NOT NULL REFERENCES organisation (id),
    unit_id            INTEGER REFERENCES unit (id),
    kind               TEXT NOT NULL,
    checked_on         TEXT NOT NULL,
    bureau             TEXT NOT NULL DEFAULT '',
    value              INTEGER,
    threshold          INTEGER,
    passed             INTEGER,  -- 1 | 0; NULL for ivo and bankruptcy
    f_tax              INTEGER,
    taxes_paid         INTEGER,
    contributions_paid INTEGER,
    enforcement_debt   INTEGER,
    ivo_kind           TEXT NOT NULL DEFAULT '',
    reference          TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL DEFAULT '',
    signal_id          INTEGER REFERENCES signal (id),
    created_by         INTEGER REFERENCES app_user (id),
    created_by_name    TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX external_check_organisation ON external_check (organisation_id, kind, checked_on);

-- An event-driven (or in-depth) follow-up, seed 003's "Om utförare inte följer gällande avtal":
-- opened from a candidate or a signal, planned by focus area with a responsible person for
-- each and a communication plan, with meetings and findings, ended with an outcome.
CREATE TABLE investigation (
    id                 INTEGER PRIMARY KEY,
    organisation_id    INTEGER NOT NULL REFERENCES organisation (id),
    agreement_id       INTEGER REFERENCES agreement (id),
    kind               TEXT NOT NULL DEFAULT 'event_driven',  -- event_driven | in_depth
    opened_on          TEXT NOT NULL,
    reason             TEXT NOT NULL,
    communication_plan TEXT NOT NULL DEFAULT '',
    responsible_id     INTEGER REFERENCES app_user (id),
    status             TEXT NOT NULL DEFAULT 'open',  -- open | closed
    outcome            TEXT NOT NULL DEFAULT '',
    outcome_summary    TEXT NOT NULL DEFAULT '',
    closed_on          TEXT,
    created_by         INTEGER REFERENCES app_user (id),
    created_by_name    TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX investigation_organisation ON investigation (organisation_id, opened_on);
CREATE INDEX investigation_status ON investigation (status, opened_on);

CREATE TABLE investigation_signal (
    investigation_id INTEGER NOT NULL REFERENCES investigation (id),
    signal_id        INTEGER NOT NULL REFERENCES signal (id),
    PRIMARY KEY (investigation_id, signal_id)
);
CREATE INDEX investigation_signal_signal ON investigation_signal (signal_id);

CREATE TABLE investigation_area (
    id               INTEGER PRIMARY KEY,
    investigation_id INTEGER NOT NULL REFERENCES investigation (id),
    position         INTEGER NOT NULL,
    area             TEXT NOT NULL,
    responsible_id   INTEGER NOT NULL REFERENCES app_user (id),
    due              TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'open',  -- open | done
    findings         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX investigation_area_investigation ON investigation_area (investigation_id, position);
CREATE INDEX investigation_area_responsible ON investigation_area (responsible_id, status, due);

CREATE TABLE investigation_meeting (
    id               INTEGER PRIMARY KEY,
    investigation_id INTEGER NOT NULL REFERENCES investigation (id),
    held_on          TEXT NOT NULL,
    attendees        TEXT NOT NULL,
    findings         TEXT NOT NULL DEFAULT '',
    created_by_name  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX investigation_meeting_investigation ON investigation_meeting (investigation_id, held_on);

-- A sanction under the agreement, decided by the one the delegation order names.
CREATE TABLE sanction (
    id               INTEGER PRIMARY KEY,
    agreement_id     INTEGER NOT NULL REFERENCES agreement (id),
    organisation_id  INTEGER NOT NULL REFERENCES organisation (id),
    investigation_id INTEGER REFERENCES investigation (id),
    kind             TEXT NOT NULL,  -- correction_request | price_reduction | penalty | warning | termination | rescission
    decided_on       TEXT NOT NULL,
    decided_by       INTEGER NOT NULL REFERENCES app_user (id),
    decided_by_name  TEXT NOT NULL,
    decided_by_role  TEXT NOT NULL,
    reason           TEXT NOT NULL,
    amount           INTEGER,        -- öre: penalty, price reduction
    ends_on          TEXT,           -- termination and rescission: the agreement's last day
    cause            TEXT NOT NULL DEFAULT '',  -- termination and rescission: agreement termination_cause
    created_by       INTEGER REFERENCES app_user (id),
    created_by_name  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX sanction_agreement ON sanction (agreement_id, decided_on);
CREATE INDEX sanction_organisation ON sanction (organisation_id, decided_on);
