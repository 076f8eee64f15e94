package io.patternhub.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.quickbooks.QuickBooksSandbox;
import io.patternhub.testkit.xero.XeroSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** patternhub reconcile over a hub holding May orders (one partly refunded) and one April order. */
class CliReconcileTest {
    /** Codes of the shipped default mapping a posting of sales and refunds touches. */
    private static final String[][] ACCOUNTS = {{"200", "Sales", "REVENUE", "Income"},
        {"220", "Refunds", "REVENUE", "Income"}, {"610", "Clearing", "CURRENT", "Other Current Asset"},
        {"210", "Discounts", "REVENUE", "Income"}};

    @TempDir
    Path dir;
    private Map<String, String> env;

    @BeforeEach
    void seedHub() {
        env = new HashMap<>(Map.of("PATTERNHUB_DB", "hub.db"));
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            ingest.ingest(order(Platform.ETSY, "E-1", "2026-05-03T10:00:00Z", "8.00", null), "e1");
            ingest.ingest(order(Platform.SHOPIFY, "S-7", "2026-05-11T08:00:00Z", "12.50", "5.00"), "s7");
            ingest.ingest(order(Platform.ETSY, "E-0", "2026-04-20T10:00:00Z", "6.00", null), "e0");
        }
    }

    private static Order order(Platform p, String id, String at, String amount, String refunded) {
        Money total = Money.of(amount, "EUR");
        var b = Order.builder().platform(p).externalId(id).createdAt(Instant.parse(at))
                .buyer(CustomerRef.builder().platform(p).externalId("b-" + id).country("DE").build())
                .currency(Currency.getInstance("EUR"))
                .addLineItem(LineItem.builder().externalId("l-" + id).sku("SKU-" + id).title("Pattern " + id).quantity(1)
                        .unitPrice(total).build())
                .subtotal(total).total(total).status(OrderStatus.PAID);
        if (refunded != null) {
            b.status(OrderStatus.PARTIALLY_REFUNDED).updatedAt(Instant.parse(at).plusSeconds(86_400))
                    .addRefund(Refund.builder().externalId("r1").amount(Money.of(refunded, "EUR"))
                            .createdAt(Instant.parse(at).plusSeconds(86_400)).build());
        }
        return b.build();
    }

    @Test
    void dryRunJsonListsBalancedJournalsOfTheMonthOnly() throws Exception {
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero",
                "--mapping", "builtin:default", "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode journals = PatternHubJson.newMapper().readTree(run.out());
        // two sales and one refund in May; the April sale is read for context but not booked
        assertThat(journals).hasSize(3);
        for (JsonNode j : journals) {
            assertThat(j.path("date").asText()).startsWith("2026-05");
            assertThat(j.path("reference").asText()).startsWith("PH-");
            BigDecimal debit = BigDecimal.ZERO;
            BigDecimal credit = BigDecimal.ZERO;
            for (JsonNode l : j.path("lines")) {
                assertThat(l.path("account").asText()).isNotBlank();
                assertThat(l.path("currency").asText()).isEqualTo("EUR");
                assertThat(l.has("tax")).isTrue();
                debit = debit.add(l.path("debit").isNull() ? BigDecimal.ZERO : new BigDecimal(l.path("debit").asText()));
                credit = credit.add(l.path("credit").isNull() ? BigDecimal.ZERO : new BigDecimal(l.path("credit").asText()));
            }
            assertThat(debit).as(j.path("reference").asText()).isEqualByComparingTo(credit).isPositive();
        }
        assertThat(run.out()).contains("PH-SHOPIFY-REFUND-S_7").doesNotContain("E-0").doesNotContain("E_0");
        assertThat(run.err()).contains("nothing posted");
    }

    @Test
    void aMappingWithoutTheNeededKeysFailsListingEveryMissingKey() throws Exception {
        Files.writeString(dir.resolve("mapping.properties"), "account.*.sales = 200\n");
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero",
                "--mapping", "mapping.properties", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.err()).contains("account.etsy.clearing").contains("account.shopify.refunds")
                .contains("tax.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noMappingAtAllIsAClearFailure() throws Exception {
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.err()).contains("--mapping").contains("PATTERNHUB_ACCOUNT_MAPPING");
    }

    @Test
    void postsIntoTheXeroSandboxOnceAndASecondRunPostsNothing() throws Exception {
        try (XeroSandbox xero = XeroSandbox.xeroBuilder().organisation("org-1", "Pattern Studio", "EUR").build().start()) {
            for (String[] a : ACCOUNTS) {
                if (!a[0].equals("200")) {
                    xero.addAccount(a[0], a[1], a[2]);
                }
            }
            env.putAll(Map.of("PATTERNHUB_XERO_ACCESS_TOKEN", "x", "PATTERNHUB_XERO_TENANT_ID", "org-1",
                    "PATTERNHUB_XERO_BASE_URL", xero.baseUrl(), "PATTERNHUB_ACCOUNT_MAPPING", "builtin:default"));
            CliRun first = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.err()).contains("xero: 3 journal(s) posted, 0 already there");
            assertThat(xero.manualJournals()).hasSize(3);

            CliRun second = CliRun.run(dir, env, "reconcile", "--period", "2026-05", "--ledger", "xero");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.err()).contains("xero: 0 journal(s) posted, 3 already there");
            assertThat(xero.manualJournals()).hasSize(3);
            assertThat(xero.journal().validationFailures()).isEmpty();
        }
    }

    @Test
    void postsIntoTheQuickBooksSandboxOnceAndASecondRunPostsNothing() throws Exception {
        try (QuickBooksSandbox qb = QuickBooksSandbox.quickBooksBuilder().build().start()) {
            for (String[] a : ACCOUNTS) {
                qb.addAccount(a[0], a[1], a[3]);
            }
            qb.addTaxCode("NONE", "No VAT", BigDecimal.ZERO);
            env.putAll(Map.of("PATTERNHUB_QUICKBOOKS_ACCESS_TOKEN", "q", "PATTERNHUB_QUICKBOOKS_REALM_ID", qb.realmId(),
                    "PATTERNHUB_QUICKBOOKS_BASE_URL", qb.baseUrl()));
            List<String> args = List.of("reconcile", "--period", "2026-05", "--ledger", "quickbooks", "--mapping",
                    "builtin:default");
            CliRun first = CliRun.run(dir, env, args.toArray(String[]::new));
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.err()).contains("quickbooks: 3 journal(s) posted, 0 already there");
            assertThat(qb.journalEntries()).hasSize(3);

            CliRun second = CliRun.run(dir, env, args.toArray(String[]::new));
            assertThat(second.err()).contains("quickbooks: 0 journal(s) posted, 3 already there");
            assertThat(qb.journalEntries()).hasSize(3);
        }
    }
}
