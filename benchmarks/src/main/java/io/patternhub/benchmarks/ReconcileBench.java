package io.patternhub.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.JournalSink;
import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.ReconcileSummary;
import io.patternhub.accounting.reconcile.Reconciler;
import io.patternhub.accounting.reconcile.UnsettledEvent;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.io.StringReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Reconciliation of N Shopify orders (seller-collected DE VAT, one payment fee each, one a second):
 * the streaming engine reading the orders from a generator (never a list) into a counting sink,
 * against, in the same run, a baseline pass that only sums the generated orders' totals and the
 * former list API ({@code reconcile(ReconcileInput, mode)}, which holds every order and journal) at a
 * size that fits the heap.
 *
 * <p>Arguments: {@code [orders] [list-orders] [order|payout]}: orders for the streaming run (default
 * 1,000,000); orders for the list-API run (default the same when the heap is at least 2.5 GiB, else
 * 50,000; 0 skips it); the posting mode (default {@code order}; {@code payout} adds one payout per
 * day listing that day's orders). For each run it prints wall time, peak heap growth (sum of heap
 * pool peaks minus the heap in use before, an upper bound that includes not-yet-collected garbage),
 * peak live heap (largest heap in use right after a collection, minus the heap in use before) and
 * the collections it took. Run the streaming path with {@code -Dbench.heap=-Xmx512m} to prove the
 * heap target.
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
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final int ORDERS_PER_PAYOUT = 86_400; // one payout a day, one order a second

    // CPU times are printed next to wall time: on a shared machine they are the steadier figure.
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

    private ReconcileBench() {
    }

    /**
     * Runs the benchmark and prints time, heap and the ratios to the baselines.
     *
     * @param args {@code [orders] [list-orders] [order|payout]}
     */
    public static void main(String[] args) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int listN = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : maxHeap >= (5L << 29) ? n : 50_000;
        PostingMode mode = args.length > 2 && args[2].toLowerCase(Locale.ROOT).startsWith("payout")
                ? PostingMode.PER_PAYOUT : PostingMode.PER_ORDER;
        System.out.printf("reconcile bench: %,d orders streamed, %,d through the list API, %s; JVM args %s, GC %s%n",
                n, listN, mode, ManagementFactory.getRuntimeMXBean().getInputArguments(), gcNames());

        MappingFile m = MappingFile.load(new StringReader(MAPPING));
        Reconciler engine = Reconciler.builder().accounts(m.accounts()).taxes(m.taxes()).rates(FxRates.none()).build();

        // Warm-up of both paths, and a check that they agree journal for journal.
        int warm = Math.min(20_000, n);
        ReconcileResult listed = engine.reconcile(listInput(warm, mode), mode);
        int[] index = {0};
        engine.reconcile(new Orders(warm), payouts(warm, mode), mode, j -> {
            if (!j.equals(listed.journals().get(index[0]++))) {
                throw new IllegalStateException("streamed journal " + index[0] + " differs: " + j.reference());
            }
        });
        if (index[0] != listed.journals().size()) {
            throw new IllegalStateException("streamed " + index[0] + " journals, listed " + listed.journals().size());
        }
        System.out.printf("  check: streaming and list API give the same %,d journals for %,d orders%n", index[0], warm);

        ReconcileInput payouts = payouts(n, mode);
        Measured baseline = measure(() -> {
            BigDecimal sum = BigDecimal.ZERO;
            for (Orders it = new Orders(n); it.hasNext(); ) {
                sum = sum.add(it.next().total().amount());
            }
            return "sum of totals " + sum;
        });
        Counting sink = new Counting();
        Measured streamed = measure(() -> {
            ReconcileSummary s = engine.reconcile(new Orders(n), payouts, mode, sink);
            return String.format("%,d orders -> %,d journals, %,d lines, debits %,d cents, %,d unsettled",
                    s.orders(), s.journals(), sink.lines, sink.debitCents, s.unsettled());
        });
        System.out.printf("  baseline (generate + sum totals), %,d orders: %s%n", n, baseline);
        System.out.printf("  streaming %s, %,d orders:            %s%n", mode, n, streamed);

        if (listN > 0) {
            Counting small = new Counting();
            Measured streamedSmall = measure(() -> {
                ReconcileSummary s = engine.reconcile(new Orders(listN), payouts(listN, mode), mode, small);
                return String.format("%,d journals", s.journals());
            });
            ReconcileInput input = listInput(listN, mode); // built before measuring, as a caller would hold it
            Measured list = measure(() -> String.format("%,d journals",
                    engine.reconcile(input, mode).journals().size()));
            System.out.printf("  streaming %s, %,d orders:            %s%n", mode, listN, streamedSmall);
            System.out.printf("  list API %s (all orders and journals held), %,d orders: %s%n", mode, listN, list);
            System.out.printf("  ratio streaming / list API at %,d orders: time %.2f (thread CPU %.2f), peak heap growth"
                            + " %.2f, peak live heap %.2f%n", listN, ratio(streamedSmall.nanos, list.nanos),
                    ratio(streamedSmall.threadCpuNanos, list.threadCpuNanos),
                    ratio(streamedSmall.peakGrowth, list.peakGrowth),
                    ratio(streamedSmall.liveGrowth, list.liveGrowth));
        }
        System.out.printf("  ratio streaming / baseline at %,d orders: time %.1f (thread CPU %.1f);"
                        + " reconciling alone (streaming minus baseline): %,d ms wall, %,d ms thread CPU%n", n,
                ratio(streamed.nanos, baseline.nanos), ratio(streamed.threadCpuNanos, baseline.threadCpuNanos),
                (streamed.nanos - baseline.nanos) / 1_000_000,
                (streamed.threadCpuNanos - baseline.threadCpuNanos) / 1_000_000);
        System.out.printf("  targets at %,d orders: time < 5 s: %s (%,d ms wall, %,d ms CPU); heap < 512 MiB: %s (peak growth %,d MiB,"
                        + " peak live %,d MiB, max heap %,d MiB)%n", n,
                streamed.nanos < 5_000_000_000L ? "met" : "MISSED", streamed.nanos / 1_000_000,
                streamed.threadCpuNanos / 1_000_000,
                streamed.peakGrowth < (512L << 20) ? "met" : "MISSED", streamed.peakGrowth >> 20,
                streamed.liveGrowth >> 20, maxHeap >> 20);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    // ---------------------------------------------------------------- input

    /** N orders made on demand, one a second from 1 May 2026; none is kept. */
    static final class Orders implements Iterator<Order> {
        private static final CustomerRef BUYER = CustomerRef.builder().platform(Platform.SHOPIFY)
                .externalId("buyer-DE").country("DE").build();
        private static final Money PRICE = Money.of("11.90", EUR);
        private static final LineItem LINE = LineItem.builder().externalId("l1").sku("SOCK-1").title("Sock pattern")
                .quantity(1).unitPrice(PRICE).build();
        private static final TaxLine TAX = TaxLine.builder().amount(Money.of("1.90", EUR)).country("DE")
                .collectedBy(TaxCollector.SELLER).build();
        private static final Fee FEE = Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(Money.of("0.60", EUR))
                .build();

        private final int n;
        private int i;

        Orders(int n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return i < n;
        }

        @Override
        public Order next() {
            if (i >= n) {
                throw new NoSuchElementException();
            }
            int k = i++;
            return Order.builder().platform(Platform.SHOPIFY).externalId(id(k)).createdAt(T0.plusSeconds(k))
                    .buyer(BUYER).currency(EUR).addLineItem(LINE).subtotal(PRICE).total(PRICE).addTax(TAX)
                    .addFee(FEE).status(OrderStatus.PAID).build();
        }
    }

    private static String id(int k) {
        return "gid://shopify/Order/" + (1000 + k);
    }

    private static ReconcileInput listInput(int n, PostingMode mode) {
        List<Order> orders = new ArrayList<>(n);
        new Orders(n).forEachRemaining(orders::add);
        return ReconcileInput.builder().addOrders(orders).addPayouts(payouts(n, mode).payouts()).build();
    }

    /** Per payout: one payout a day listing that day's orders (11.90 paid, 0.60 fee: 11.30 each); else none. */
    private static ReconcileInput payouts(int n, PostingMode mode) {
        ReconcileInput.Builder b = ReconcileInput.builder();
        if (mode != PostingMode.PER_PAYOUT) {
            return b.build();
        }
        for (int day = 0; day * ORDERS_PER_PAYOUT < n; day++) {
            int from = day * ORDERS_PER_PAYOUT;
            int to = Math.min(n, from + ORDERS_PER_PAYOUT);
            List<String> ids = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                ids.add(id(k));
            }
            Money net = Money.ofMinor(1130L * (to - from), EUR);
            Instant start = T0.plusSeconds(from);
            b.addPayout(Payout.builder().platform(Platform.SHOPIFY).externalId("P" + day).currency(EUR)
                    .periodStart(start).periodEnd(start.plusSeconds(ORDERS_PER_PAYOUT - 1L))
                    .arrivalDate(LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(2)).gross(net)
                    .adjustments(Money.zero(EUR)).net(net).orderIds(ids).status(PayoutStatus.PAID).build());
        }
        return b.build();
    }

    // ---------------------------------------------------------------- measuring

    /** Counts what it is handed, so the work cannot be skipped; keeps nothing. */
    static final class Counting implements JournalSink {
        long lines;
        long debitCents;

        @Override
        public void journal(Journal journal) {
            for (JournalLine line : journal.lines()) {
                lines++;
                if (line.isDebit()) {
                    debitCents += line.amount().toMinorUnits();
                }
            }
        }

        @Override
        public void unsettled(UnsettledEvent event) {
            // counted by the engine's summary
        }
    }

    /** One measured run. */
    record Measured(String what, long nanos, long threadCpuNanos, long processCpuNanos, long peakGrowth,
                    long liveGrowth, long gcs, long gcMillis) {
        @Override
        public String toString() {
            return String.format("%,d ms wall (CPU: %,d ms this thread, %,d ms whole JVM), peak heap growth %,d MiB,"
                            + " peak live heap %,d MiB, %,d GCs (%,d ms) [%s]", nanos / 1_000_000,
                    threadCpuNanos / 1_000_000, processCpuNanos / 1_000_000, peakGrowth >> 20, liveGrowth >> 20, gcs,
                    gcMillis, what);
        }
    }

    private static Measured measure(Supplier<String> work) {
        long base = HeapPeaks.start();
        LiveHeap live = LiveHeap.start();
        long gcs = gcCount();
        long gcMillis = gcMillis();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        String what = work.get();
        long nanos = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        processCpu = OS.getProcessCpuTime() - processCpu;
        long peak = HeapPeaks.growthSince(base);
        long liveMax = live.stop();
        return new Measured(what, nanos, cpu, processCpu, peak, Math.max(0, liveMax - base), gcCount() - gcs, gcMillis() - gcMillis);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String gcNames() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList()
                .toString();
    }

    /**
     * The largest heap in use right after any collection during a run: the live set (plus garbage not
     * yet collected in the older generation), read from the collectors' notifications.
     */
    static final class LiveHeap {
        private final List<Runnable> detach = new ArrayList<>();
        private volatile long max;

        static LiveHeap start() {
            LiveHeap h = new LiveHeap();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (notification, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                    .from((CompositeData) notification.getUserData());
                            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                    .filter(e -> isHeapPool(e.getKey()))
                                    .mapToLong(e -> e.getValue().getUsed()).sum();
                            h.note(used);
                        }
                    };
                    emitter.addNotificationListener(listener, null, null);
                    h.detach.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException e) {
                            // already gone
                        }
                    });
                }
            }
            return h;
        }

        private synchronized void note(long used) {
            max = Math.max(max, used);
        }

        /** Stops listening; a run that never collected counts as the heap in use at its end. */
        long stop() {
            MemoryUsage now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            detach.forEach(Runnable::run);
            return max == 0 ? now.getUsed() : max;
        }

        private static boolean isHeapPool(String pool) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .anyMatch(p -> p.getName().equals(pool) && p.getType() == java.lang.management.MemoryType.HEAP);
        }
    }
}
