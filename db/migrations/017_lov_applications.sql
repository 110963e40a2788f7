-- 017: a provider's application to join a customer-choice system (LOV), seed 003's routine
-- from receipt to the committee's decision, and the introduction programme that follows an
-- approval. Portable SQL: dates TEXT 'YYYY-MM-DD' (NULL: not yet), times TEXT UTC.

CREATE TABLE application (
    id                      INTEGER PRIMARY KEY,
    organisation_id         INTEGER NOT NULL REFERENCES organisation (id),
    service_area            TEXT NOT NULL,
    personal_care           INTEGER NOT NULL DEFAULT 0,
    received_on             TEXT NOT NULL,
    attachments             TEXT NOT NULL DEFAULT '',
    operations_manager      TEXT NOT NULL DEFAULT '',
    responsible_id          INTEGER REFERENCES app_user (id),
    first_review_on         TEXT,
    first_review_notes      TEXT NOT NULL DEFAULT '',
    supplement_requested_on TEXT,
    supplement_request      TEXT NOT NULL DEFAULT '',
    supplement_due          TEXT,
    supplements_received_on TEXT,
    complete_on             TEXT,
    check_exception         TEXT NOT NULL DEFAULT '',
    info_meeting_on         TEXT,
    manager_present         INTEGER NOT NULL DEFAULT 0,
    info_meeting_attendees  TEXT NOT NULL DEFAULT '',
    info_meeting_notes      TEXT NOT NULL DEFAULT '',
    qms_checked_on          TEXT,
    qms_approved            INTEGER NOT NULL DEFAULT -1,
    qms_notes               TEXT NOT NULL DEFAULT '',
    attachments_checked_on  TEXT,
    attachments_notes       TEXT NOT NULL DEFAULT '',
    assessed_on             TEXT,
    assessed_with           INTEGER REFERENCES app_user (id),
    recommendation          TEXT NOT NULL DEFAULT '',
    assessment_notes        TEXT NOT NULL DEFAULT '',
    mbl_on                  TEXT,
    mbl_notes               TEXT NOT NULL DEFAULT '',
    memo_on                 TEXT,
    memo_notes              TEXT NOT NULL DEFAULT '',
    decided_on              TEXT,
    decision_paragraph      TEXT NOT NULL DEFAULT '',
    outcome                 TEXT NOT NULL DEFAULT '',
    decision_reason         TEXT NOT NULL DEFAULT '',
    announced_on            TEXT,
    announced_by            INTEGER REFERENCES app_user (id),
    signed_on               TEXT,
    agreement_id            INTEGER REFERENCES agreement (id),
    version                 INTEGER NOT NULL DEFAULT 1,
    created_by_name         TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX application_organisation ON application (organisation_id);
CREATE INDEX application_received ON application (received_on);

-- A reference taken about the company's management or its operations manager.
CREATE TABLE application_reference (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES application (id),
    about           TEXT NOT NULL,
    referee         TEXT NOT NULL,
    asked_on        TEXT NOT NULL,
    asked_by        TEXT NOT NULL,
    statement       TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX application_reference_application ON application_reference (application_id);

-- The journal (working material) and the service notes of the case.
CREATE TABLE application_note (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application (id),
    kind           TEXT NOT NULL,
    noted_on       TEXT NOT NULL,
    text           TEXT NOT NULL,
    author_id      INTEGER REFERENCES app_user (id),
    author_name    TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX application_note_application ON application_note (application_id);

-- Files the applicant has sent: supplements through the portal.
CREATE TABLE application_file (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES application (id),
    filename         TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    size             INTEGER NOT NULL,
    data             BLOB NOT NULL,
    uploaded_by_name TEXT NOT NULL,
    uploaded_at      TEXT NOT NULL
);
CREATE INDEX application_file_application ON application_file (application_id);

-- The introduction programme of an approved application (seed 003), one item a row.
CREATE TABLE onboarding_item (
    id                 INTEGER PRIMARY KEY,
    application_id     INTEGER NOT NULL REFERENCES application (id),
    position           INTEGER NOT NULL,
    code               TEXT NOT NULL,
    title              TEXT NOT NULL,
    personal_care_only INTEGER NOT NULL DEFAULT 0,
    responsible_id     INTEGER REFERENCES app_user (id),
    due                TEXT,
    planned_on         TEXT,
    done_on            TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    UNIQUE (application_id, code)
);
CREATE INDEX onboarding_item_responsible ON onboarding_item (responsible_id, done_on);
