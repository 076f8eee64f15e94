package io.patternhub.reliability.postgres;

import io.patternhub.core.webhook.StandardWebhookSigner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deliveries of one storm, shuffled: 20% are redeliveries of a valid one (same id, same bytes), 5%
 * carry a bad signature (half forged new orders signed with the wrong key, half real deliveries whose
 * total was raised after signing), and the rest are unique valid deliveries. Of those, one in fifty is
 * a refund of an earlier order (a second event for the same order, later {@code updated_at}), so two
 * instances meet on the same order; buyers come back (one customer per five orders), so they meet on the
 * same customer too. One buyer in three is a guest (no customer id, matched by email), whose orders spell
 * the email in different cases. Every order buys one pattern of the synced catalog.
 */
final class StormPlan {
    static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("pg-storm-secret-32-bytes-long!!!".getBytes(StandardCharsets.US_ASCII));

    /** One delivery as an endpoint receives it, and whether it is authentic. */
    record Delivery(Map<String, String> headers, byte[] body, boolean authentic) {
    }

    static final int BUYERS = 1_500;

    final List<Delivery> deliveries;
    /** External ids of every order a valid delivery carries. */
    final Set<String> orders = new TreeSet<>();
    /** External ids of the orders a valid refund delivery carries. */
    final Set<String> refunded = new TreeSet<>();
    final int bad;
    final int redeliveries;
    final int uniqueValid;

    StormPlan(int count, int catalogSize, Clock clock, long seed) {
        bad = count / 20;
        redeliveries = count / 5;
        uniqueValid = count - bad - redeliveries;
        Random random = new Random(seed);
        StandardWebhookSigner signer = StandardWebhookSigner.create(SECRET, clock);
        StandardWebhookSigner wrongKey = StandardWebhookSigner.create("whsec_" + Base64.getEncoder()
                .encodeToString("an-attacker-guessed-this-key-32b".getBytes(StandardCharsets.US_ASCII)), clock);

        List<Delivery> valid = new ArrayList<>();
        int paid = 0;
        for (int i = 0; i < uniqueValid; i++) {
            String body;
            if (i % 50 == 49) { // refund an order paid earlier in the list
                String id = "S-" + random.nextInt(paid);
                refunded.add(id);
                body = orderJson(id, "refunded", "2026-03-01T11:00:00Z", paidIndex(id), catalogSize);
            } else {
                String id = "S-" + paid;
                orders.add(id);
                body = orderJson(id, "paid", "2026-03-01T10:00:00Z", paid, catalogSize);
                paid++;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            valid.add(new Delivery(signer.sign("msg_pg" + i, clock.instant(), bytes), bytes, true));
        }
        List<Delivery> all = new ArrayList<>(valid);
        for (int i = 0; i < redeliveries; i++) {
            all.add(valid.get(random.nextInt(valid.size())));
        }
        for (int i = 0; i < bad; i++) {
            if (i % 2 == 0) {
                byte[] body = orderJson("F-" + i, "paid", "2026-03-01T10:00:00Z", 0, catalogSize)
                        .getBytes(StandardCharsets.UTF_8);
                all.add(new Delivery(wrongKey.sign("msg_pgf" + i, clock.instant(), body), body, false));
            } else {
                Delivery real = valid.get(random.nextInt(valid.size()));
                String text = new String(real.body(), StandardCharsets.UTF_8);
                byte[] tampered = text.replace("\"total\":\"", "\"total\":\"9").getBytes(StandardCharsets.UTF_8);
                all.add(new Delivery(real.headers(), tampered, false));
            }
        }
        Collections.shuffle(all, random);
        deliveries = List.copyOf(all);
    }

    /** The order's buyer: 1,500 buyers for ~7,350 orders, so customers repeat across deliveries. */
    static String customerOf(int orderIndex) {
        return "c-" + (orderIndex % BUYERS);
    }

    static String skuOf(int orderIndex, int catalogSize) {
        return PgCatalog.sku(orderIndex % catalogSize + 1);
    }

    static long cents(int orderIndex) {
        return 500 + (orderIndex % 997);
    }

    /** Every third buyer checks out as a guest: no customer id, only an email. */
    static boolean isGuest(String customer) {
        return Integer.parseInt(customer.substring(2)) % 3 == 0;
    }

    /** The buyer's email as one order spells it: a guest's case varies from order to order. */
    static String emailOf(String customer, int orderIndex) {
        String email = customer + "@example.com";
        return isGuest(customer) && (orderIndex / BUYERS) % 2 == 1 ? email.toUpperCase(java.util.Locale.ROOT) : email;
    }

    static int paidIndex(String orderId) {
        return Integer.parseInt(orderId.substring(2));
    }

    private static String orderJson(String id, String status, String updatedAt, int index, int catalogSize) {
        String amount = BigDecimal.valueOf(cents(index), 2).toPlainString();
        String customer = customerOf(index);
        return "{\"order_id\":\"" + id + "\",\"status\":\"" + status + "\",\"currency\":\"EUR\","
                + "\"created_at\":\"2026-03-01T10:00:00Z\",\"updated_at\":\"" + updatedAt + "\",\"total\":\"" + amount + "\","
                + "\"customer\":{" + (isGuest(customer) ? "" : "\"id\":\"" + customer + "\",")
                + "\"email\":\"" + emailOf(customer, index) + "\"},"
                + "\"lines\":[{\"sku\":\"" + skuOf(index, catalogSize) + "\",\"title\":\"Pattern\",\"quantity\":1,"
                + "\"unit_price\":\"" + amount + "\"}]}";
    }
}
