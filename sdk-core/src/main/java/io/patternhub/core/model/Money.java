package io.patternhub.core.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An exact amount of one ISO 4217 currency. Never a {@code double}.
 *
 * <p>Arithmetic keeps every digit ({@link #plus}, {@link #minus}) or rounds explicitly
 * ({@link #times}, {@link #roundedToCurrency}). Combining two currencies throws
 * {@link CurrencyMismatchException}. Two amounts are equal when they have the same currency and the
 * same numeric value ({@code 12.3 EUR} equals {@code 12.30 EUR}).
 *
 * <p>JSON: {@code {"amount":"12.34","currency":"EUR"}}, the amount as a plain decimal string.
 */
@JsonAutoDetect(getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        fieldVisibility = JsonAutoDetect.Visibility.NONE)
public final class Money implements Comparable<Money> {
    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = Objects.requireNonNull(amount, "amount");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /**
     * An amount from its exact value.
     *
     * @param amount   the amount; its scale is kept
     * @param currency the currency
     * @return the amount
     */
    public static Money of(BigDecimal amount, Currency currency) {
        if (amount == null) {
            throw new InvalidModelException("Money", "amount", "must not be null");
        }
        if (currency == null) {
            throw new InvalidModelException("Money", "currency", "must not be null");
        }
        return new Money(amount, currency);
    }

    /**
     * An amount from a decimal string and a currency code, e.g. {@code of("12.34", "EUR")}.
     *
     * @param amount       a plain decimal such as {@code "12.34"} or {@code "-0.5"}
     * @param currencyCode an ISO 4217 code such as {@code "EUR"}
     * @return the amount
     */
    @JsonCreator
    public static Money of(@JsonProperty("amount") String amount, @JsonProperty("currency") String currencyCode) {
        return of(parseAmount(amount), currency(currencyCode));
    }

    /**
     * An amount from a decimal string and a currency.
     *
     * @param amount   a plain decimal such as {@code "12.34"}
     * @param currency the currency
     * @return the amount
     */
    public static Money of(String amount, Currency currency) {
        return of(parseAmount(amount), currency);
    }

    /** Zero in the given currency, at the currency's scale. */
    public static Money zero(Currency currency) {
        return of(BigDecimal.ZERO.setScale(minorDigits(currency)), currency);
    }

    /**
     * An amount from minor units: {@code ofMinor(1234, "EUR")} is 12.34 EUR, {@code ofMinor(500, "JPY")}
     * is 500 JPY, {@code ofMinor(1234, "BHD")} is 1.234 BHD.
     *
     * @param minorUnits   the amount in the currency's smallest unit
     * @param currencyCode an ISO 4217 code with a defined minor unit
     * @return the amount
     */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        return ofMinor(minorUnits, currency(currencyCode));
    }

    /**
     * An amount from minor units of the given currency.
     *
     * @param minorUnits the amount in the currency's smallest unit
     * @param currency   a currency with a defined minor unit
     * @return the amount
     */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return of(BigDecimal.valueOf(minorUnits, minorDigits(currency)), currency);
    }

    /**
     * An amount given as a numerator and a divisor, as Etsy reports money
     * ({@code {"amount":1234,"divisor":100}} is 12.34). Computed exactly.
     *
     * @param amount       the numerator
     * @param divisor      a positive divisor whose quotient terminates (normally a power of ten)
     * @param currencyCode an ISO 4217 code
     * @return the amount
     * @throws InvalidModelException if the divisor is not positive or the quotient does not terminate
     */
    public static Money ofFraction(long amount, long divisor, String currencyCode) {
        return ofFraction(amount, divisor, currency(currencyCode));
    }

    /**
     * An amount given as a numerator and a divisor, computed exactly.
     *
     * @param amount   the numerator
     * @param divisor  a positive divisor whose quotient terminates
     * @param currency the currency
     * @return the amount
     */
    public static Money ofFraction(long amount, long divisor, Currency currency) {
        if (divisor <= 0) {
            throw new InvalidModelException("Money", "divisor", "must be positive, was " + divisor);
        }
        try {
            BigDecimal value = BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(divisor));
            // Keep at least the scale the divisor implies, so 1200/100 reads 12.00 rather than 12.
            int divisorScale = BigDecimal.valueOf(divisor).precision() - 1;
            if (BigDecimal.TEN.pow(divisorScale).longValueExact() == divisor && value.scale() < divisorScale) {
                value = value.setScale(divisorScale);
            }
            return of(value, currency);
        } catch (ArithmeticException e) {
            throw new InvalidModelException("Money", "divisor",
                    amount + "/" + divisor + " has no exact decimal value", e);
        }
    }

    /** The exact amount, with the scale it was created with. */
    public BigDecimal amount() {
        return amount;
    }

    public Currency currency() {
        return currency;
    }

    /** The ISO 4217 code, e.g. {@code "EUR"}. */
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /**
     * The exact sum.
     *
     * @param other an amount in the same currency
     * @return this plus other
     * @throws CurrencyMismatchException if the currencies differ
     */
    public Money plus(Money other) {
        requireSameCurrency("add", other);
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * The exact difference.
     *
     * @param other an amount in the same currency
     * @return this minus other
     * @throws CurrencyMismatchException if the currencies differ
     */
    public Money minus(Money other) {
        requireSameCurrency("subtract", other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /**
     * The amount in the currency's minor units, e.g. 1234 for 12.34 EUR, for APIs that take integers.
     *
     * @return the minor units
     * @throws InvalidModelException if the amount has more decimals than the currency (round first)
     *         or the currency has no minor unit
     */
    public long toMinorUnits() {
        int digits = minorDigits(currency);
        try {
            return amount.setScale(digits).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidModelException("Money", "amount", this + " is not a whole number of minor units;"
                    + " call roundedToCurrency() first", e);
        }
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money abs() {
        return amount.signum() < 0 ? negate() : this;
    }

    /**
     * Multiplies exactly, then rounds to the currency's minor unit (e.g. a tax rate or a quantity).
     *
     * @param factor   the factor
     * @param rounding how to round to the currency's minor unit
     * @return the rounded product
     */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        Objects.requireNonNull(factor, "factor");
        return new Money(amount.multiply(factor), currency).roundedToCurrency(rounding);
    }

    /**
     * Multiplies by a whole number exactly (e.g. a quantity); no rounding is needed.
     *
     * @param factor the factor
     * @return the product
     */
    public Money times(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    /** Rounds half-even (banker's rounding) to the currency's minor unit. */
    public Money roundedToCurrency() {
        return roundedToCurrency(RoundingMode.HALF_EVEN);
    }

    /**
     * Rounds to the currency's minor unit per ISO 4217: 2 digits for EUR, 0 for JPY, 3 for BHD.
     * Currencies without a minor unit (e.g. XAU) are returned unchanged.
     *
     * @param rounding the rounding mode
     * @return the rounded amount, at exactly the currency's scale
     */
    public Money roundedToCurrency(RoundingMode rounding) {
        Objects.requireNonNull(rounding, "rounding");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            return this;
        }
        return new Money(amount.setScale(digits, rounding), currency);
    }

    /**
     * Splits this amount by ratios without losing or inventing a single minor unit: the parts add up
     * exactly to this amount. Leftover units go one each to the parts with the largest remainders
     * (ties to the earliest part).
     *
     * @param ratios non-negative weights, at least one, not all zero
     * @return one part per ratio, in order
     */
    public List<Money> allocate(int... ratios) {
        if (ratios == null || ratios.length == 0) {
            throw new InvalidModelException("Money", "ratios", "give at least one ratio");
        }
        long sum = 0;
        for (int r : ratios) {
            if (r < 0) {
                throw new InvalidModelException("Money", "ratios", "must not be negative: " + Arrays.toString(ratios));
            }
            sum += r;
        }
        if (sum == 0) {
            throw new InvalidModelException("Money", "ratios", "must not all be zero");
        }
        int scale = Math.max(amount.scale(), Math.max(0, currency.getDefaultFractionDigits()));
        BigInteger units = amount.setScale(scale).unscaledValue();
        int sign = units.signum();
        BigInteger absUnits = units.abs();
        BigInteger total = BigInteger.valueOf(sum);
        BigInteger[] parts = new BigInteger[ratios.length];
        BigInteger[] remainders = new BigInteger[ratios.length];
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 0; i < ratios.length; i++) {
            BigInteger[] qr = absUnits.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
            parts[i] = qr[0];
            remainders[i] = qr[1];
            allocated = allocated.add(qr[0]);
        }
        int leftover = absUnits.subtract(allocated).intValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            order.add(i);
        }
        // Largest remainder first; stable sort keeps earlier parts first on ties.
        order.sort((a, b) -> remainders[b].compareTo(remainders[a]));
        for (int k = 0; k < leftover; k++) {
            int i = order.get(k);
            parts[i] = parts[i].add(BigInteger.ONE);
        }
        List<Money> result = new ArrayList<>(ratios.length);
        for (BigInteger part : parts) {
            BigInteger signed = sign < 0 ? part.negate() : part;
            result.add(new Money(new BigDecimal(signed, scale), currency));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Splits into {@code parts} near-equal amounts that add up exactly to this amount.
     *
     * @param parts how many parts, at least one
     * @return the parts, larger ones first
     */
    public List<Money> split(int parts) {
        if (parts < 1) {
            throw new InvalidModelException("Money", "parts", "must be at least 1, was " + parts);
        }
        int[] ratios = new int[parts];
        Arrays.fill(ratios, 1);
        return allocate(ratios);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /**
     * Compares numerically.
     *
     * @throws CurrencyMismatchException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency("compare", other);
        return amount.compareTo(other.amount);
    }

    /**
     * Whether this amount is larger than another of the same currency.
     *
     * @param other an amount in the same currency
     * @return {@code true} if this is strictly larger
     */
    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /**
     * Whether this amount is smaller than another of the same currency.
     *
     * @param other an amount in the same currency
     * @return {@code true} if this is strictly smaller
     */
    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @JsonProperty("amount")
    private String jsonAmount() {
        return amount.toPlainString();
    }

    @JsonProperty("currency")
    private String jsonCurrency() {
        return currency.getCurrencyCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && currency.equals(m.currency) && amount.compareTo(m.amount) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * currency.hashCode() + amount.stripTrailingZeros().hashCode();
    }

    /** For example {@code 12.34 EUR}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(String operation, Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(operation, currency, other.currency);
        }
    }

    private static int minorDigits(Currency currency) {
        if (currency == null) {
            throw new InvalidModelException("Money", "currency", "must not be null");
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new InvalidModelException("Money", "currency",
                    currency.getCurrencyCode() + " has no minor unit; use Money.of(amount, currency)");
        }
        return digits;
    }

    private static BigDecimal parseAmount(String amount) {
        if (amount == null || amount.isBlank()) {
            throw new InvalidModelException("Money", "amount", "must be a decimal number, was empty");
        }
        try {
            return new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new InvalidModelException("Money", "amount", "'" + amount + "' is not a decimal number", e);
        }
    }

    /**
     * Looks up an ISO 4217 currency with a typed error for unknown codes.
     *
     * @param currencyCode a code such as {@code "EUR"}
     * @return the currency
     */
    public static Currency currency(String currencyCode) {
        if (currencyCode == null || currencyCode.isBlank()) {
            throw new InvalidModelException("Money", "currency", "must be an ISO 4217 code, was empty");
        }
        try {
            return Currency.getInstance(currencyCode.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("Money", "currency", "'" + currencyCode + "' is not an ISO 4217 code", e);
        }
    }
}
