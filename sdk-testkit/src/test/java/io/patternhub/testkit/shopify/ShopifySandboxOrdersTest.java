package io.patternhub.testkit.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxOrdersTest {
    static final String ORDERS = """
            query($after: String, $q: String) {
              orders(first: 50, after: $after, query: $q, sortKey: UPDATED_AT) {
                pageInfo { hasNextPage endCursor }
                edges { node {
                  id name email currencyCode updatedAt displayFinancialStatus
                  totalPriceSet { shopMoney { amount currencyCode } }
                  totalDiscountsSet { shopMoney { amount } }
                  discountCodes
                  taxLines { title rate priceSet { shopMoney { amount } } channelLiable }
                  lineItems(first: 5) { nodes { sku quantity originalUnitPriceSet { shopMoney { amount } } } }
                  refunds { id createdAt totalRefundedSet { shopMoney { amount } } }
                  transactions { kind amountSet { shopMoney { amount } } fees { amount { amount currencyCode } } }
                } }
              }
            }""";

    ShopifySandbox shop;
    Gql gql;

    @BeforeEach
    void start() {
        shop = ShopifySandbox.builder().accessToken("shpat_test").costBucket(100_000, 100_000).build().start();
        gql = new Gql(shop.graphqlUrl(), "shpat_test");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void seededOrdersCarryTaxesDiscountsRefundsAndFees() {
        shop.seedOrders(OrderSeed.builder().count(10).currencies("USD", "EUR").build());
        SandboxOrder tenth = shop.orders().get(9);
        // 12.00 - 2.00 discount = 10.00, 10% tax = 1.00, total 11.00, fully refunded; fee 2.9% + 0.30 = 0.62
        assertThat(tenth.totalPrice()).isEqualByComparingTo("11.00");
        assertThat(tenth.financialStatus()).isEqualTo("REFUNDED");
        assertThat(tenth.currency()).isEqualTo("EUR");
        assertThat(tenth.transactions().get(0).fee()).isEqualByComparingTo("0.62");
        assertThat(tenth.updatedAt()).isEqualTo(tenth.createdAt().plus(Duration.ofHours(1)));
        assertThat(shop.orders().get(6).email()).isEmpty();

        JsonNode node = gql.query("query($id: ID!) { order(id: $id) { totalPriceSet { shopMoney { amount } } "
                + "totalDiscountsSet { shopMoney { amount } } discountCodes taxLines { rate priceSet { shopMoney { amount } } } "
                + "refunds { totalRefundedSet { shopMoney { amount } } } "
                + "transactions { kind fees { amount { amount } } } } }", Map.of("id", tenth.id())).data().path("order");
        assertThat(node.path("totalPriceSet").path("shopMoney").path("amount").asText()).isEqualTo("11.00");
        assertThat(node.path("totalDiscountsSet").path("shopMoney").path("amount").asText()).isEqualTo("2.00");
        assertThat(node.path("discountCodes").get(0).asText()).isEqualTo("SEED10");
        assertThat(node.path("taxLines").get(0).path("rate").asDouble()).isEqualTo(0.1);
        assertThat(node.path("taxLines").get(0).path("priceSet").path("shopMoney").path("amount").asText()).isEqualTo("1.00");
        assertThat(node.path("refunds").get(0).path("totalRefundedSet").path("shopMoney").path("amount").asText())
                .isEqualTo("11.00");
        assertThat(node.path("transactions").get(0).path("fees").get(0).path("amount").path("amount").asText())
                .isEqualTo("0.62");
        assertThat(node.path("transactions").get(1).path("kind").asText()).isEqualTo("REFUND");
    }

    @Test
    void cursorPagesVisitEveryOrderOnceAndFilterByUpdatedAt() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        shop.seedOrders(OrderSeed.builder().count(120).start(start).interval(Duration.ofMinutes(10)).build());

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            Gql.Reply reply = gql.query(ORDERS, vars);
            assertThat(reply.errors().isMissingNode()).as(reply.body().toString()).isTrue();
            JsonNode orders = reply.data().path("orders");
            orders.path("edges").forEach(e -> seen.add(e.path("node").path("id").asText()));
            after = orders.path("pageInfo").path("hasNextPage").asBoolean() ? orders.path("pageInfo").path("endCursor").asText() : null;
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();

        Instant since = start.plus(Duration.ofMinutes(10 * 100));
        Gql.Reply recent = gql.query(ORDERS, Map.of("q", "updated_at:>='" + since + "'"));
        Set<String> expected = shop.orders().stream().filter(o -> !o.updatedAt().isBefore(since))
                .map(SandboxOrder::id).collect(Collectors.toSet());
        List<String> got = new ArrayList<>();
        recent.data().path("orders").path("edges").forEach(e -> got.add(e.path("node").path("id").asText()));
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
        assertThat(expected).hasSizeLessThan(120);
    }

    @Test
    void anUnsupportedSearchKeyFailsLoudly() {
        Gql.Reply reply = gql.query(ORDERS, Map.of("q", "fulfillment_status:shipped"));
        assertThat(reply.errors().get(0).path("message").asText()).contains("fulfillment_status");
    }

    @Test
    void twentyThousandOrdersSeedAndBackfillThroughABulkOperation() throws Exception {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(20_000).lineItemsPerOrder(2).skus("PH-1", "PH-2", "PH-3")
                .build());
        assertThat(ids).hasSize(20_000);

        Gql.Reply started = gql.query("mutation($q: String!) { bulkOperationRunQuery(query: $q) { "
                + "bulkOperation { id status } userErrors { field message } } }", Map.of("q", """
                { orders { edges { node { id name currencyCode
                  totalPriceSet { shopMoney { amount } }
                  lineItems { edges { node { id sku quantity } } } } } } }"""));
        assertThat(started.data().path("bulkOperationRunQuery").path("userErrors")).isEmpty();
        String opId = started.data().path("bulkOperationRunQuery").path("bulkOperation").path("id").asText();

        JsonNode op = awaitCompleted();
        assertThat(op.path("id").asText()).isEqualTo(opId);
        assertThat(op.path("rootObjectCount").asLong()).isEqualTo(20_000);
        assertThat(op.path("objectCount").asLong()).isEqualTo(60_000);

        String jsonl = gql.get(op.path("url").asText());
        String[] lines = jsonl.split("\n");
        assertThat(lines).hasSize(60_000);
        assertThat(op.path("fileSize").asLong()).isEqualTo(jsonl.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        JsonNode first = Gql.MAPPER.readTree(lines[0]);
        JsonNode child = Gql.MAPPER.readTree(lines[1]);
        assertThat(first.path("id").asText()).isEqualTo(ids.get(0));
        assertThat(first.has("lineItems")).isFalse();
        assertThat(first.has("__parentId")).isFalse();
        assertThat(first.path("totalPriceSet").path("shopMoney").path("amount").asText()).isEqualTo("26.40");
        assertThat(child.path("__parentId").asText()).isEqualTo(ids.get(0));
        assertThat(child.path("sku").asText()).isEqualTo("PH-1");
        assertThat(Gql.MAPPER.readTree(lines[3]).path("id").asText()).isEqualTo(ids.get(1));
        assertThat(shop.bulkOperations()).singleElement().satisfies(b -> assertThat(b.status()).isEqualTo("COMPLETED"));
    }

    @Test
    void anInvalidBulkQueryIsAUserErrorAndOnlyOneRunsAtATime() {
        Gql.Reply invalid = gql.query("mutation { bulkOperationRunQuery(query: \"{ orders { edges { node { nope } } } }\") "
                + "{ bulkOperation { id } userErrors { field message } } }");
        assertThat(invalid.data().path("bulkOperationRunQuery").path("userErrors").get(0).path("message").asText())
                .contains("nope");
        assertThat(shop.bulkOperations()).isEmpty();
    }

    JsonNode awaitCompleted() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode op = gql.query("{ currentBulkOperation { id status objectCount rootObjectCount fileSize url } }")
                    .data().path("currentBulkOperation");
            if (op.path("status").asText().equals("COMPLETED")) {
                return op;
            }
            assertThat(op.path("status").asText()).isIn("CREATED", "RUNNING");
            Thread.sleep(200);
        }
        throw new AssertionError("bulk operation did not complete");
    }

    @Test
    void payoutsAndBalanceTransactionsSettleTheCharges() {
        shop.seedOrders(OrderSeed.builder().count(48).interval(Duration.ofHours(1)).refundEvery(0).build());
        List<SandboxPayout> payouts = shop.settlePayouts();
        assertThat(payouts).hasSize(2);
        BigDecimal gross = shop.orders().stream().map(SandboxOrder::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(payouts.stream().map(SandboxPayout::gross).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(gross);
        assertThat(shop.settlePayouts()).isEmpty();

        JsonNode account = gql.query("{ shopifyPaymentsAccount { payouts(first: 5) { nodes { id status issuedAt "
                + "gross { amount currencyCode } net { amount } summary { chargesFee { amount } } } } } }")
                .data().path("shopifyPaymentsAccount");
        JsonNode payout = account.path("payouts").path("nodes").get(0);
        assertThat(payout.path("gross").path("amount").asText()).isEqualTo(payouts.get(0).gross().toPlainString());
        assertThat(payout.path("net").path("amount").asText()).isEqualTo(payouts.get(0).net().toPlainString());

        long payoutNumber = Long.parseLong(payouts.get(0).id().substring(payouts.get(0).id().lastIndexOf('/') + 1));
        JsonNode lines = gql.query("query($q: String) { shopifyPaymentsAccount { balanceTransactions(first: 50, query: $q) { "
                + "nodes { type amount { amount } fee { amount } net { amount } sourceOrderTransactionId "
                + "associatedOrder { id } associatedPayout { id } } } } }", Map.of("q", "payments_transfer_id:" + payoutNumber))
                .data().path("shopifyPaymentsAccount").path("balanceTransactions").path("nodes");
        assertThat(lines).hasSize(24);
        lines.forEach(l -> {
            assertThat(l.path("type").asText()).isEqualTo("CHARGE");
            assertThat(l.path("associatedPayout").path("id").asText()).isEqualTo(payouts.get(0).id());
            assertThat(new BigDecimal(l.path("amount").path("amount").asText())
                    .subtract(new BigDecimal(l.path("fee").path("amount").asText())))
                    .isEqualByComparingTo(l.path("net").path("amount").asText());
        });
    }
}
