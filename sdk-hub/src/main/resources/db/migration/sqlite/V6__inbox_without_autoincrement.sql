-- V6 (SQLite only): the webhook inbox without AUTOINCREMENT. AUTOINCREMENT made every stored delivery also
-- rewrite its row in sqlite_sequence: one more 4 KiB page in the write-ahead log per commit (about a fifth of
-- what a delivery writes). Ids stay increasing (max + 1); one can be reused only if the newest row is deleted,
-- and nothing refers to an inbox row by id once it is gone (leases are taken with a fresh token).
CREATE TABLE webhook_inbox_v6 (
    id            INTEGER PRIMARY KEY,
    lane          TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    event_type    TEXT NOT NULL,
    payload       TEXT,
    received_at   BIGINT NOT NULL,
    processed_at  BIGINT,
    status        TEXT NOT NULL DEFAULT 'PENDING',
    attempts      INTEGER NOT NULL DEFAULT 0,
    available_at  BIGINT NOT NULL,
    lease_owner   TEXT,
    lease_token   TEXT,
    lease_until   BIGINT,
    last_error    TEXT,
    CONSTRAINT webhook_inbox_once UNIQUE (lane, event_id)
);
INSERT INTO webhook_inbox_v6 (id, lane, event_id, event_type, payload, received_at, processed_at, status, attempts,
        available_at, lease_owner, lease_token, lease_until, last_error)
    SELECT id, lane, event_id, event_type, payload, received_at, processed_at, status, attempts,
        available_at, lease_owner, lease_token, lease_until, last_error FROM webhook_inbox;
DROP TABLE webhook_inbox;
ALTER TABLE webhook_inbox_v6 RENAME TO webhook_inbox;
CREATE INDEX webhook_inbox_claim ON webhook_inbox (status, available_at);
DELETE FROM sqlite_sequence WHERE name = 'webhook_inbox';
