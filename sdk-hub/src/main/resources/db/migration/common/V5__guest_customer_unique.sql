-- V5: one customer row per guest buyer. A guest (no platform customer id) is matched by email without regard
-- to case; two hub instances ingesting the same new guest's orders at once could each insert a row, because
-- only (platform, external_id) was unique and NULLs are distinct. First merge the duplicates already there
-- into the oldest row of each (platform, LOWER(email)), then let the database refuse new ones. Erased rows
-- (email cleared, external_id pseudonymized, erased_at set) stay out of both.

-- The same expression and predicate as the unique index below, not yet unique: it makes finding each
-- group's oldest row an index lookup instead of a scan per guest.
CREATE INDEX customers_guest_email_merge ON customers (platform, LOWER(email))
    WHERE external_id IS NULL AND erased_at IS NULL;

-- Every guest row and the oldest row of its group (itself when it is the oldest or alone).
CREATE TABLE customer_guest_merge (
    dup_id   TEXT PRIMARY KEY,
    keep_id  TEXT NOT NULL
);
INSERT INTO customer_guest_merge (dup_id, keep_id)
SELECT c.id, (SELECT k.id FROM customers k
              WHERE k.platform = c.platform AND LOWER(k.email) = LOWER(c.email)
                AND k.external_id IS NULL AND k.erased_at IS NULL
              ORDER BY k.created_at, k.id LIMIT 1)
FROM customers c
WHERE c.external_id IS NULL AND c.erased_at IS NULL AND c.email IS NOT NULL;
CREATE INDEX customer_guest_merge_keep ON customer_guest_merge (keep_id);

-- The kept row takes its group's latest email spelling, name and country (from the row active last, as the
-- ingest refreshes them on every order) and the latest activity; created_at stays the oldest.
UPDATE customers SET
    email = COALESCE((SELECT g.email FROM customers g
                      WHERE g.email IS NOT NULL
                        AND g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id)
                      ORDER BY g.last_activity_at DESC, g.created_at DESC, g.id DESC LIMIT 1), email),
    name = COALESCE((SELECT g.name FROM customers g
                     WHERE g.name IS NOT NULL
                       AND g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id)
                     ORDER BY g.last_activity_at DESC, g.created_at DESC, g.id DESC LIMIT 1), name),
    country = COALESCE((SELECT g.country FROM customers g
                        WHERE g.country IS NOT NULL
                          AND g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id)
                        ORDER BY g.last_activity_at DESC, g.created_at DESC, g.id DESC LIMIT 1), country),
    last_activity_at = (SELECT MAX(g.last_activity_at) FROM customers g
                        WHERE g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id))
WHERE id IN (SELECT keep_id FROM customer_guest_merge WHERE dup_id <> keep_id);

-- Everything that refers to a customer now refers to the kept row.
UPDATE orders SET customer_id = (SELECT m.keep_id FROM customer_guest_merge m WHERE m.dup_id = orders.customer_id)
WHERE customer_id IN (SELECT dup_id FROM customer_guest_merge WHERE dup_id <> keep_id);
UPDATE entitlements SET customer_id = (SELECT m.keep_id FROM customer_guest_merge m
                                       WHERE m.dup_id = entitlements.customer_id)
WHERE customer_id IN (SELECT dup_id FROM customer_guest_merge WHERE dup_id <> keep_id);
UPDATE notifications_sent SET customer_id = (SELECT m.keep_id FROM customer_guest_merge m
                                             WHERE m.dup_id = notifications_sent.customer_id)
WHERE customer_id IN (SELECT dup_id FROM customer_guest_merge WHERE dup_id <> keep_id);

DELETE FROM customers WHERE id IN (SELECT dup_id FROM customer_guest_merge WHERE dup_id <> keep_id);
DROP TABLE customer_guest_merge;
DROP INDEX customers_guest_email_merge;

-- The ingest's guest lookup is LOWER(email) = LOWER(?) with this predicate: the same expression, so the index
-- serves it and is the one INSERT ... ON CONFLICT (platform, LOWER(email)) WHERE <predicate> DO NOTHING infers.
CREATE UNIQUE INDEX customers_guest_email ON customers (platform, LOWER(email))
    WHERE external_id IS NULL AND erased_at IS NULL;
