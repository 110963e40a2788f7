-- 005: login throttling and known browsers (docs/security.md). Portable SQL; times are TEXT
-- in UTC: 'YYYY-MM-DDTHH:MM:SSZ', and in login_throttle 'YYYY-MM-DDTHH:MM:SS.mmmZ' so that a
-- wait of one second is one second long.
--
-- A count of failed logins per kind (address, account_address, account, browser) and
-- subject: the client address; a SHA-256 of the account name as it was typed (so that an
-- account that does not exist is counted exactly like one that does, and no typed name is
-- kept); or a known browser's token hash. blocked_until is when the next attempt the count
-- covers may be tried; at forget_at the count is forgotten and the row purged, so the table
-- holds only what the last window of failures left.
CREATE TABLE login_throttle (
    kind            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    failures        BIGINT NOT NULL,
    last_failure_at TEXT NOT NULL,
    blocked_until   TEXT,
    forget_at       TEXT NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX login_throttle_forget ON login_throttle (forget_at);

-- Browsers a user has logged in from. The insyn_browser cookie holds 32 random bytes; only
-- their SHA-256 is kept. Such a browser is counted by itself, apart from what others do at
-- the same address or against the same account, so that its owner can always get in.
CREATE TABLE login_browser (
    token_hash    TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES app_user (id),
    created_at    TEXT NOT NULL,
    last_login_at TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX login_browser_user ON login_browser (user_id, last_login_at);
CREATE INDEX login_browser_expires ON login_browser (expires_at);

-- The lock-out of 001 kept its count on the account itself, which let anyone lock anyone
-- out; login_throttle replaces it. (DROP COLUMN: SQLite 3.35 and later, PostgreSQL.)
ALTER TABLE app_user DROP COLUMN failed_logins;
ALTER TABLE app_user DROP COLUMN first_failed_at;
ALTER TABLE app_user DROP COLUMN locked_until;
