-- V2: order ingest, buyer access, notifications and privacy (ORDERS+ACCESS).

-- Customers: the only table holding personal data (email, name, country, the platform's customer id).
-- Erasure nulls or pseudonymizes these columns; nothing else refers to a person except by customers.id.
-- There is no column for card or payment-instrument data anywhere in the hub.
CREATE TABLE customers (
    id                TEXT PRIMARY KEY,
    platform          TEXT NOT NULL,
    external_id       TEXT,
    email             TEXT,
    name              TEXT,
    country           TEXT,
    created_at        BIGINT NOT NULL,
    last_activity_at  BIGINT NOT NULL,
    erased_at         BIGINT
);
CREATE UNIQUE INDEX customers_platform_external ON customers (platform, external_id);
CREATE INDEX customers_email ON customers (email);

-- Orders, kept for accounting: amounts as decimal strings, times as epoch milliseconds.
CREATE TABLE orders (
    id              TEXT PRIMARY KEY,
    platform        TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    order_number    TEXT,
    customer_id     TEXT REFERENCES customers (id),
    status          TEXT NOT NULL,
    currency        TEXT NOT NULL,
    subtotal        TEXT NOT NULL,
    total           TEXT NOT NULL,
    total_refunded  TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT,
    ingested_at     BIGINT NOT NULL,
    CONSTRAINT orders_platform_external UNIQUE (platform, external_id)
);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_lines (
    order_id             TEXT NOT NULL REFERENCES orders (id),
    line_no              INTEGER NOT NULL,
    external_id          TEXT,
    sku                  TEXT,
    listing_external_id  TEXT,
    title                TEXT NOT NULL,
    quantity             INTEGER NOT NULL,
    unit_price           TEXT NOT NULL,
    discount             TEXT,
    PRIMARY KEY (order_id, line_no)
);

-- Every state an order reached, once: the unique key is what makes handler delivery exactly once per state.
CREATE TABLE order_changes (
    id               TEXT PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES orders (id),
    status           TEXT NOT NULL,
    previous_status  TEXT,
    event_id         TEXT,
    occurred_at      BIGINT NOT NULL,
    CONSTRAINT order_changes_once UNIQUE (order_id, status)
);

-- One row per (change, registered handler), worked through LeaseQueue; lane = the handler's name.
CREATE TABLE order_change_deliveries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    lane          TEXT NOT NULL,
    change_id     TEXT NOT NULL REFERENCES order_changes (id),
    status        TEXT NOT NULL DEFAULT 'PENDING',
    attempts      INTEGER NOT NULL DEFAULT 0,
    available_at  BIGINT NOT NULL,
    lease_owner   TEXT,
    lease_token   TEXT,
    lease_until   BIGINT,
    last_error    TEXT,
    created_at    BIGINT NOT NULL,
    CONSTRAINT order_change_deliveries_once UNIQUE (change_id, lane)
);
CREATE INDEX order_change_deliveries_claim ON order_change_deliveries (status, available_at);

-- Polling cursors, one per storefront connection: orders modified at or after updated_since are fetched next.
CREATE TABLE poll_cursors (
    source         TEXT PRIMARY KEY,
    updated_since  BIGINT,
    polled_at      BIGINT NOT NULL
);

-- What a buyer may download: one row per order and SKU.
CREATE TABLE entitlements (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders (id),
    customer_id    TEXT REFERENCES customers (id),
    sku            TEXT NOT NULL,
    granted_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    revoke_reason  TEXT,
    CONSTRAINT entitlements_order_sku UNIQUE (order_id, sku)
);
CREATE INDEX entitlements_sku ON entitlements (sku);
CREATE INDEX entitlements_customer ON entitlements (customer_id);

-- Signed download links: the signature covers id, expiry and limit; the count lives here.
CREATE TABLE download_links (
    id                TEXT PRIMARY KEY,
    entitlement_id    TEXT NOT NULL REFERENCES entitlements (id),
    file_name         TEXT NOT NULL,
    file_version      TEXT,
    expires_at        BIGINT NOT NULL,
    max_downloads     INTEGER NOT NULL,
    downloads         INTEGER NOT NULL DEFAULT 0,
    created_at        BIGINT NOT NULL,
    last_download_at  BIGINT
);
CREATE INDEX download_links_entitlement ON download_links (entitlement_id);

-- Messages sent to buyers, keyed so the same message is never sent twice. No address is stored.
CREATE TABLE notifications_sent (
    notification_key  TEXT PRIMARY KEY,
    customer_id       TEXT REFERENCES customers (id),
    kind              TEXT NOT NULL,
    state             TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    sent_at           BIGINT
);
CREATE INDEX notifications_sent_customer ON notifications_sent (customer_id);

-- Webhook inbox: verified events stored before the delivery is acknowledged, worked through LeaseQueue.
-- lane = the source (storefront connection) it came from; (lane, event_id) deduplicates redeliveries.
-- payload is the parsed event as JSON and is cleared once processed (it may carry personal data).
CREATE TABLE webhook_inbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
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
CREATE INDEX webhook_inbox_claim ON webhook_inbox (status, available_at);
