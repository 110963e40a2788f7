-- 001: the provider and agreement registry, users, sessions, API tokens and the audit log.
-- Portable SQL: dates are TEXT 'YYYY-MM-DD', times TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC).

CREATE TABLE organisation (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    org_nr        TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    legal_form    TEXT NOT NULL DEFAULT '',
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX organisation_name ON organisation (name);
CREATE INDEX organisation_kind ON organisation (kind, name);

CREATE TABLE unit (
    id                INTEGER PRIMARY KEY,
    organisation_id   INTEGER NOT NULL REFERENCES organisation (id),
    name              TEXT NOT NULL,
    service_area      TEXT NOT NULL,
    capacity          INTEGER,
    address           TEXT NOT NULL DEFAULT '',
    ivo_permit_number TEXT NOT NULL DEFAULT '',
    ivo_permit_status TEXT NOT NULL DEFAULT '',
    ivo_permit_date   TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX unit_organisation ON unit (organisation_id);
CREATE INDEX unit_service_area ON unit (service_area, organisation_id);

CREATE TABLE app_user (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    first_failed_at TEXT,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE agreement (
    id                 INTEGER PRIMARY KEY,
    case_ref           TEXT NOT NULL,
    title              TEXT NOT NULL,
    form               TEXT NOT NULL,
    service_area       TEXT NOT NULL,
    organisation_id    INTEGER NOT NULL REFERENCES organisation (id),
    start_date         TEXT NOT NULL,
    end_date           TEXT NOT NULL,
    extensions_left    INTEGER NOT NULL DEFAULT 0,
    extension_months   INTEGER NOT NULL DEFAULT 0,
    latest_end         TEXT NOT NULL,
    strategist_id      INTEGER REFERENCES app_user (id),
    status             TEXT NOT NULL,
    termination_reason TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX agreement_end ON agreement (end_date);
CREATE INDEX agreement_organisation ON agreement (organisation_id);
CREATE INDEX agreement_case_ref ON agreement (case_ref);

CREATE TABLE agreement_unit (
    agreement_id INTEGER NOT NULL REFERENCES agreement (id),
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    PRIMARY KEY (agreement_id, unit_id)
);
CREATE INDEX agreement_unit_unit ON agreement_unit (unit_id);

-- Requirements and value-adds: each a thing a later follow-up checks, so each has an id.
CREATE TABLE agreement_item (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement (id),
    kind         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX agreement_item_agreement ON agreement_item (agreement_id, kind, position);

-- Sessions and API tokens keep only a hash of the secret the client holds.
CREATE TABLE session (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX session_user ON session (user_id);

CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Append-only and hash-chained: hash = SHA-256 over prev_hash and the row's fields.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
