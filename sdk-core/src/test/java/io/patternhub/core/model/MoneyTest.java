package io.patternhub.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.json.PatternHubJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void addsAndSubtractsExactly() {
        Money a = Money.of("0.10", "EUR");
        Money b = Money.of("0.20", "EUR");
        assertThat(a.plus(b).amount()).isEqualByComparingTo("0.30");
        assertThat(a.minus(b)).isEqualTo(Money.of("-0.10", "EUR"));
        assertThat(a.minus(b).isNegative()).isTrue();
        assertThat(a.negate().plus(a).isZero()).isTrue();
        assertThat(Money.of("-3.5", "EUR").abs()).isEqualTo(Money.of("3.50", "EUR"));
        assertThat(Money.of("1.05", "EUR").times(3)).isEqualTo(Money.of("3.15", "EUR"));
    }

    @Test
    void equalityIsNumericWithinOneCurrency() {
        assertThat(Money.of("12.3", "EUR")).isEqualTo(Money.of("12.30", "EUR"));
        assertThat(Money.of("12.3", "EUR")).hasSameHashCodeAs(Money.of("12.300", "EUR"));
        assertThat(Money.of("12.30", "EUR")).isNotEqualTo(Money.of("12.30", "USD"));
        assertThat(Money.of("1", "EUR").compareTo(Money.of("0.99", "EUR"))).isPositive();
        assertThat(Money.of("1", "EUR").isGreaterThan(Money.of("0.99", "EUR"))).isTrue();
        assertThat(Money.of("0.98", "EUR").isLessThan(Money.of("0.99", "EUR"))).isTrue();
    }

    @Test
    void mixingCurrenciesIsRefused() {
        Money eur = Money.of("1.00", "EUR");
        Money usd = Money.of("1.00", "USD");
        assertThatThrownBy(() -> eur.plus(usd))
                .isInstanceOf(CurrencyMismatchException.class)
                .isInstanceOf(PatternHubException.class)
                .hasMessageContaining("EUR").hasMessageContaining("USD");
        assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(CurrencyMismatchException.class);
        CurrencyMismatchException e = org.junit.jupiter.api.Assertions.assertThrows(
                CurrencyMismatchException.class, () -> eur.plus(usd));
        assertThat(e.expected().getCurrencyCode()).isEqualTo("EUR");
        assertThat(e.actual().getCurrencyCode()).isEqualTo("USD");
    }

    @Test
    void badInputIsATypedError() {
        assertThatThrownBy(() -> Money.of("12,34", "EUR")).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("12,34");
        assertThatThrownBy(() -> Money.of("1.00", "EURO")).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> Money.of("", "EUR")).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> Money.ofMinor(5, "XAU")).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no minor unit");
    }

    @Test
    void minorUnitsFollowIso4217() {
        assertThat(Money.ofMinor(1234, "EUR").amount()).isEqualByComparingTo("12.34");
        assertThat(Money.ofMinor(1234, "EUR").amount().scale()).isEqualTo(2);
        assertThat(Money.ofMinor(500, "JPY").amount()).isEqualByComparingTo("500");
        assertThat(Money.ofMinor(500, "JPY").amount().scale()).isZero();
        assertThat(Money.ofMinor(1234, "BHD").amount()).isEqualByComparingTo("1.234");
        assertThat(Money.zero(Currency.getInstance("BHD")).amount().scale()).isEqualTo(3);
    }

    @Test
    void convertsBackToMinorUnitsOnlyWhenExact() {
        assertThat(Money.of("12.34", "EUR").toMinorUnits()).isEqualTo(1234);
        assertThat(Money.of("12.3", "EUR").toMinorUnits()).isEqualTo(1230);
        assertThat(Money.of("500", "JPY").toMinorUnits()).isEqualTo(500);
        assertThat(Money.of("-1.234", "BHD").toMinorUnits()).isEqualTo(-1234);
        assertThatThrownBy(() -> Money.of("12.345", "EUR").toMinorUnits())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("roundedToCurrency");
        assertThat(Money.of("12.345", "EUR").roundedToCurrency().toMinorUnits()).isEqualTo(1234);
    }

    @ParameterizedTest
    @CsvSource({
            "2.345, EUR, 2.34",   // half-even: 4 is even, stays
            "2.355, EUR, 2.36",   // half-even: 5 -> 6
            "2.3451, EUR, 2.35",  // above half rounds up
            "-2.345, EUR, -2.34",
            "1234.5, JPY, 1234",  // JPY has no minor unit; half-even to the even yen
            "1235.5, JPY, 1236",
            "1.2345, BHD, 1.234", // BHD has three decimals
            "1.2355, BHD, 1.236",
            "12, EUR, 12.00"      // rounding also fixes the scale
    })
    void roundsHalfEvenToTheCurrencysMinorUnit(String amount, String currency, String expected) {
        Money rounded = Money.of(amount, currency).roundedToCurrency();
        assertThat(rounded.amount()).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void roundingModeIsHonoured() {
        assertThat(Money.of("2.345", "EUR").roundedToCurrency(RoundingMode.HALF_UP).amount())
                .isEqualTo(new BigDecimal("2.35"));
        assertThat(Money.of("2.349", "EUR").roundedToCurrency(RoundingMode.DOWN).amount())
                .isEqualTo(new BigDecimal("2.34"));
    }

    @Test
    void timesRoundsToCurrency() {
        // 19% VAT on 9.99 EUR = 1.8981 -> 1.90
        assertThat(Money.of("9.99", "EUR").times(new BigDecimal("0.19"), RoundingMode.HALF_EVEN))
                .isEqualTo(Money.of("1.90", "EUR"));
        assertThat(Money.of("9.99", "EUR").times(new BigDecimal("0.19"), RoundingMode.HALF_EVEN).amount().scale())
                .isEqualTo(2);
        // 0.5 JPY -> 0 with half-even, 1 with half-up
        assertThat(Money.of("1", "JPY").times(new BigDecimal("0.5"), RoundingMode.HALF_EVEN).isZero()).isTrue();
        assertThat(Money.of("1", "JPY").times(new BigDecimal("0.5"), RoundingMode.HALF_UP))
                .isEqualTo(Money.of("1", "JPY"));
    }

    @Test
    void ofFractionIsExact() {
        assertThat(Money.ofFraction(1234, 100, "USD").amount()).isEqualTo(new BigDecimal("12.34"));
        assertThat(Money.ofFraction(1200, 100, "USD").amount()).isEqualTo(new BigDecimal("12.00"));
        assertThat(Money.ofFraction(123456, 1000, "BHD").amount()).isEqualTo(new BigDecimal("123.456"));
        assertThat(Money.ofFraction(1, 1000, "EUR").amount()).isEqualTo(new BigDecimal("0.001"));
        assertThat(Money.ofFraction(-250, 100, "EUR")).isEqualTo(Money.of("-2.50", "EUR"));
        assertThat(Money.ofFraction(999_999_999_999L, 100, "USD").amount())
                .isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(Money.ofFraction(3, 8, "EUR").amount()).isEqualTo(new BigDecimal("0.375"));
        assertThatThrownBy(() -> Money.ofFraction(1, 3, "EUR")).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("1/3");
        assertThatThrownBy(() -> Money.ofFraction(1, 0, "EUR")).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void allocationNeverLosesACent() {
        List<Money> thirds = Money.of("100.00", "EUR").allocate(1, 1, 1);
        assertThat(thirds).containsExactly(Money.of("33.34", "EUR"), Money.of("33.33", "EUR"), Money.of("33.33", "EUR"));

        List<Money> weighted = Money.of("0.05", "EUR").allocate(3, 7);
        assertThat(weighted).containsExactly(Money.of("0.02", "EUR"), Money.of("0.03", "EUR"));

        List<Money> negative = Money.of("-10.00", "EUR").split(3);
        assertThat(negative).containsExactly(Money.of("-3.34", "EUR"), Money.of("-3.33", "EUR"), Money.of("-3.33", "EUR"));

        List<Money> yen = Money.of("1000", "JPY").allocate(1, 1, 1);
        assertThat(yen).containsExactly(Money.of("334", "JPY"), Money.of("333", "JPY"), Money.of("333", "JPY"));

        List<Money> withZero = Money.of("1.00", "EUR").allocate(0, 1);
        assertThat(withZero).containsExactly(Money.of("0.00", "EUR"), Money.of("1.00", "EUR"));
    }

    @Test
    void allocationSumsExactlyForManyAmountsAndRatios() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            Money amount = Money.ofMinor(random.nextInt(2_000_001) - 1_000_000, EUR);
            int[] ratios = new int[1 + random.nextInt(7)];
            for (int j = 0; j < ratios.length; j++) {
                ratios[j] = random.nextInt(10);
            }
            ratios[0] += 1; // never all zero
            List<Money> parts = amount.allocate(ratios);
            assertThat(parts).hasSize(ratios.length);
            assertThat(parts.stream().reduce(Money.zero(EUR), Money::plus)).isEqualTo(amount);
            int ratioSum = java.util.Arrays.stream(ratios).sum();
            for (int j = 0; j < parts.size(); j++) {
                Money part = parts.get(j);
                assertThat(part.amount().scale()).isEqualTo(2);
                // each part is within one cent of its exact share
                BigDecimal exact = amount.amount().multiply(BigDecimal.valueOf(ratios[j]))
                        .divide(BigDecimal.valueOf(ratioSum), 10, RoundingMode.HALF_EVEN);
                assertThat(part.amount().subtract(exact).abs()).isLessThan(new BigDecimal("0.01"));
            }
        }
    }

    @Test
    void allocationRejectsBadRatios() {
        Money m = Money.of("1.00", "EUR");
        assertThatThrownBy(() -> m.allocate()).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> m.allocate(0, 0)).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> m.allocate(1, -1)).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> m.split(0)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void jsonIsAnExactDecimalString() throws Exception {
        ObjectMapper mapper = PatternHubJson.newMapper();
        assertThat(mapper.writeValueAsString(Money.of("12.34", "EUR"))).isEqualTo("{\"amount\":\"12.34\",\"currency\":\"EUR\"}");
        assertThat(mapper.writeValueAsString(Money.of(new BigDecimal("1E+3"), EUR)))
                .isEqualTo("{\"amount\":\"1000\",\"currency\":\"EUR\"}");
        Money read = mapper.readValue("{\"amount\":\"0.10000000000000000001\",\"currency\":\"EUR\"}", Money.class);
        assertThat(read.amount()).isEqualTo(new BigDecimal("0.10000000000000000001"));
        Money scaled = mapper.readValue(mapper.writeValueAsString(Money.of("12.30", "EUR")), Money.class);
        assertThat(scaled.amount()).isEqualTo(new BigDecimal("12.30"));
        // a JSON number is accepted and kept exact
        assertThat(mapper.readValue("{\"amount\":19.99,\"currency\":\"USD\"}", Money.class).amount())
                .isEqualTo(new BigDecimal("19.99"));
    }

    @Test
    void jsonWithBadCurrencyIsATypedError() {
        ObjectMapper mapper = PatternHubJson.newMapper();
        assertThatThrownBy(() -> mapper.readValue("{\"amount\":\"1\",\"currency\":\"XXXX\"}", Money.class))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof InvalidModelException));
    }

    private static List<Throwable> causes(Throwable t) {
        java.util.ArrayList<Throwable> all = new java.util.ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.add(c);
        }
        return all;
    }
}
