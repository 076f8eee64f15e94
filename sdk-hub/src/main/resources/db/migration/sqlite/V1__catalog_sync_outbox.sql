-- V1 (store + sync): master catalog, file versions, listing mappings, outbox, tokens.
-- Times are epoch milliseconds (BIGINT) from the hub's clock. No column holds card data.

CREATE TABLE patterns (
    sku           TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    craft         TEXT NOT NULL,
    tags_json     TEXT NOT NULL,
    prices_json   TEXT NOT NULL,
    images_json   TEXT NOT NULL,
    version       TEXT NOT NULL,
    change_notes  TEXT,
    content_hash  TEXT NOT NULL,
    source        TEXT NOT NULL,
    active        SMALLINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE pattern_files (
    sku           TEXT NOT NULL REFERENCES patterns (sku) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    media_type    TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    file_version  TEXT NOT NULL,
    print_format  TEXT NOT NULL,
    language      TEXT,
    size_range    TEXT,
    location      TEXT,
    PRIMARY KEY (sku, name)
);

-- Every version of every file the hub has seen, append-only.
CREATE TABLE file_versions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    sku           TEXT NOT NULL,
    name          TEXT NOT NULL,
    file_version  TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    location      TEXT,
    change_notes  TEXT,
    created_at    BIGINT NOT NULL,
    UNIQUE (sku, name, sha256)
);

-- A pattern as last pushed to one storefront. pending_* is an intent recorded before a remote call
-- whose outcome is unknown until the call returns: on resume the hub re-checks the storefront.
CREATE TABLE listing_mappings (
    storefront_id        TEXT NOT NULL,
    sku                  TEXT NOT NULL,
    platform             TEXT NOT NULL,
    external_id          TEXT,
    fields_hash          TEXT,
    fields_json          TEXT,
    pending_fields_hash  TEXT,
    pending_fields_json  TEXT,
    state                TEXT NOT NULL,
    updated_at           BIGINT NOT NULL,
    PRIMARY KEY (storefront_id, sku)
);

CREATE TABLE listing_file_mappings (
    storefront_id        TEXT NOT NULL,
    sku                  TEXT NOT NULL,
    name                 TEXT NOT NULL,
    external_file_id     TEXT,
    sha256               TEXT,
    pending_sha256       TEXT,
    stale_external_id    TEXT,
    updated_at           BIGINT NOT NULL,
    PRIMARY KEY (storefront_id, sku, name)
);

-- Durable outbox of pushes, one row per (storefront, pattern) to bring in line; a LeaseQueue table.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    lane          TEXT NOT NULL,
    sku           TEXT NOT NULL,
    target_hash   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'PENDING',
    attempts      INTEGER NOT NULL DEFAULT 0,
    available_at  BIGINT NOT NULL,
    lease_owner   TEXT,
    lease_token   TEXT,
    lease_until   BIGINT,
    last_error    TEXT,
    created_at    BIGINT NOT NULL,
    done_at       BIGINT
);
CREATE UNIQUE INDEX outbox_one_pending_per_pattern ON outbox (lane, sku) WHERE status = 'PENDING';
CREATE INDEX outbox_claimable ON outbox (status, lane, available_at, id);

-- OAuth tokens, sealed with AES-GCM by the hub's token store; never plaintext.
CREATE TABLE tokens (
    connection_id TEXT PRIMARY KEY,
    sealed        TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);
