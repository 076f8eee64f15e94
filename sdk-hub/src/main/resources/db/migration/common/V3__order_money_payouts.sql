-- V3: what accounting needs beyond V2's amounts and lines: an order's fees, tax lines, individual refunds,
-- discounts and payout reference, and the platforms' payouts. Amounts are decimal strings, times epoch
-- milliseconds, days epoch days. No personal data: refund reasons are free text a buyer may have written, so
-- erasure clears them; tax lines keep only the tax country and region, which the books need.

ALTER TABLE orders ADD COLUMN discounts_total TEXT;
ALTER TABLE orders ADD COLUMN payout_reference TEXT;

-- Platform fees of an order; each may be in another currency than the order (the seller's).
CREATE TABLE order_fees (
    order_id     TEXT NOT NULL REFERENCES orders (id),
    fee_no       INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    amount       TEXT NOT NULL,
    currency     TEXT NOT NULL,
    tax          TEXT,
    description  TEXT,
    PRIMARY KEY (order_id, fee_no)
);

-- Tax lines of an order, in the order's currency, with who collected them.
CREATE TABLE order_taxes (
    order_id      TEXT NOT NULL REFERENCES orders (id),
    tax_no        INTEGER NOT NULL,
    amount        TEXT NOT NULL,
    rate          TEXT,
    country       TEXT,
    region        TEXT,
    collected_by  TEXT NOT NULL,
    title         TEXT,
    PRIMARY KEY (order_id, tax_no)
);

-- Individual refunds, in the order's currency; line_refs is a JSON array of the refunded lines' ids.
CREATE TABLE order_refunds (
    order_id     TEXT NOT NULL REFERENCES orders (id),
    refund_no    INTEGER NOT NULL,
    external_id  TEXT NOT NULL,
    amount       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    reason       TEXT,
    line_refs    TEXT NOT NULL,
    PRIMARY KEY (order_id, refund_no)
);
CREATE INDEX order_refunds_created ON order_refunds (created_at);

-- A platform's settlement to the seller's bank, upserted by (platform, external_id).
CREATE TABLE payouts (
    id             TEXT PRIMARY KEY,
    platform       TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    status         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    gross          TEXT NOT NULL,
    fees           TEXT NOT NULL,
    refunds        TEXT NOT NULL,
    adjustments    TEXT NOT NULL,
    net            TEXT NOT NULL,
    period_start   BIGINT,
    period_end     BIGINT,
    arrival_day    BIGINT,
    first_seen_at  BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CONSTRAINT payouts_platform_external UNIQUE (platform, external_id)
);

-- The orders a payout settles, by the platform's order id (the order may not be in the hub yet).
CREATE TABLE payout_orders (
    payout_id          TEXT NOT NULL REFERENCES payouts (id),
    position           INTEGER NOT NULL,
    order_external_id  TEXT NOT NULL,
    PRIMARY KEY (payout_id, position)
);
CREATE INDEX payout_orders_order ON payout_orders (order_external_id);

-- Fees deducted from a payout that belong to no order (listing fees, ads), in the payout's currency.
CREATE TABLE payout_fees (
    payout_id    TEXT NOT NULL REFERENCES payouts (id),
    fee_no       INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    amount       TEXT NOT NULL,
    currency     TEXT NOT NULL,
    tax          TEXT,
    description  TEXT,
    PRIMARY KEY (payout_id, fee_no)
);

-- Payout polling cursors, one per storefront connection: payouts created at or after since are fetched next.
CREATE TABLE payout_cursors (
    source     TEXT PRIMARY KEY,
    since      BIGINT,
    polled_at  BIGINT NOT NULL
);
