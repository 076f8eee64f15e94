-- V5: one customer row per guest buyer. A guest (no platform customer id) is matched by email without regard
-- to case; two hub instances ingesting the same new guest's orders at once could each insert a row, because
-- only (platform, external_id) was unique and NULLs are distinct. First merge the duplicates already there
-- into the oldest row of each (platform, lower(email)), then let the database refuse new ones. Erased rows
-- (email cleared, external_id pseudonymized) stay out of both.

-- Each duplicate guest row and the oldest row of its group, which it is merged into.
CREATE TABLE customer_guest_merge (
    dup_id   TEXT PRIMARY KEY,
    keep_id  TEXT NOT NULL
);
INSERT INTO customer_guest_merge (dup_id, keep_id)
SELECT c.id, (SELECT k.id FROM customers k
              WHERE k.platform = c.platform AND k.external_id IS NULL AND k.erased_at IS NULL
                AND LOWER(k.email) = LOWER(c.email)
              ORDER BY k.created_at, k.id LIMIT 1)
FROM customers c
WHERE c.external_id IS NULL AND c.erased_at IS NULL AND c.email IS NOT NULL;
DELETE FROM customer_guest_merge WHERE dup_id = keep_id;

-- The kept row takes the group's latest email spelling, name and country (from the row active last, as the
-- ingest refreshes them on every order) and the latest activity.
UPDATE customers SET
    email = COALESCE((SELECT g.email FROM customers g
                      WHERE g.email IS NOT NULL AND (g.id = customers.id
                            OR g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id))
                      ORDER BY g.last_activity_at DESC, g.created_at DESC, g.id DESC LIMIT 1), email),
    name = COALESCE((SELECT g.name FROM customers g
                     WHERE g.name IS NOT NULL AND (g.id = customers.id
                           OR g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id))
                     ORDER BY g.last_activity_at DESC, g.created_at DESC, g.id DESC LIMIT 1), name),
    country = COALESCE((SELECT g.country FROM customers g
                        WHERE g.country IS NOT NULL AND (g.id = customers.id
                              OR g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id))
                        ORDER BY g.last_activity_at DESC, g.created_at DESC, g.id DESC LIMIT 1), country),
    last_activity_at = (SELECT MAX(g.last_activity_at) FROM customers g
                        WHERE g.id = customers.id
                           OR g.id IN (SELECT m.dup_id FROM customer_guest_merge m WHERE m.keep_id = customers.id))
WHERE id IN (SELECT keep_id FROM customer_guest_merge);

-- Everything that refers to a customer now refers to the kept row.
UPDATE orders SET customer_id = (SELECT m.keep_id FROM customer_guest_merge m WHERE m.dup_id = orders.customer_id)
WHERE customer_id IN (SELECT dup_id FROM customer_guest_merge);
UPDATE entitlements SET customer_id = (SELECT m.keep_id FROM customer_guest_merge m
                                       WHERE m.dup_id = entitlements.customer_id)
WHERE customer_id IN (SELECT dup_id FROM customer_guest_merge);
UPDATE notifications_sent SET customer_id = (SELECT m.keep_id FROM customer_guest_merge m
                                             WHERE m.dup_id = notifications_sent.customer_id)
WHERE customer_id IN (SELECT dup_id FROM customer_guest_merge);

DELETE FROM customers WHERE id IN (SELECT dup_id FROM customer_guest_merge);
DROP TABLE customer_guest_merge;

-- The ingest's guest lookup is LOWER(email) = LOWER(?): the same expression, so the index both serves it
-- and is what INSERT ... ON CONFLICT (platform, LOWER(email)) WHERE <this predicate> DO NOTHING infers.
CREATE UNIQUE INDEX customers_guest_email ON customers (platform, LOWER(email))
    WHERE external_id IS NULL AND erased_at IS NULL;
