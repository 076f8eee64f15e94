package io.patternhub.accounting.reconcile;

import static io.patternhub.accounting.reconcile.TestBooks.at;
import static io.patternhub.accounting.reconcile.TestBooks.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static Payout etsyPayout(String net, String... orderIds) {
        return Payout.builder().platform(Platform.ETSY).externalId("P1").currency(Currency.getInstance("EUR"))
                .periodStart(at("2026-05-01T00:00:00Z")).periodEnd(at("2026-05-27T23:59:59Z"))
                .arrivalDate(LocalDate.parse("2026-05-28")).gross(eur(net)).orderIds(List.of(orderIds))
                .status(PayoutStatus.PAID).build();
    }

    private static ReconcileInput etsyInput() {
        return ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe()).addPayout(etsyPayout("6.69", "3001"))
                .build();
    }

    private static Set<String> fields(PatternHubException e) {
        return e.validationErrors().stream().map(ValidationError::field).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyMissingAccountAndTaxCodeIsListedAtOnce() {
        MappingFile m = MappingFile.load(new StringReader("account.*.bank = 090\naccount.etsy.sales = 200\n"
                + "tax.etsy.*.* = NONE\n"));
        Reconciler engine = Reconciler.builder().accounts(m.accounts()).taxes(m.taxes()).build();
        ReconcileInput input = ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe())
                .addOrder(WorkedExamplesTest.shopifyFr()).addPayout(etsyPayout("6.69", "3001")).build();

        assertThatThrownBy(() -> engine.reconcile(input, PostingMode.PER_ORDER))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(fields(e)).containsExactlyInAnyOrder(
                            "tax.shopify.FR.digital",
                            "account.etsy.fee.transaction", "account.etsy.fee.payment_processing",
                            "account.etsy.fee_tax", "account.etsy.marketplace_tax", "account.etsy.clearing",
                            "account.shopify.sales", "account.shopify.discounts", "account.shopify.seller_tax",
                            "account.shopify.fee.payment_processing", "account.shopify.clearing");
                    assertThat(e.getMessage()).contains("account.etsy.clearing", "(or a default: account.*.clearing)",
                            "tax code for Shopify sales of class 'digital' to buyers in FR");
                });
    }

    @Test
    void aDepositTheOrdersDoNotExplainNamesTheMissingOrders() {
        ReconcileInput input = ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe())
                .addPayout(etsyPayout("16.69", "3001", "3999")).build();

        assertThatThrownBy(() -> TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_PAYOUT))
                .isInstanceOfSatisfying(ReconciliationException.class, e -> {
                    assertThat(e.getMessage()).contains("payout P1", "deposit is 16.69 EUR", "account for 6.69 EUR",
                            "difference 10.00 EUR", "orders not given: [3999]");
                    assertThat(fields(e)).containsExactly("payout P1");
                });
    }

    @Test
    void aMissingExchangeRateIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> TestBooks.engine(FxRates.none())
                .reconcile(WorkedExamplesTest.multiCurrency("17.44"), PostingMode.PER_PAYOUT))
                .isInstanceOfSatisfying(ReconciliationException.class, e -> {
                    assertThat(fields(e)).containsExactly("order 4002", "order 4003");
                    assertThat(e.getMessage()).contains("no Etsy exchange rate from USD to GBP (payout P9)");
                });
    }

    @Test
    void ordersThatDoNotAddUpOrAppearTwiceAreRejected() {
        Order broken = WorkedExamplesTest.etsyDe().withExternalId("3002").withTotal(eur("1.00"));
        ReconcileInput input = ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe())
                .addOrder(WorkedExamplesTest.etsyDe()).addOrder(broken).build();

        assertThatThrownBy(() -> TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_ORDER))
                .isInstanceOfSatisfying(ReconciliationException.class, e -> {
                    assertThat(fields(e)).containsExactly("order 3001", "order 3002");
                    assertThat(e.getMessage()).contains("order given twice", "does not add up");
                });
    }

    @Test
    void eventsNoPayoutSettlesAreReportedAndLeftOutOfPayoutJournals() {
        Order late = WorkedExamplesTest.etsyDe().withExternalId("3003").withCreatedAt(at("2026-05-30T10:00:00Z"));
        ReconcileInput input = ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe()).addOrder(late)
                .addPayout(etsyPayout("6.69", "3001")).build();

        ReconcileResult result = TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_PAYOUT);

        assertThat(result.unsettled()).containsExactly(
                new UnsettledEvent(Platform.ETSY, "3003", "sale", at("2026-05-30T10:00:00Z")));
        assertThat(result.journals()).singleElement()
                .satisfies(j -> assertThat(j.totalDebits()).isEqualTo(eur("9.52")));
    }

    @Test
    void payoutLevelFeesAndAdjustmentsAreBookedAndStillBankTheDeposit() {
        // 6.69 from the order, less a 0.20 listing fee, less a 1.00 reserve: 5.49 arrives.
        Payout payout = Payout.builder().from(etsyPayout("6.69", "3001")).fees(eur("0.20"))
                .adjustments(eur("-1.00")).net(eur("5.49")).build();
        ReconcileInput input = ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe()).addPayout(payout)
                .addPayoutFee(payout, TestBooks.fee(FeeKind.LISTING, "0.20", null, "EUR")).build();

        Journal j = TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_PAYOUT).journals().get(0);

        assertThat(TestBooks.describe(j)).contains("D 406 0.20", "D 862 1.00", "D 090 5.49");
    }

    @Test
    void rerunsGiveTheSameJournalsAndPostNothingTwice() {
        Reconciler engine = TestBooks.engine(FxRates.none());
        ReconcileResult first = engine.reconcile(etsyInput(), PostingMode.PER_ORDER);
        ReconcileResult again = engine.reconcile(etsyInput(), PostingMode.PER_ORDER);
        assertThat(again.journals()).isEqualTo(first.journals());
        InMemoryLedger ledger = new InMemoryLedger(List.of("090", "200", "404", "405", "820", "825", "610"),
                List.of("NONE"), Set.of(PostingMode.PER_ORDER, PostingMode.PER_PAYOUT));

        List<PostResult> posted = engine.post(ledger, first);
        List<PostResult> reposted = engine.post(ledger, again);

        assertThat(posted).extracting(PostResult::outcome).containsOnly(PostResult.Outcome.CREATED).hasSize(2);
        assertThat(reposted).extracting(PostResult::outcome).containsOnly(PostResult.Outcome.ALREADY_EXISTED);
        assertThat(ledger.entries.keySet()).containsExactly("PH-ETSY-ORDER-3001-2026-05", "PH-ETSY-SETTLE-P1-2026-05");
    }

    @Test
    void codesTheLedgerDoesNotHaveAreListedBeforeAnythingIsPosted() {
        Reconciler engine = TestBooks.engine(FxRates.none());
        ReconcileResult result = engine.reconcile(etsyInput(), PostingMode.PER_PAYOUT);
        InMemoryLedger ledger = new InMemoryLedger(List.of("090", "200", "404"), List.of(),
                Set.of(PostingMode.PER_PAYOUT));

        assertThatThrownBy(() -> engine.post(ledger, result)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> {
                    assertThat(fields(e)).containsExactly("account 405", "account 820", "account 825", "tax code NONE");
                    assertThat(e.getMessage()).contains("Xero has no active codes", "PH-ETSY-PAYOUT-P1-2026-05");
                });
        assertThat(ledger.postCalls).isZero();
    }

    @Test
    void aModeTheLedgerDoesNotSupportIsRefused() {
        Reconciler engine = TestBooks.engine(FxRates.none());
        ReconcileResult result = engine.reconcile(etsyInput(), PostingMode.PER_ORDER);
        InMemoryLedger ledger = new InMemoryLedger(List.of(), List.of(), Set.of(PostingMode.PER_PAYOUT));

        assertThatThrownBy(() -> engine.post(ledger, result)).isInstanceOf(CapabilityNotSupportedException.class)
                .hasMessageContaining("posting mode PER_ORDER");
        assertThat(ledger.postCalls).isZero();
    }

    @Test
    void dryRunJsonHasDateReferenceAndLinesWithAccountDebitCreditCurrencyAndTax() throws Exception {
        ReconcileResult result = TestBooks.engine(FxRates.none()).reconcile(etsyInput(), PostingMode.PER_PAYOUT);

        JsonNode json = PatternHubJson.newMapper().readTree(result.toJson());

        assertThat(json.size()).isEqualTo(1);
        JsonNode j = json.get(0);
        assertThat(j.get("date").asText()).isEqualTo("2026-05-28");
        assertThat(j.get("reference").asText()).isEqualTo("PH-ETSY-PAYOUT-P1-2026-05");
        JsonNode sales = j.get("lines").get(0);
        assertThat(sales.get("account").asText()).isEqualTo("200");
        assertThat(sales.get("debit").isNull()).isTrue();
        assertThat(sales.get("credit").asText()).isEqualTo("8.00");
        assertThat(sales.get("currency").asText()).isEqualTo("EUR");
        assertThat(sales.get("tax").get("code").asText()).isEqualTo("NONE");
        assertThat(sales.get("tax").get("amount").asText()).isEqualTo("1.52");
        JsonNode bank = j.get("lines").get(6);
        assertThat(bank.get("account").asText()).isEqualTo("090");
        assertThat(bank.get("debit").asText()).isEqualTo("6.69");
        assertThat(bank.get("tax").isNull()).isTrue();
    }

    @Test
    void linesCarryTheChannelAsTracking() {
        Journal j = TestBooks.engine(FxRates.none()).reconcile(etsyInput(), PostingMode.PER_PAYOUT).journals().get(0);

        assertThat(j.lines()).extracting(JournalLine::tracking).containsOnly(java.util.Map.of("channel", "Etsy"));
    }

    @Test
    void referencesAreSafeAndBounded() {
        String longId = "x".repeat(200);
        Order order = WorkedExamplesTest.etsyDe().withExternalId(longId).withStatus(OrderStatus.PAID);
        ReconcileResult result = TestBooks.engine(FxRates.none())
                .reconcile(ReconcileInput.builder().addOrder(order).build(), PostingMode.PER_ORDER);

        String reference = result.journals().get(0).reference();
        assertThat(reference).hasSize(Journal.MAX_REFERENCE_LENGTH).startsWith("PH-ETSY-ORDER-xxx")
                .matches("[A-Za-z0-9_.-]+");
        ReconcileResult again = TestBooks.engine(FxRates.none())
                .reconcile(ReconcileInput.builder().addOrder(order).build(), PostingMode.PER_ORDER);
        assertThat(again.journals().get(0).reference()).isEqualTo(reference);
    }
}
