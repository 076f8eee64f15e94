package io.patternhub.examples.cli;

import static io.patternhub.examples.cli.DryRunJournals.bank;
import static io.patternhub.examples.cli.DryRunJournals.lines;
import static io.patternhub.examples.cli.DryRunJournals.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.Payouts;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.SandboxPayout;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.xero.XeroSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shopify orders (seller-owed VAT, Shopify Payments fees, one refunded) and their Shopify Payments payouts
 * pulled from the ShopifySandbox by {@code orders pull}, reconciled per payout: the VAT is the seller's
 * (826, not passed through), each payout's bank line is its deposit, and posting to Xero twice books once.
 */
class CliShopifyPayoutReconcileTest {
    /** The shipped default mapping's accounts the Xero sandbox does not seed. */
    private static final String[][] XERO_ACCOUNTS = {{"210", "Discounts", "REVENUE"}, {"220", "Refunds", "REVENUE"},
        {"404", "Transaction fees", "OVERHEADS"}, {"405", "Payment processing fees", "OVERHEADS"},
        {"409", "Other fees", "OVERHEADS"}, {"610", "Marketplace clearing", "CURRENT"},
        {"825", "Marketplace-collected tax", "CURRLIAB"}, {"826", "Sales tax owed", "CURRLIAB"},
        {"861", "FX gains and losses", "OVERHEADS"}, {"862", "Payout adjustments", "OVERHEADS"}};

    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-05-04T08:00:00Z"));
    private final Map<String, String> env = new HashMap<>();
    private ShopifySandbox shopify;
    private List<SandboxPayout> settled;

    @BeforeEach
    void sellAndGetPaid() {
        shopify = ShopifySandbox.builder().accessToken("shpat_test").clock(clock).build().start();
        // four May orders a day apart, 12.00 + 20 % VAT, every 2nd with a 2.00 discount, the 3rd refunded
        shopify.seedOrders(OrderSeed.builder().count(4).start(Instant.parse("2026-05-04T10:00:00Z"))
                .interval(Duration.ofDays(1)).currencies("EUR").skus("PH-SEW-001").unitPrice("12.00")
                .taxRate("0.20").discountEvery(2, "2.00").refundEvery(3).fees("0.029", "0.30").build());
        clock.set(Instant.parse("2026-05-12T08:00:00Z"));
        settled = shopify.settlePayouts();
        env.putAll(Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_SHOPIFY_SHOP", shopify.shopDomain(),
                "PATTERNHUB_SHOPIFY_ACCESS_TOKEN", "shpat_test", "PATTERNHUB_SHOPIFY_BASE_URL", shopify.baseUrl()));
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    @Test
    void ordersAndPayoutsReconcilePerPayoutAndPostToXeroOnce() throws Exception {
        assertThat(settled).isNotEmpty();
        CliRun pull = CliRun.run(dir, env, "orders", "pull");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("shopify: 4 order(s) read").contains(settled.size() + " payout(s) read");

        List<Payout> payouts;
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            payouts = new Payouts(store).all();
            List<Order> orders = new Orders(store).allOrders();
            assertThat(payouts).hasSize(settled.size()).allSatisfy(p -> assertThat(p.orderIds()).isNotEmpty());
            assertThat(orders).hasSize(4).allSatisfy(o -> {
                assertThat(o.taxCollectedBy(TaxCollector.SELLER).isPositive()).isTrue();
                assertThat(o.taxCollectedBy(TaxCollector.MARKETPLACE).isZero()).isTrue();
                assertThat(o.totalFees().isPositive()).isTrue();
            });
            assertThat(orders).anySatisfy(o -> assertThat(o.refunds()).isNotEmpty());
        }

        JsonNode may = dryRun();
        assertThat(may).hasSize(payouts.size());
        Money deposits = Money.zero(payouts.get(0).currency());
        for (Payout payout : payouts) {
            JsonNode journal = journalOf(may, payout);
            assertThat(bank(journal)).as("bank line of " + payout.externalId())
                    .isEqualByComparingTo(payout.net().amount());
            assertThat(sum(journal, "debit")).isEqualByComparingTo(sum(journal, "credit"));
            deposits = deposits.plus(payout.net());
        }
        // the seller owes the VAT: 826 lines, and nothing passes through the marketplace-tax account
        assertThat(lines(may, "826")).isNotEmpty();
        assertThat(lines(may, "825")).isEmpty();
        assertThat(lines(may, "405")).isNotEmpty();
        assertThat(lines(may, "220")).as("the refund").isNotEmpty();
        assertThat(deposits.isPositive()).isTrue();

        try (XeroSandbox xero = XeroSandbox.xeroBuilder().organisation("org-1", "Pattern Studio", "EUR").build().start()) {
            for (String[] a : XERO_ACCOUNTS) {
                xero.addAccount(a[0], a[1], a[2]);
            }
            env.putAll(Map.of("PATTERNHUB_XERO_ACCESS_TOKEN", "x", "PATTERNHUB_XERO_TENANT_ID", "org-1",
                    "PATTERNHUB_XERO_BASE_URL", xero.baseUrl(), "PATTERNHUB_ACCOUNT_MAPPING", "builtin:default"));
            CliRun first = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero", "--mode", "payout");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.err()).contains("xero: " + payouts.size() + " journal(s) posted, 0 already there");
            CliRun second = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero", "--mode", "payout");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.err()).contains("xero: 0 journal(s) posted, " + payouts.size() + " already there");
            assertThat(xero.invoices()).hasSize(payouts.size());
            assertThat(xero.journal().validationFailures()).isEmpty();
        }
    }

    private JsonNode dryRun() throws Exception {
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero", "--mode", "payout",
                "--mapping", "builtin:default", "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("have no payout in the hub yet");
        return PatternHubJson.newMapper().readTree(run.out());
    }

    private static JsonNode journalOf(JsonNode journals, Payout payout) {
        for (JsonNode j : journals) {
            if (j.path("reference").asText().startsWith("PH-SHOPIFY-PAYOUT-")
                    && j.path("memo").asText("").contains(payout.externalId())) {
                return j;
            }
        }
        throw new AssertionError("no journal of payout " + payout.externalId() + " in " + journals);
    }
}
