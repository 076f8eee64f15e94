package io.patternhub.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.CurrencyMismatchException;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private final ObjectMapper mapper = PatternHubJson.newMapper();

    static ImmutableJournal payoutJournal() {
        return Journal.builder()
                .date(LocalDate.of(2026, 3, 10)).reference("etsy-payout-77").memo("Etsy payout 77")
                .currency(EUR)
                .addLine(JournalLine.builder().accountCode("1200").debit(Money.of("87.50", "EUR"))
                        .description("Bank deposit").putTracking("channel", "Etsy").build())
                .addLine(JournalLine.debit("6100", Money.of("6.50", "EUR")))
                .addLine(JournalLine.debit("4010", Money.of("5.00", "EUR")))
                .addLine(JournalLine.debit("6900", Money.of("1.00", "EUR")))
                .addLine(JournalLine.builder().accountCode("4000").credit(Money.of("100.00", "EUR"))
                        .taxCode("OUTPUT2").taxAmount(Money.of("15.97", "EUR")).build())
                .build();
    }

    @Test
    void balancedJournalBuildsAndSums() {
        Journal journal = payoutJournal();
        assertThat(journal.totalDebits()).isEqualTo(Money.of("100.00", "EUR"));
        assertThat(journal.totalCredits()).isEqualTo(Money.of("100.00", "EUR"));
        assertThat(journal.lines().get(0).isDebit()).isTrue();
        assertThat(journal.lines().get(4).amount()).isEqualTo(Money.of("100", "EUR"));
    }

    @Test
    void unbalancedByOneCentIsRefused() {
        UnbalancedJournalException e = org.junit.jupiter.api.Assertions.assertThrows(UnbalancedJournalException.class,
                () -> payoutJournal().toBuilder()
                        .addLine(JournalLine.debit("6100", Money.of("0.01", "EUR"))).build());
        assertThat(e.debits()).isEqualTo(Money.of("100.01", "EUR"));
        assertThat(e.credits()).isEqualTo(Money.of("100.00", "EUR"));
        assertThat(e.getMessage()).contains("etsy-payout-77").contains("0.01 EUR");
        assertThat(e).isInstanceOf(InvalidModelException.class);
        assertThat(e.validationErrors()).hasSize(1);
    }

    @Test
    void balanceIsExactNotApproximate() {
        // 0.1 + 0.2 debits against 0.3 credit: exact in BigDecimal, off in double.
        ImmutableJournal journal = Journal.builder().date(LocalDate.EPOCH).reference("r").currency(EUR)
                .addLine(JournalLine.debit("1", Money.of("0.1", "EUR")))
                .addLine(JournalLine.debit("2", Money.of("0.2", "EUR")))
                .addLine(JournalLine.credit("3", Money.of("0.30", "EUR"))).build();
        assertThat(journal.totalDebits()).isEqualTo(journal.totalCredits());
        assertThatThrownBy(() -> journal.withLines(List.of(
                JournalLine.debit("1", Money.of("0.3000000001", "EUR")),
                JournalLine.credit("3", Money.of("0.30", "EUR")))))
                .isInstanceOf(UnbalancedJournalException.class);
    }

    @Test
    void malformedLinesAndJournalsAreRefused() {
        assertThatThrownBy(() -> JournalLine.builder().accountCode("1").debit(Money.of("1", "EUR"))
                .credit(Money.of("1", "EUR")).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> JournalLine.builder().accountCode("1").build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> JournalLine.debit("1", Money.of("-1", "EUR")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> JournalLine.debit(" ", Money.of("1", "EUR")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("accountCode");
        assertThatThrownBy(() -> payoutJournal().withLines(List.of(JournalLine.debit("1", Money.of("0", "EUR")))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("two lines");
        assertThatThrownBy(() -> payoutJournal().withReference("x".repeat(129)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> payoutJournal().withLines(List.of(
                JournalLine.debit("1", Money.of("1", "USD")), JournalLine.credit("2", Money.of("1", "USD")))))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void ledgerValuesRoundTripThroughJson() throws Exception {
        Journal journal = payoutJournal();
        assertThat(mapper.readValue(mapper.writeValueAsString(journal), Journal.class)).isEqualTo(journal);

        Account account = Account.builder().code("1200").name("Bank").type(AccountType.BANK).externalId("35")
                .currency(EUR).raw(io.patternhub.core.model.Fixtures.json("{\"AccountID\":\"abc\"}")).build();
        assertThat(mapper.readValue(mapper.writeValueAsString(account), Account.class)).isEqualTo(account);

        TaxRate rate = TaxRate.builder().code("OUTPUT2").name("VAT 19%").rate(new BigDecimal("0.19")).country("DE").build();
        TaxRate readRate = mapper.readValue(mapper.writeValueAsString(rate), TaxRate.class);
        assertThat(readRate).isEqualTo(rate);
        assertThat(readRate.rate()).isEqualTo(new BigDecimal("0.19"));

        PostedEntry entry = PostedEntry.builder().platform(Platform.XERO).reference("etsy-payout-77")
                .externalId("mj-1").date(LocalDate.of(2026, 3, 10)).total(Money.of("100.00", "EUR"))
                .postedAt(Instant.parse("2026-03-10T12:00:00Z")).build();
        PostResult result = PostResult.alreadyExisted(entry);
        PostResult readResult = mapper.readValue(mapper.writeValueAsString(result), PostResult.class);
        assertThat(readResult).isEqualTo(result);
        assertThat(readResult.created()).isFalse();
        assertThat(PostResult.created(entry).created()).isTrue();
    }

    @Test
    void taxRateMustBeAFraction() {
        assertThatThrownBy(() -> TaxRate.builder().code("T").name("bad").rate(new BigDecimal("19")).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("fraction");
    }
}
