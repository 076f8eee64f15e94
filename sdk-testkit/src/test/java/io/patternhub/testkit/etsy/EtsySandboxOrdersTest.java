package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.model.Money;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtsySandboxOrdersTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private EtsySandbox etsy;
    private EtsyClient client;
    private long shop;
    private String receipts;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().clock(clock).perSecondLimit(0).accessTokenTtl(Duration.ofDays(2)).build().start();
        client = new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
        shop = etsy.defaultShopId();
        receipts = "/v3/application/shops/" + shop + "/receipts";
    }

    @AfterEach
    void stop() {
        assertThat(etsy.responseViolations()).isEmpty();
        etsy.close();
    }

    @Test
    void receiptCarriesTransactionsDiscountVatAndRefundsAsAmountOverDivisor() {
        long id = etsy.addReceipt(ReceiptSeed.builder("EUR")
                .transaction("DRESS-1", "Wrap dress", 2, "8.50")
                .transaction("TOP-2", "Tee", 1, "4.99")
                .discount("1.99").vat("4.40").fees("0.90").refund("3.00", "duplicate purchase")
                .buyerEmail("ana@example.com").build());

        JsonNode r = client.get(receipts + "/" + id).json();
        assertThat(r.at("/subtotal/amount").asLong()).isEqualTo(2199);
        assertThat(r.at("/discount_amt/amount").asLong()).isEqualTo(199);
        assertThat(r.at("/total_vat_cost/amount").asLong()).isEqualTo(440);
        assertThat(r.at("/grandtotal/amount").asLong()).isEqualTo(2440);
        assertThat(r.at("/grandtotal/divisor").asLong()).isEqualTo(100);
        assertThat(r.at("/grandtotal/currency_code").asText()).isEqualTo("EUR");
        assertThat(r.get("status").asText()).isEqualTo("partially refunded");
        assertThat(r.get("buyer_email").asText()).isEqualTo("ana@example.com");
        assertThat(r.get("transactions")).hasSize(2);
        assertThat(r.at("/transactions/0/sku").asText()).isEqualTo("DRESS-1");
        assertThat(r.at("/transactions/0/price/amount").asLong()).isEqualTo(850);
        assertThat(r.at("/transactions/0/quantity").asInt()).isEqualTo(2);
        assertThat(r.at("/refunds/0/amount/amount").asLong()).isEqualTo(300);

        JsonNode txs = client.get(receipts + "/" + id + "/transactions").json();
        assertThat(txs.get("count").asInt()).isEqualTo(2);
        long txId = txs.at("/results/1/transaction_id").asLong();
        assertThat(client.get("/v3/application/shops/" + shop + "/transactions/" + txId).json().get("sku").asText())
                .isEqualTo("TOP-2");
    }

    @Test
    void buyerEmailIsNullUnlessGrantedAndCurrenciesWithoutDecimalsUseDivisorOne() {
        long id = etsy.addReceipt(ReceiptSeed.builder("JPY").transaction("P", "Pattern", 1, "1200").build());

        JsonNode r = client.get(receipts + "/" + id).json();
        assertThat(r.get("buyer_email").isNull()).isTrue();
        assertThat(r.at("/grandtotal/amount").asLong()).isEqualTo(1200);
        assertThat(r.at("/grandtotal/divisor").asLong()).isEqualTo(1);
        assertThat(etsy.receipt(id).orElseThrow().buyerEmail()).isEmpty();
    }

    @Test
    void paymentsCarryFeesAndAdjustmentsAfterARefund() {
        long id = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "10.00").salesTax("0.80")
                .fees("0.60").build());
        etsy.refund(id, Money.of("5.40", "USD"), "partial");

        JsonNode payments = client.get(receipts + "/" + id + "/payments").json();
        assertThat(payments.get("count").asInt()).isEqualTo(1);
        JsonNode p = payments.at("/results/0");
        assertThat(p.at("/amount_gross/amount").asLong()).isEqualTo(1080);
        assertThat(p.at("/amount_fees/amount").asLong()).isEqualTo(60);
        assertThat(p.at("/amount_net/amount").asLong()).isEqualTo(1020);
        assertThat(p.at("/adjusted_gross/amount").asLong()).isEqualTo(540);
        assertThat(p.at("/adjusted_fees/amount").asLong()).isEqualTo(30);
        assertThat(p.at("/payment_adjustments/0/total_adjustment_amount").asLong()).isEqualTo(540);

        long paymentId = p.get("payment_id").asLong();
        JsonNode byId = client.get("/v3/application/shops/" + shop + "/payments?payment_ids=" + paymentId).json();
        assertThat(byId.at("/results/0/receipt_id").asLong()).isEqualTo(id);
    }

    @Test
    void ledgerEntriesRecordPaymentsFeesRefundsAndDisbursements() {
        long id = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "10.00").fees("0.60").build());
        clock.advance(Duration.ofHours(1));
        etsy.refund(id, Money.of("10.00", "USD"), "full");
        etsy.addReceipt(ReceiptSeed.builder("USD").transaction("T", "Top", 1, "4.00").fees("0.37").build());
        Money disbursed = etsy.disburse(shop, "USD");

        assertThat(disbursed).isEqualTo(Money.of("3.63", "USD"));
        long from = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2026-03-02T00:00:00Z").getEpochSecond();
        JsonNode page = client.get("/v3/application/shops/" + shop + "/payment-account/ledger-entries?min_created="
                + from + "&max_created=" + to + "&limit=100").json();
        assertThat(page.get("count").asInt()).isEqualTo(7);
        assertThat(page.findValuesAsText("ledger_type")).containsExactly("PAYMENT_GROSS", "PAYMENT_PROCESSING_FEE",
                "REFUND_GROSS", "REFUND_PROCESSING_FEE", "PAYMENT_GROSS", "PAYMENT_PROCESSING_FEE", "DISBURSE");
        assertThat(page.at("/results/6/balance").asLong()).isZero();
        assertThat(etsy.ledgerEntries(shop).get(6).amount()).isEqualTo(Money.of("-3.63", "USD"));

        long entry = page.at("/results/0/entry_id").asLong();
        assertThat(client.get("/v3/application/shops/" + shop + "/payment-account/ledger-entries/" + entry).json()
                .get("amount").asLong()).isEqualTo(1000);
        JsonNode payments = client.get("/v3/application/shops/" + shop
                + "/payment-account/ledger-entries/payments?ledger_entry_ids=" + entry).json();
        assertThat(payments.at("/results/0/receipt_id").asLong()).isEqualTo(id);
        assertThat(client.get("/v3/application/shops/" + shop + "/payment-account/ledger-entries?min_created=" + from)
                .status()).as("max_created is required").isEqualTo(400);
    }

    @Test
    void theVatEtsyRemitsIsDebitedAndItsRefundedShareCreditedBack() {
        // 15.00 + 2.85 VAT = 17.85, fee 1.10; refund 5.95 carries 5.95 * 2.85 / 17.85 = 0.95 VAT back
        long id = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "15.00").vat("2.85")
                .fees("1.10").build());
        etsy.chargeFee(shop, "listing", Money.of("0.20", "USD"), "listing", "77001");
        clock.advance(Duration.ofHours(1));
        etsy.refund(id, Money.of("5.95", "USD"), "partial");
        Money disbursed = etsy.disburse(shop, "USD");

        List<EtsyLedgerEntryView> ledger = etsy.ledgerEntries(shop);
        assertThat(ledger).extracting(EtsyLedgerEntryView::ledgerType).containsExactly("PAYMENT_GROSS",
                "PAYMENT_PROCESSING_FEE", "PAYMENT_VAT", "listing", "REFUND_GROSS", "REFUND_VAT",
                "REFUND_PROCESSING_FEE", "DISBURSE");
        assertThat(ledger).extracting(e -> e.amount().amount().toPlainString()).containsExactly("17.85", "-1.10",
                "-2.85", "-0.20", "-5.95", "0.95", "0.37", "-9.07");
        assertThat(ledger.get(2).referenceId()).contains(String.valueOf(id));
        assertThat(ledger.get(3).referenceType()).isEqualTo("listing");
        // the deposit leaves the VAT with Etsy: 17.85 - 2.85 - 1.10 - 0.20 - (5.95 - 0.95) + 0.37
        assertThat(disbursed).isEqualTo(Money.of("9.07", "USD"));
        long from = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2026-03-02T00:00:00Z").getEpochSecond();
        JsonNode page = client.get("/v3/application/shops/" + shop + "/payment-account/ledger-entries?min_created="
                + from + "&max_created=" + to + "&limit=100").json();
        assertThat(page.at("/results/2/parent_entry_id").asLong()).isEqualTo(page.at("/results/0/entry_id").asLong());
        assertThat(page.at("/results/2/description").asText()).startsWith("VAT paid by buyer");
    }

    @Test
    void thousandReceiptsPageThroughWithoutGapsOrRepeats() {
        etsy.addReceipts(1000, i -> ReceiptSeed.builder(i % 2 == 0 ? "USD" : "GBP")
                .transaction("SKU-" + i, "Pattern " + i, 1, "3.00").createdAt(clock.instant().plusSeconds(i)).build());

        Set<Long> seen = new HashSet<>();
        int pages = 0;
        for (int offset = 0; ; offset += 100) {
            JsonNode page = client.get(receipts + "?limit=100&offset=" + offset + "&sort_on=created&sort_order=asc")
                    .json();
            assertThat(page.get("count").asInt()).isEqualTo(1000);
            if (page.get("results").isEmpty()) {
                break;
            }
            pages++;
            page.get("results").forEach(r -> assertThat(seen.add(r.get("receipt_id").asLong())).isTrue());
        }
        assertThat(pages).isEqualTo(10);
        assertThat(seen).hasSize(1000);
    }

    @Test
    void minLastModifiedFindsVisibleChangesButMissesASilentRefund() {
        long early = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("A", "A", 1, "5.00").build());
        clock.advance(Duration.ofHours(2));
        long cursor = clock.instant().getEpochSecond();
        clock.advance(Duration.ofMinutes(5));
        long late = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("B", "B", 1, "5.00").build());
        etsy.refundSilently(early, Money.of("5.00", "USD"), "missed by the filter");

        List<Long> changed = new java.util.ArrayList<>();
        client.get(receipts + "?min_last_modified=" + cursor).json().get("results")
                .forEach(r -> changed.add(r.get("receipt_id").asLong()));
        assertThat(changed).containsExactly(late);
        JsonNode rescanned = client.get(receipts + "/" + early).json();
        assertThat(rescanned.get("status").asText()).isEqualTo("fully refunded");
        assertThat(rescanned.get("updated_timestamp").asLong()).isLessThan(cursor);

        etsy.refund(late, Money.of("1.00", "USD"), "visible");
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.get(receipts + "?min_last_modified=" + cursor + "&was_paid=true").json().get("count").asInt())
                .isEqualTo(1);
    }

    @Test
    void silentCancellationKeepsLastModified() {
        long id = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("A", "A", 1, "5.00").build());
        Instant before = etsy.receipt(id).orElseThrow().lastModifiedAt();
        clock.advance(Duration.ofHours(1));
        etsy.cancelSilently(id);

        assertThat(etsy.receipt(id).orElseThrow().status()).isEqualTo("canceled");
        assertThat(etsy.receipt(id).orElseThrow().lastModifiedAt()).isEqualTo(before);
        assertThat(client.get(receipts + "?was_canceled=true").json().get("count").asInt()).isEqualTo(1);
    }
}
