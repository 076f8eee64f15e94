package io.patternhub.examples.cli.command;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.examples.cli.progress.Progress;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.PlannedChange;
import io.patternhub.hub.sync.SyncPlan;
import io.patternhub.hub.sync.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code patternhub sync}: pushes the catalog to the configured storefronts. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Push the hub's catalog to the configured storefronts (only what changed).")
public final class SyncCommand extends HubCommand implements Callable<Integer> {
    @Option(names = "--platform", paramLabel = "NAME", converter = PlatformConverter.class,
            description = "Only this storefront (etsy, shopify, ravelry, woocommerce); repeatable. Default: every configured one.")
    private List<Platform> platforms = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    private boolean dryRun;

    public SyncCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        try (HubSession hub = openHub()) {
            List<StorefrontConnection> connections = connect(hub, platforms);
            try {
                CatalogSync.Builder b = CatalogSync.builder(hub.store()).listener(Progress.of(ctx).syncListener());
                connections.forEach(c -> b.target(c.target()));
                CatalogSync sync = b.build();
                SyncPlan plan = sync.plan();
                if (dryRun) {
                    printPlan(connections, plan);
                    return 0;
                }
                plan.problems().forEach((id, problems) -> problems.forEach(
                        p -> ctx.err().println("warning: " + id + ": " + p)));
                if (plan.isEmpty()) {
                    ctx.out().println("Nothing to do: every storefront matches the catalog.");
                    return 0;
                }
                SyncReport report = sync.apply(plan);
                return printReport(connections, report);
            } finally {
                closeAll(connections);
            }
        }
    }

    private void printPlan(List<StorefrontConnection> connections, SyncPlan plan) {
        ctx.out().println("Dry run: nothing is changed.");
        for (StorefrontConnection c : connections) {
            List<PlannedChange> changes = plan.changes(c.id());
            ctx.out().printf("%s: %d change(s) for %d pattern(s)%n", c.id(), changes.size(), plan.skus(c.id()).size());
            for (PlannedChange ch : changes) {
                ctx.out().printf("  %-18s %s%s%s%n", ch.kind(), ch.sku(), ch.fileName().map(f -> " " + f).orElse(""),
                        ch.changedFields().isEmpty() ? "" : " " + ch.changedFields());
            }
            plan.problems().getOrDefault(c.id(), List.of()).forEach(p -> ctx.out().println("  problem: " + p));
        }
    }

    private int printReport(List<StorefrontConnection> connections, SyncReport report) {
        List<String> incomplete = new ArrayList<>();
        for (StorefrontConnection c : connections) {
            if (!report.results().containsKey(c.id())) {
                ctx.out().printf("%s: already in line%n", c.id());
                continue;
            }
            SyncReport.StorefrontResult r = report.result(c.id());
            ctx.out().printf("%s: %d pattern(s) synced, %d failed attempt(s), %d pending, %d given up%n",
                    c.id(), r.completed(), r.failed(), r.pending(), r.deadLetters());
            if (r.pending() > 0 || r.deadLetters() > 0) {
                incomplete.add(c.id() + " (" + r.lastError().orElse("see the log") + ")");
            }
        }
        if (!incomplete.isEmpty()) {
            throw new PatternHubException("Sync incomplete on " + String.join(", ", incomplete)
                    + "; fix the cause and run 'patternhub sync' again (failed patterns are retried)", ErrorContext.empty());
        }
        return 0;
    }
}
