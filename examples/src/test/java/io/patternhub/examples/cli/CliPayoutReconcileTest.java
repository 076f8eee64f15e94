package io.patternhub.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.Payouts;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.ReceiptSeed;
import io.patternhub.testkit.etsy.TransactionSeed;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.xero.XeroSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.patternhub.examples.cli.DryRunJournals.etsyPayoutBank;
import static io.patternhub.examples.cli.DryRunJournals.lines;
import static io.patternhub.examples.cli.DryRunJournals.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Etsy orders (with fees, one refunded, one with marketplace VAT) and payouts pulled into the hub by
 * {@code orders pull}, then reconciled per payout: fee and refund lines appear, and each payout's bank
 * lines add up to its deposit, across the month end it spans. The VAT sale is not paid out yet, so it is
 * checked per order; {@link CliEtsyPayoutSettlementTest} reconciles paid-out VAT, shop fees and a refund
 * paid out a month after its sale.
 */
class CliPayoutReconcileTest {
    /** The shipped default mapping's accounts the Xero sandbox does not seed. */
    private static final String[][] XERO_ACCOUNTS = {{"210", "Discounts", "REVENUE"}, {"220", "Refunds", "REVENUE"},
        {"405", "Payment processing fees", "OVERHEADS"}, {"406", "Listing fees", "OVERHEADS"},
        {"407", "Ads", "OVERHEADS"}, {"408", "Conversion fees", "OVERHEADS"}, {"409", "Other fees", "OVERHEADS"},
        {"610", "Marketplace clearing", "CURRENT"}, {"825", "Marketplace-collected tax", "CURRLIAB"},
        {"826", "Sales tax owed", "CURRLIAB"}, {"861", "FX gains and losses", "OVERHEADS"},
        {"862", "Payout adjustments", "OVERHEADS"}};

    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-05-04T09:00:00Z"));
    private EtsySandbox etsy;
    private final Map<String, String> env = new HashMap<>();
    private Money firstDeposit;
    private Money secondDeposit;

    @BeforeEach
    void sellAndGetPaid() {
        etsy = EtsySandbox.builder().perSecondLimit(1000).clock(clock).build().start();
        env.putAll(CliRun.etsyHubSettings(etsy));

        // May: two sales, one partly refunded; paid out on 20 May
        etsy.addReceipt(receipt("PH-SEW-001", "20.00", "0.00", "1.50", "2026-05-05T10:00:00Z"));
        long socks = etsy.addReceipt(receipt("PH-KNT-002", "10.00", "0.00", "0.80", "2026-05-12T10:00:00Z"));
        clock.set(Instant.parse("2026-05-14T08:00:00Z"));
        etsy.refund(socks, Money.of("3.00", "USD"), "wrong yarn weight");
        clock.set(Instant.parse("2026-05-20T06:00:00Z"));
        firstDeposit = etsy.disburse(etsy.defaultShopId(), "USD");
        // a sale at the end of May paid out on 3 June: one payout across the month end
        etsy.addReceipt(receipt("PH-CRO-001", "8.00", "0.00", "0.60", "2026-05-29T10:00:00Z"));
        clock.set(Instant.parse("2026-06-03T06:00:00Z"));
        secondDeposit = etsy.disburse(etsy.defaultShopId(), "USD");
        // a June sale with VAT Etsy collects, not paid out yet
        etsy.addReceipt(receipt("PH-SEW-004", "15.00", "2.85", "1.10", "2026-06-05T10:00:00Z"));
        clock.set(Instant.parse("2026-06-06T06:00:00Z"));
        clock.advance(Duration.ofHours(1));
        // issued by the sandbox clock as it now stands, so it is valid for the pulls below
        env.put("PATTERNHUB_ETSY_ACCESS_TOKEN", etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
    }

    private static ReceiptSeed receipt(String sku, String price, String vat, String fees, String at) {
        return ReceiptSeed.builder("USD").transaction(TransactionSeed.of(sku, "Pattern " + sku, 1, Money.of(price, "USD")))
                .vat(vat).fees(fees).createdAt(Instant.parse(at)).build();
    }

    @AfterEach
    void stop() {
        etsy.close();
    }

    @Test
    void ordersAndPayoutsArePulledAndReconciledPerPayout() throws Exception {
        CliRun pull = CliRun.run(dir, env, "orders", "pull");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("etsy: 4 order(s) read, 4 new or changed; 2 payout(s) read, 2 new or changed");

        List<Payout> payouts;
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            payouts = new Payouts(store).all();
            List<Order> orders = new Orders(store).allOrders();
            assertThat(payouts).extracting(Payout::net).containsExactlyInAnyOrder(firstDeposit, secondDeposit);
            assertThat(orders.get(0).totalFees()).isEqualTo(Money.of("1.50", "USD"));
            assertThat(orders.get(1).refunds()).singleElement().satisfies(r ->
                    assertThat(r.amount()).isEqualTo(Money.of("3.00", "USD")));
            assertThat(orders.get(3).taxCollectedBy(TaxCollector.MARKETPLACE)).isEqualTo(Money.of("2.85", "USD"));
            assertThat(payouts).allSatisfy(p -> assertThat(p.orderIds()).isNotEmpty());
        }

        // polling again reads the payouts again from the cursor and stores nothing twice
        CliRun again = CliRun.run(dir, env, "orders", "pull");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 new or changed; ").contains("payout(s) read, 0 new or changed");

        JsonNode may = dryRun("2026-05", "payout");
        JsonNode june = dryRun("2026-06", "payout");
        assertThat(lines(may, "405")).as("payment processing fee lines").isNotEmpty();
        assertThat(lines(may, "220")).as("refund lines").isNotEmpty();
        // the June VAT sale has no payout yet: per order it is booked, with Etsy's VAT passing through 825
        JsonNode juneOrders = dryRun("2026-06", "order");
        assertThat(lines(juneOrders, "825")).as("marketplace VAT lines").hasSize(2)
                .allSatisfy(l -> assertThat(new BigDecimal(l.path(l.path("debit").isNull() ? "credit" : "debit").asText()))
                        .isEqualByComparingTo("2.85"));
        for (Payout payout : payouts) {
            String id = payout.externalId();
            BigDecimal banked = etsyPayoutBank(may, id).add(etsyPayoutBank(june, id));
            assertThat(banked).as("bank lines of payout " + id).isEqualByComparingTo(payout.net().amount());
        }
        // the first payout lies within May: its one summary's bank line is the whole deposit
        Payout first = payouts.stream().filter(p -> p.net().equals(firstDeposit)).findFirst().orElseThrow();
        assertThat(etsyPayoutBank(may, first.externalId())).isEqualByComparingTo(firstDeposit.amount());
        assertThat(etsyPayoutBank(june, first.externalId())).isZero();
        for (JsonNode j : may) {
            assertThat(sum(j, "debit")).as(j.path("reference").asText()).isEqualByComparingTo(sum(j, "credit"));
        }
    }

    @Test
    void postingPayoutSummariesToXeroTwiceBooksThemOnce() throws Exception {
        CliRun pull = CliRun.run(dir, env, "orders", "pull");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        try (XeroSandbox xero = XeroSandbox.xeroBuilder().organisation("org-1", "Pattern Studio", "USD").build().start()) {
            for (String[] a : XERO_ACCOUNTS) {
                xero.addAccount(a[0], a[1], a[2]);
            }
            env.putAll(Map.of("PATTERNHUB_XERO_ACCESS_TOKEN", "x", "PATTERNHUB_XERO_TENANT_ID", "org-1",
                    "PATTERNHUB_XERO_BASE_URL", xero.baseUrl(), "PATTERNHUB_ACCOUNT_MAPPING", "builtin:default"));
            int expected = dryRun("2026-05", "payout").size();
            assertThat(expected).isEqualTo(2); // the May payout and the May part of the June one

            CliRun first = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero", "--mode", "payout");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.err()).contains("xero: 2 journal(s) posted, 0 already there");
            CliRun second = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero", "--mode", "payout");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.err()).contains("xero: 0 journal(s) posted, 2 already there");
            // per payout, Xero gets the A2X-style summary invoice and its payment to the bank, once each
            assertThat(xero.invoices()).hasSize(2);
            assertThat(xero.payments()).hasSize(2);
            assertThat(xero.journal().validationFailures()).isEmpty();
        }
    }

    private JsonNode dryRun(String period, String mode) throws Exception {
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", period, "--ledger", "xero", "--mode", mode,
                "--mapping", "builtin:default", "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return PatternHubJson.newMapper().readTree(run.out());
    }
}
