package io.patternhub.benchmarks;

import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.Reconciler;
import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import io.patternhub.core.ledger.PostingMode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Reconciliation of N Shopify orders (seller-collected VAT, one payment fee each) per order into journals:
 * wall time and heap growth while reconciling, against a baseline pass that only sums the same orders'
 * totals. Heap is the sum of the heap pools' peaks (reset after the input is built and collected), minus
 * the heap in use before the run. Arguments: {@code [orders]} (default 1,000,000).
 */
public final class ReconcileBench {
    private static final String MAPPING = """
            account.*.bank = 090
            account.*.rounding = 860
            account.*.fx_gain_loss = 861
            account.*.adjustments = 862
            account.*.fee_tax = 820
            account.shopify.sales = 201
            account.shopify.discounts = 211
            account.shopify.refunds = 221
            account.shopify.clearing = 611
            account.shopify.seller_tax = 826
            account.shopify.fee.payment_processing = 415
            tax.shopify.*.* = OUTPUT
            """;

    private ReconcileBench() {
    }

    /**
     * Runs the benchmark and prints time, heap growth and the ratios to the baseline.
     *
     * @param args optional number of orders
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MappingFile m = MappingFile.load(new StringReader(MAPPING));
        Reconciler engine = Reconciler.builder().accounts(m.accounts()).taxes(m.taxes()).rates(FxRates.none()).build();

        engine.reconcile(input(20_000), PostingMode.PER_ORDER); // warm-up
        ReconcileInput input = input(n);
        List<Order> orders = input.orders();

        long baseHeap = HeapPeaks.start();
        long start = System.nanoTime();
        BigDecimal sum = BigDecimal.ZERO;
        for (Order o : orders) {
            sum = sum.add(o.total().amount());
        }
        long baselineNanos = System.nanoTime() - start;
        long baselinePeak = HeapPeaks.growthSince(baseHeap);

        baseHeap = HeapPeaks.start();
        start = System.nanoTime();
        ReconcileResult result = engine.reconcile(input, PostingMode.PER_ORDER);
        long nanos = System.nanoTime() - start;
        long peak = HeapPeaks.growthSince(baseHeap);

        System.out.printf("reconcile: %,d orders -> %,d journals (checksum %s)%n", n, result.journals().size(), sum);
        System.out.printf("  baseline (sum totals): %,d ms, heap growth %,d MiB%n", baselineNanos / 1_000_000,
                baselinePeak >> 20);
        System.out.printf("  reconcile PER_ORDER:   %,d ms, heap growth %,d MiB (targets < 5 s, < 512 MiB)%n",
                nanos / 1_000_000, peak >> 20);
        System.out.printf("  ratio time reconcile / baseline: %.1f%n", (double) nanos / baselineNanos);
    }

    private static ReconcileInput input(int n) {
        return ReconcileInput.builder().addOrders(ordersOf(n)).build();
    }

    private static List<Order> ordersOf(int n) {
        Currency eur = Currency.getInstance("EUR");
        Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
        CustomerRef buyer = CustomerRef.builder().platform(Platform.SHOPIFY).externalId("buyer-DE").country("DE").build();
        LineItem line = LineItem.builder().externalId("l1").sku("SOCK-1").title("Sock pattern").quantity(1)
                .unitPrice(Money.of("11.90", eur)).build();
        TaxLine tax = TaxLine.builder().amount(Money.of("1.90", eur)).country("DE").collectedBy(TaxCollector.SELLER)
                .build();
        Fee fee = Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(Money.of("0.60", eur)).build();
        List<Order> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            orders.add(Order.builder().platform(Platform.SHOPIFY).externalId("gid://shopify/Order/" + (1000 + i))
                    .createdAt(t0.plusSeconds(i)).buyer(buyer).currency(eur).addLineItem(line)
                    .subtotal(Money.of("11.90", eur)).total(Money.of("11.90", eur)).addTax(tax).addFee(fee)
                    .status(OrderStatus.PAID).build());
        }
        return orders;
    }
}
