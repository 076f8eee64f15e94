package io.patternhub.examples.cli.command;

import io.patternhub.core.Platform;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.examples.cli.progress.Progress;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.OrderPoller;
import io.patternhub.hub.ingest.PayoutPoller;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code patternhub orders ...}. */
@Command(name = "orders", mixinStandardHelpOptions = true, description = "Orders from the storefronts.",
        subcommands = OrdersCommand.Pull.class)
public final class OrdersCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: use 'orders pull'");
    }

    /** {@code patternhub orders pull}: polls orders into the hub. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Poll orders and payouts from the configured storefronts into the hub (from each one's saved"
                    + " cursors; the first payout poll reads the platform's whole payout history). With mail configured,"
                    + " buyers of paid orders get their download links.")
    public static final class Pull extends HubCommand implements Callable<Integer> {
        /** How far before the saved cursor each poll looks again, for late refunds and cancellations. */
        static final Duration RESCAN = Duration.ofDays(3);
        /** How far before the saved payout cursor each poll looks again, for payouts still pending or in transit. */
        static final Duration PAYOUT_RESCAN = Duration.ofDays(14);
        /** Where the first payout poll starts: the whole history (Etsy's ledger accepts nothing before 2000). */
        static final Instant PAYOUTS_FROM = Instant.parse("2000-01-01T00:00:00Z");

        @Option(names = "--platform", paramLabel = "NAME", converter = PlatformConverter.class,
                description = "Only this storefront; repeatable. Default: every configured one.")
        private List<Platform> platforms = new ArrayList<>();

        @Option(names = "--since", paramLabel = "ISO-8601",
                description = "Read orders modified, and payouts created, since this time (e.g. 2026-05-01T00:00:00Z)"
                        + " instead of the saved cursors; the cursors are not moved.")
        private String since;

        public Pull(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Instant from = since == null ? null : parseSince(since);
            try (HubSession hub = openHub()) {
                List<StorefrontConnection> connections = connect(hub, platforms);
                try {
                    if (hub.notifications().isEmpty()) {
                        ctx.err().println("note: PATTERNHUB_SMTP_HOST is not set, so orders are stored but no buyer is emailed");
                    }
                    OrderIngest ingest = hub.ingest();
                    OrderPoller poller = new OrderPoller(hub.store(), ingest, RESCAN);
                    PayoutPoller payouts = new PayoutPoller(hub.store(), PAYOUT_RESCAN, PAYOUTS_FROM);
                    try (Progress.Task task = Progress.of(ctx).task("orders", connections.size())) {
                        int done = 0;
                        for (StorefrontConnection c : connections) {
                            int[] seenChanged = from == null ? poll(poller, c) : pullSince(ingest, c, from);
                            PayoutPoller.PollResult p = from == null ? payouts.poll(c.id(), c.storefront())
                                    : payouts.pull(c.storefront(), from);
                            task.update(++done, c.id());
                            ctx.out().printf("%s: %d order(s) read, %d new or changed%s%n", c.id(), seenChanged[0],
                                    seenChanged[1], p.skipped() ? "; the platform reports no payouts"
                                            : String.format("; %d payout(s) read, %d new or changed", p.seen(), p.changed()));
                        }
                    }
                } finally {
                    closeAll(connections);
                }
            }
            return 0;
        }

        private static int[] poll(OrderPoller poller, StorefrontConnection c) {
            OrderPoller.PollResult r = poller.poll(c.id(), c.storefront());
            return new int[] {r.seen(), r.changed()};
        }

        private static int[] pullSince(OrderIngest ingest, StorefrontConnection c, Instant from) {
            int seen = 0;
            int changed = 0;
            try (Stream<Order> orders = c.storefront().orders(OrderQuery.builder().updatedSince(from).build())) {
                for (Order order : (Iterable<Order>) orders::iterator) {
                    seen++;
                    Instant modified = order.updatedAt().orElse(order.createdAt());
                    // the same event id as the poller's, so a later poll does not count these twice
                    String eventId = EventIds.of(order.platform(), "poll", order.externalId(), order.status().name(),
                            modified.toString());
                    OrderIngest.Outcome o = ingest.ingest(order, eventId);
                    if (o == OrderIngest.Outcome.CREATED || o == OrderIngest.Outcome.STATUS_CHANGED) {
                        changed++;
                    }
                }
            }
            ingest.dispatchAll();
            return new int[] {seen, changed};
        }

        private Instant parseSince(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e2) {
                    try {
                        return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException e3) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--since '" + value
                                + "' is not an ISO-8601 time; use e.g. 2026-05-01T00:00:00Z or 2026-05-01");
                    }
                }
            }
        }
    }
}
