-- 013: surveys of the planned follow-up (seeds 002 and 004): to the case workers of the
-- sampled providers' placements, to the providers themselves, and to the ordering unit.
-- A recipient answers through a personal link whose secret is never stored: only its SHA-256.
-- An anonymous survey keeps no link between an answer and the person who gave it: the response
-- row has no recipient, its time is the day only, its id is random (not the order of answering),
-- and the recipient row records only that it answered (answered = 1, answered_at NULL).

CREATE TABLE survey (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    intro           TEXT NOT NULL DEFAULT '',
    audience        TEXT NOT NULL,               -- case_workers | providers | ordering_unit
    template        TEXT NOT NULL DEFAULT '',    -- the built-in template it was made from
    anonymous       INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'draft',  -- draft | open | closed
    plan_id         INTEGER REFERENCES control_plan (id),
    created_by_name TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    opened_at       TEXT,
    closed_at       TEXT
);

CREATE TABLE survey_question (
    id         INTEGER PRIMARY KEY,
    survey_id  INTEGER NOT NULL REFERENCES survey (id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,               -- scale | yes_no | single | multiple | text
    text       TEXT NOT NULL,
    options    TEXT NOT NULL DEFAULT '',    -- single and multiple: one a line
    scale_low  TEXT NOT NULL DEFAULT '',    -- scale: the label of 1
    scale_high TEXT NOT NULL DEFAULT '',    -- scale: the label of 5
    required   INTEGER NOT NULL DEFAULT 1,
    UNIQUE (survey_id, position)
);

-- Who is asked: an e-mail address (case workers, the ordering unit) or an organisation
-- (providers, answering through the portal). A case worker's row may name the provider the
-- answer is about (organisation_id) for results per provider.
CREATE TABLE survey_recipient (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES survey (id),
    email           TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisation (id),
    token_hash      TEXT UNIQUE,            -- SHA-256 (hex) of the link's secret; NULL until opened
    created_at      TEXT NOT NULL,
    answered        INTEGER NOT NULL DEFAULT 0,
    answered_at     TEXT,                   -- NULL for an anonymous survey
    reminded_at     TEXT
);
CREATE INDEX survey_recipient_survey ON survey_recipient (survey_id);

CREATE TABLE survey_response (
    id              INTEGER PRIMARY KEY,    -- random, not in the order of answering
    survey_id       INTEGER NOT NULL REFERENCES survey (id),
    recipient_id    INTEGER REFERENCES survey_recipient (id),  -- NULL for an anonymous survey
    organisation_id INTEGER REFERENCES organisation (id),      -- the provider; NULL if anonymous
    submitted_at    TEXT NOT NULL           -- YYYY-MM-DD only for an anonymous survey
);
CREATE INDEX survey_response_survey ON survey_response (survey_id);

CREATE TABLE survey_answer (
    response_id INTEGER NOT NULL REFERENCES survey_response (id),
    question_id INTEGER NOT NULL REFERENCES survey_question (id),
    value       TEXT NOT NULL,              -- multiple: one choice a line
    PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
