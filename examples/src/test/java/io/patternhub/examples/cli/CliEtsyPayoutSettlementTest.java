package io.patternhub.examples.cli;

import static io.patternhub.examples.cli.DryRunJournals.etsyPayoutBank;
import static io.patternhub.examples.cli.DryRunJournals.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import io.patternhub.hub.ingest.Payouts;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.ReceiptSeed;
import io.patternhub.testkit.etsy.TransactionSeed;
import io.patternhub.testkit.time.ManualClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Etsy payouts that settle what the sandbox's ledger really holds, pulled by {@code orders pull} and
 * reconciled per payout: the VAT Etsy collects and remits (debited in the ledger, kept out of the
 * deposit), listing and ads fees that belong to no order, and a refund paid out a month after its sale
 * with the processing fee Etsy gives back on it.
 *
 * <p>May: sale A 15.00 + 2.85 VAT (fee 1.10), sale B 20.00 (fee 1.50), a listing fee 0.20 and Etsy Ads
 * 1.00; deposit 17.85 - 2.85 - 1.10 + 20.00 - 1.50 - 0.20 - 1.00 = 31.20. June: A refunded 5.95 (its VAT
 * share 5.95 * 2.85 / 17.85 = 0.95 comes back from Etsy, and the fee given back is 1.10 - 1.10 * 11.90 /
 * 17.85 = 0.37), sale C 10.00 (fee 0.60); deposit 10.00 - 0.60 - 5.95 + 0.95 + 0.37 = 4.77.
 */
class CliEtsyPayoutSettlementTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-05-04T09:00:00Z"));
    private final Map<String, String> env = new HashMap<>();
    private EtsySandbox etsy;
    private long saleA;

    @BeforeEach
    void sellRefundAndGetPaid() {
        etsy = EtsySandbox.builder().perSecondLimit(1000).clock(clock).build().start();
        env.putAll(CliRun.etsyHubSettings(etsy));

        saleA = etsy.addReceipt(receipt("PH-SEW-004", "15.00", "2.85", "1.10", "2026-05-05T10:00:00Z"));
        etsy.addReceipt(receipt("PH-KNT-002", "20.00", "0.00", "1.50", "2026-05-08T10:00:00Z"));
        clock.set(Instant.parse("2026-05-10T08:00:00Z"));
        etsy.chargeFee(etsy.defaultShopId(), "listing", usd("0.20"), "listing", "77001");
        clock.set(Instant.parse("2026-05-12T08:00:00Z"));
        etsy.chargeFee(etsy.defaultShopId(), "prolist", usd("1.00"), "shop", String.valueOf(etsy.defaultShopId()));
        clock.set(Instant.parse("2026-05-20T06:00:00Z"));
        assertThat(etsy.disburse(etsy.defaultShopId(), "USD")).isEqualTo(usd("31.20"));

        clock.set(Instant.parse("2026-06-02T09:00:00Z"));
        etsy.refund(saleA, usd("5.95"), "printed the wrong size");
        etsy.addReceipt(receipt("PH-CRO-001", "10.00", "0.00", "0.60", "2026-06-05T10:00:00Z"));
        clock.set(Instant.parse("2026-06-10T06:00:00Z"));
        assertThat(etsy.disburse(etsy.defaultShopId(), "USD")).isEqualTo(usd("4.77"));
        clock.set(Instant.parse("2026-06-11T06:00:00Z"));
        env.put("PATTERNHUB_ETSY_ACCESS_TOKEN", etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static ReceiptSeed receipt(String sku, String price, String vat, String fees, String at) {
        return ReceiptSeed.builder("USD").transaction(TransactionSeed.of(sku, "Pattern " + sku, 1, usd(price)))
                .vat(vat).fees(fees).createdAt(Instant.parse(at)).build();
    }

    @AfterEach
    void stop() {
        etsy.close();
    }

    @Test
    void vatShopFeesAndALaterRefundReconcilePerPayout() throws Exception {
        CliRun pull = CliRun.run(dir, env, "orders", "pull");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("etsy: 3 order(s) read").contains("2 payout(s) read, 2 new or changed");

        Payout may;
        Payout june;
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            List<Payout> payouts = new Payouts(store).all();
            may = payouts.stream().filter(p -> p.net().equals(usd("31.20"))).findFirst().orElseThrow();
            june = payouts.stream().filter(p -> p.net().equals(usd("4.77"))).findFirst().orElseThrow();
            // the listing and ads fees were stored with the May payout by orders pull
            assertThat(may.payoutFees()).extracting(f -> f.kind()).containsExactly(FeeKind.LISTING, FeeKind.ADS);
            assertThat(may.adjustments().isZero()).isTrue();
            assertThat(june.adjustments().isZero()).isTrue();
            // the June payout settles sale A's refund: it lists A although A was sold (and paid out) in May
            assertThat(june.orderIds()).contains(String.valueOf(saleA));
            assertThat(may.orderIds()).contains(String.valueOf(saleA));
        }

        JsonNode mayJournals = dryRun("2026-05");
        JsonNode juneJournals = dryRun("2026-06");
        // each payout is one summary in its own month whose bank line is the deposit, and none in the other
        assertThat(etsyPayoutBank(mayJournals, may.externalId())).isEqualByComparingTo("31.20");
        assertThat(etsyPayoutBank(juneJournals, may.externalId())).isZero();
        assertThat(etsyPayoutBank(juneJournals, june.externalId())).isEqualByComparingTo("4.77");
        assertThat(etsyPayoutBank(mayJournals, june.externalId())).isZero();

        JsonNode mayPayout = payoutJournal(mayJournals, may.externalId());
        JsonNode junePayout = payoutJournal(juneJournals, june.externalId());
        // Etsy's VAT passes through the marketplace-tax account, in and out, out of the deposit
        assertThat(amounts(mayPayout, "825")).containsExactlyInAnyOrder("C 2.85", "D 2.85");
        assertThat(amounts(mayPayout, "406")).containsExactly("D 0.20"); // listing fee
        assertThat(amounts(mayPayout, "407")).containsExactly("D 1.00"); // Etsy Ads
        assertThat(amounts(mayPayout, "405")).containsExactly("D 2.60"); // processing fees as charged
        assertThat(amounts(mayPayout, "220")).as("no refund in May").isEmpty();
        // June: the refund net of its VAT share, that share back through 825, and the fee given back
        assertThat(amounts(junePayout, "220")).containsExactly("D 5.00");
        assertThat(amounts(junePayout, "825")).containsExactlyInAnyOrder("D 0.95", "C 0.95");
        assertThat(amounts(junePayout, "405")).containsExactly("D 0.23"); // 0.60 charged - 0.37 given back
        for (JsonNode j : List.of(mayPayout, junePayout)) {
            assertThat(sum(j, "debit")).as(j.path("reference").asText()).isEqualByComparingTo(sum(j, "credit"));
        }
        assertThat(unsettledNote("2026-05")).isFalse();
        assertThat(unsettledNote("2026-06")).isFalse();
    }

    private JsonNode dryRun(String period) throws Exception {
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", period, "--ledger", "xero", "--mode", "payout",
                "--mapping", "builtin:default", "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return PatternHubJson.newMapper().readTree(run.out());
    }

    private boolean unsettledNote(String period) throws Exception {
        CliRun run = CliRun.run(dir, env, "reconcile", "--period", period, "--ledger", "xero", "--mode", "payout",
                "--mapping", "builtin:default", "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.err().contains("have no payout in the hub yet");
    }

    private static JsonNode payoutJournal(JsonNode journals, String payoutId) {
        for (JsonNode j : journals) {
            if (j.path("reference").asText().startsWith("PH-ETSY-PAYOUT-" + payoutId + "-")) {
                return j;
            }
        }
        throw new AssertionError("no journal of payout " + payoutId + " in " + journals);
    }

    /** The lines on one account as "D 1.00" / "C 1.00". */
    private static List<String> amounts(JsonNode journal, String account) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : journal.path("lines")) {
            if (account.equals(l.path("account").asText())) {
                boolean debit = !l.path("debit").isNull() && !l.path("debit").isMissingNode();
                out.add((debit ? "D " : "C ") + new BigDecimal(l.path(debit ? "debit" : "credit").asText()).toPlainString());
            }
        }
        return out;
    }
}
