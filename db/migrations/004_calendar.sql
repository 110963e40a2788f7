-- 004: calendar feeds (iCalendar subscriptions behind a secret link). The link's token is
-- 32 random bytes the subscriber holds; only its SHA-256 is stored. agreement_id NULL is the
-- user's own follow-ups (Mina uppgifter); else every follow-up of that agreement.
CREATE TABLE calendar_feed (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    agreement_id INTEGER REFERENCES agreement (id),
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX calendar_feed_user ON calendar_feed (user_id, revoked_at);
