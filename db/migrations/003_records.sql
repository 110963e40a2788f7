-- 003: records (protokoll) of follow-ups. Seed 003 "Dokumentation": when and where the
-- follow-up happened, who attended, what was followed up and what the provider answered.
-- A record is a draft until its author signs it; a signed record never changes, and a
-- correction is a new version (previous_id) of the same follow-up. Portable SQL: dates are
-- TEXT 'YYYY-MM-DD', times TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC).

CREATE TABLE follow_up_record (
    id                     INTEGER PRIMARY KEY,
    follow_up_id           INTEGER NOT NULL REFERENCES follow_up (id),
    version                INTEGER NOT NULL,
    previous_id            INTEGER REFERENCES follow_up_record (id),
    status                 TEXT NOT NULL DEFAULT 'draft',  -- draft | signed
    held_on                TEXT NOT NULL,
    place                  TEXT NOT NULL,                  -- on_site | digital | phone | written
    location               TEXT NOT NULL DEFAULT '',
    attendees_municipality TEXT NOT NULL DEFAULT '',       -- one person a line
    attendees_provider     TEXT NOT NULL DEFAULT '',
    provider_answers       TEXT NOT NULL DEFAULT '',
    findings               TEXT NOT NULL DEFAULT '',
    correction_reason      TEXT NOT NULL DEFAULT '',
    created_by             INTEGER REFERENCES app_user (id),
    created_by_name        TEXT NOT NULL,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    signed_by              INTEGER REFERENCES app_user (id),
    signed_by_name         TEXT,
    signed_at              TEXT,
    UNIQUE (follow_up_id, version)
);

-- The checklist: one line per agreement item (requirement or value-add) as it read then.
CREATE TABLE follow_up_check (
    record_id         INTEGER NOT NULL REFERENCES follow_up_record (id),
    agreement_item_id INTEGER NOT NULL,  -- the item may later be removed from the agreement
    position          INTEGER NOT NULL,
    kind              TEXT NOT NULL,
    item_text         TEXT NOT NULL,
    outcome           TEXT NOT NULL,     -- fulfilled | partly | not_fulfilled | not_checked
    comment           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_id, agreement_item_id)
);
CREATE INDEX follow_up_check_item ON follow_up_check (agreement_item_id);

-- Agreed actions, each with a deadline and a responsible person.
CREATE TABLE follow_up_action (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES follow_up_record (id),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    responsible TEXT NOT NULL
);
CREATE INDEX follow_up_action_record ON follow_up_action (record_id, position);

-- Whether the previous record's agreed actions were carried out (seed 002).
CREATE TABLE follow_up_review (
    record_id INTEGER NOT NULL REFERENCES follow_up_record (id),
    action_id INTEGER NOT NULL REFERENCES follow_up_action (id),
    outcome   TEXT NOT NULL,  -- fixed | not_fixed | not_checked
    comment   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_id, action_id)
);

CREATE TABLE follow_up_attachment (
    id           INTEGER PRIMARY KEY,
    record_id    INTEGER NOT NULL REFERENCES follow_up_record (id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX follow_up_attachment_record ON follow_up_attachment (record_id);
