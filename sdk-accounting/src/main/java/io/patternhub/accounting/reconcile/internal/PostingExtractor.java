package io.patternhub.accounting.reconcile.internal;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.accounting.reconcile.TaxMapping;
import io.patternhub.core.Platform;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Optional;
import java.util.EnumMap;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one order into postings: the sale (sales by tax class, discounts, taxes, fees) dated at the
 * order, and each refund dated at the refund. Sign convention: positive debits, negative credits.
 *
 * <p>Sales are derived as {@code total - taxes + discounts}, so prices may be tax-inclusive or
 * exclusive and the postings still add up to exactly what the buyer paid. Marketplace-collected tax
 * is booked in and straight out again (collected by, then remitted by, the marketplace): it passes
 * through and is never the seller's liability. A refund carries back its share of each tax, and the
 * fees that name it ({@link Fee#refundId()}, e.g. the fee Etsy gives back) at its date.
 */
public final class PostingExtractor {
    static final String SALE = "sale";
    private static final String TAX_OWED = "tax owed ";
    private static final String TAX_REFUNDED = "tax refunded ";
    private static final String MARKETPLACE_COLLECTED = "tax collected by marketplace ";
    private static final String MARKETPLACE_REMITTED = "tax remitted by marketplace ";
    private static final Map<FeeKind, String> FEE_LABELS = feeLabels();

    private final TaxMapping taxes;
    private final Function<LineItem, String> taxClassOf;
    private final Problems problems;
    // Per-run caches: a million orders share a few labels and tax codes.
    private final Map<String, String> salesLabels = new HashMap<>();
    private final Map<String, Map<String, String>> labels = new HashMap<>();
    private final Map<TaxKey, Optional<String>> taxCodes = new HashMap<>();

    public PostingExtractor(TaxMapping taxes, Function<LineItem, String> taxClassOf, Problems problems) {
        this.taxes = taxes;
        this.taxClassOf = taxClassOf;
        this.problems = problems;
    }

    private static Map<FeeKind, String> feeLabels() {
        Map<FeeKind, String> labels = new EnumMap<>(FeeKind.class);
        for (FeeKind kind : FeeKind.values()) {
            labels.put(kind, "fees " + kind.name().toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableMap(labels);
    }

    /** The label of a fee line, e.g. {@code "fees payment_processing"}. */
    static String feeLabel(FeeKind kind) {
        return FEE_LABELS.get(kind);
    }

    /** Every posting of an order, its sale first, then its refunds in order. */
    public List<Posting> postings(Order order) {
        List<Posting> out = new ArrayList<>();
        sale(order, out);
        for (Refund refund : order.refunds()) {
            refund(order, refund, out);
        }
        return out;
    }

    private void sale(Order order, List<Posting> out) {
        Platform ch = order.platform();
        Instant at = order.createdAt();
        Money discounts = discounts(order);
        Money totalTax = totalTax(order);
        Money sales = order.total().minus(totalTax).plus(discounts);
        if (sales.isNegative()) {
            problems.input("order " + order.externalId(), "total " + order.total() + " is less than its taxes "
                    + totalTax + " minus discounts " + discounts + "; the order does not add up");
            return;
        }
        String country = country(order);
        Map<String, Money> byClass = salesByClass(order, sales);
        String mainCode = null;
        Money taxLeft = totalTax;
        for (Map.Entry<String, Money> e : byClass.entrySet()) {
            String code = taxCode(ch, country, e.getKey());
            mainCode = mainCode == null ? code : mainCode;
            // The order's tax is reported on the first sales line; it is informational, booked on tax lines.
            Money taxAmount = taxLeft.isZero() ? null : taxLeft;
            taxLeft = Money.zero(order.currency());
            add(out, order, SALE, at, AccountRole.SALES, code, salesLabel(e.getKey()),
                    e.getValue().negate(), taxAmount == null ? null : taxAmount.negate());
        }
        add(out, order, SALE, at, AccountRole.DISCOUNTS, mainCode, "discounts", discounts, null);
        for (TaxLine tax : order.taxes()) {
            String taxCountry = tax.country().orElse(country);
            String code = taxCode(ch, taxCountry, mainClass(byClass));
            if (tax.collectedBy() == TaxCollector.SELLER) {
                add(out, order, SALE, at, AccountRole.SELLER_TAX, code, label(TAX_OWED, taxCountry),
                        tax.amount().negate(), null);
            } else {
                add(out, order, SALE, at, AccountRole.MARKETPLACE_TAX, code,
                        label(MARKETPLACE_COLLECTED, taxCountry), tax.amount().negate(), null);
                add(out, order, SALE, at, AccountRole.MARKETPLACE_TAX, code,
                        label(MARKETPLACE_REMITTED, taxCountry), tax.amount(), null);
            }
        }
        for (Fee fee : order.fees()) {
            if (!ofRefund(order, fee)) {
                fee(out, order, SALE, at, fee);
            }
        }
    }

    /** True if the fee came with one of the order's refunds, and is booked with it. */
    private static boolean ofRefund(Order order, Fee fee) {
        if (fee.refundId().isEmpty()) {
            return false;
        }
        for (Refund refund : order.refunds()) {
            if (refund.externalId().equals(fee.refundId().get())) {
                return true;
            }
        }
        return false; // names no refund of the order: booked with the sale, so it is not lost
    }

    private static void fee(List<Posting> out, Order order, String event, Instant at, Fee fee) {
        add(out, order, event, at, AccountRole.fee(fee.kind()), null, feeLabel(fee.kind()), fee.amount(), null);
        fee.tax().ifPresent(t -> add(out, order, event, at, AccountRole.FEE_TAX, null, "tax on fees", t, null));
    }

    private void refund(Order order, Refund refund, List<Posting> out) {
        String event = "refund:" + refund.externalId();
        Instant at = refund.createdAt();
        Money amount = refund.amount();
        Money sellerShare = share(amount, order.taxCollectedBy(TaxCollector.SELLER), order.total());
        Money marketShare = share(amount, order.taxCollectedBy(TaxCollector.MARKETPLACE), order.total());
        String country = country(order);
        String code = taxCode(order.platform(), country, mainClass(salesByClass(order, order.total())));
        Money taxShare = sellerShare.plus(marketShare);
        add(out, order, event, at, AccountRole.REFUNDS, code, "refunds", amount.minus(taxShare),
                taxShare.isZero() ? null : taxShare);
        add(out, order, event, at, AccountRole.SELLER_TAX, code, label(TAX_REFUNDED, country),
                sellerShare, null);
        add(out, order, event, at, AccountRole.MARKETPLACE_TAX, code,
                label(MARKETPLACE_COLLECTED, country), marketShare, null);
        add(out, order, event, at, AccountRole.MARKETPLACE_TAX, code,
                label(MARKETPLACE_REMITTED, country), marketShare.negate(), null);
        for (Fee fee : order.fees()) { // fees given back (or charged) on this refund, at its date
            if (fee.refundId().filter(refund.externalId()::equals).isPresent()) {
                fee(out, order, event, at, fee);
            }
        }
    }

    /** A refund's share of a tax: {@code refund * tax / total}, rounded half-even, never more than the refund. */
    private static Money share(Money refund, Money tax, Money total) {
        if (tax.isZero() || !total.isPositive()) {
            return Money.zero(refund.currency());
        }
        BigDecimal fraction = tax.amount().divide(total.amount(), 12, RoundingMode.HALF_EVEN);
        Money share = refund.times(fraction, RoundingMode.HALF_EVEN);
        return share.isGreaterThan(refund) ? refund : share;
    }

    private static Money discounts(Order order) {
        Money stated = order.discountsTotal();
        if (!stated.isZero()) {
            return stated;
        }
        Money total = Money.zero(order.currency());
        for (LineItem line : order.lineItems()) {
            if (line.discount().isPresent()) {
                total = total.plus(line.discount().get());
            }
        }
        return total;
    }

    /** {@link Order#totalTax()} without its stream. */
    private static Money totalTax(Order order) {
        Money total = Money.zero(order.currency());
        for (TaxLine tax : order.taxes()) {
            total = total.plus(tax.amount());
        }
        return total;
    }

    /** {@code "sales (<class>)"}, made once per class. */
    private String salesLabel(String taxClass) {
        String label = salesLabels.get(taxClass); // get-then-put: no capturing lambda per order
        if (label == null) {
            label = ("sales (" + taxClass + ")").trim();
            salesLabels.put(taxClass, label);
        }
        return label;
    }

    /** A tax label with its country, e.g. {@code "tax owed DE"}, made once per label and country. */
    private String label(String prefix, String country) {
        Map<String, String> byCountry = labels.computeIfAbsent(prefix, k -> new HashMap<>());
        String label = byCountry.get(taxCountry(country));
        if (label == null) {
            label = (prefix + taxCountry(country)).trim();
            byCountry.put(taxCountry(country), label);
        }
        return label;
    }

    /** Splits an amount over tax classes in proportion to the lines' prices, to the cent. */
    private Map<String, Money> salesByClass(Order order, Money amount) {
        if (order.lineItems().size() <= 1) { // the common case: one class, nothing to split
            String cls = order.lineItems().isEmpty() ? null : taxClassOf.apply(order.lineItems().get(0));
            return Collections.singletonMap(cls == null ? TaxMapping.DIGITAL : cls, amount);
        }
        Map<String, Money> weights = new LinkedHashMap<>();
        for (LineItem line : order.lineItems()) {
            String cls = taxClassOf.apply(line);
            weights.merge(cls == null ? TaxMapping.DIGITAL : cls, line.unitPrice().times(line.quantity()), Money::plus);
        }
        Map<String, Money> out = new LinkedHashMap<>();
        if (weights.size() <= 1) {
            out.put(weights.isEmpty() ? TaxMapping.DIGITAL : weights.keySet().iterator().next(), amount);
            return out;
        }
        List<String> classes = new ArrayList<>(weights.keySet());
        int[] ratios = new int[classes.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = Math.toIntExact(weights.get(classes.get(i)).roundedToCurrency().toMinorUnits());
        }
        if (java.util.Arrays.stream(ratios).sum() == 0) {
            java.util.Arrays.fill(ratios, 1);
        }
        List<Money> parts = amount.roundedToCurrency().allocate(ratios);
        for (int i = 0; i < ratios.length; i++) {
            out.put(classes.get(i), parts.get(i));
        }
        return out;
    }

    private static String mainClass(Map<String, Money> byClass) {
        return byClass.keySet().iterator().next();
    }

    private static String country(Order order) {
        for (TaxLine tax : order.taxes()) {
            if (tax.country().isPresent()) {
                return tax.country().get();
            }
        }
        return order.buyer().flatMap(b -> b.country()).orElse(null);
    }

    private static String taxCountry(String country) {
        return country == null ? "" : country;
    }

    private String taxCode(Platform channel, String country, String taxClass) {
        // Cached per run; a gap is recorded when first met, which is all the error needs.
        TaxKey key = new TaxKey(channel, country, taxClass);
        Optional<String> code = taxCodes.get(key);
        if (code == null) {
            code = lookUpTaxCode(channel, country, taxClass);
            taxCodes.put(key, code);
        }
        return code.orElse(null);
    }

    private Optional<String> lookUpTaxCode(Platform channel, String country, String taxClass) {
        return Optional.ofNullable(taxes.taxCodeFor(channel, country, taxClass).orElseGet(() -> {
            problems.missingTaxCode(MappingKeys.tax(channel, country, taxClass),
                    "tax code for " + channel.displayName() + " sales of class '" + taxClass + "' to buyers in "
                            + (country == null ? "an unknown country" : country));
            return null;
        }));
    }

    private record TaxKey(Platform channel, String country, String taxClass) {
    }

    private static void add(List<Posting> out, Order order, String event, Instant at, AccountRole role,
                            String taxCode, String label, Money amount, Money taxAmount) {
        if (amount.isZero()) {
            return;
        }
        out.add(new Posting(order.platform(), order.externalId(), event, at, role, taxCode, label.trim(), amount,
                taxAmount == null || taxAmount.isZero() ? null : taxAmount));
    }
}
