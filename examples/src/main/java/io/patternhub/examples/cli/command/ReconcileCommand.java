package io.patternhub.examples.cli.command;

import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.examples.accounting.HubReconciliation;
import io.patternhub.examples.accounting.LedgerConnector;
import io.patternhub.examples.accounting.Mappings;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code patternhub reconcile}: the hub's orders (with fees, taxes and refunds) and payouts of a month as
 * balanced journals, posted to a ledger.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Turn a month of the hub's orders and payouts into balanced journals and post them to Xero or"
                + " QuickBooks."
                + " Re-running a month posts nothing twice (references are deterministic).")
public final class ReconcileCommand extends HubCommand implements Callable<Integer> {
    /** Posting modes as typed. */
    public enum Mode {
        /** One summary journal per payout. */
        payout(PostingMode.PER_PAYOUT),
        /** One journal per sale and refund. */
        order(PostingMode.PER_ORDER);

        private final PostingMode mode;

        Mode(PostingMode mode) {
            this.mode = mode;
        }
    }

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "The month to reconcile.")
    private String period;

    @Option(names = "--ledger", required = true, paramLabel = "xero|quickbooks",
            description = "The ledger: xero (PATTERNHUB_XERO_*) or quickbooks (PATTERNHUB_QUICKBOOKS_*).")
    private LedgerConnector.Kind ledger;

    @Option(names = "--mode", paramLabel = "payout|order", defaultValue = "order",
            description = "order (default): one journal per sale and refund, and a settlement per payout;"
                    + " payout: one summary per payout and month whose bank line is the deposit (payouts come from"
                    + " 'orders pull').")
    private Mode mode;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Account mapping (properties, see sdk-accounting/README.md), or " + Mappings.BUILTIN_DEFAULT
                    + ". Default: PATTERNHUB_ACCOUNT_MAPPING.")
    private String mapping;

    @Option(names = "--dry-run", description = "Show the journals; do not call the ledger.")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the journals as JSON (date, reference, lines with account,"
            + " debit, credit, currency, tax).")
    private boolean json;

    public ReconcileCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        YearMonth month = parsePeriod();
        try (HubSession hub = openHub()) {
            MappingFile accounts = loadMapping(hub);
            ZoneId zone = zone(hub);
            HubReconciliation reconciliation = new HubReconciliation(hub.store(), accounts, zone);
            ReconcileResult result = reconciliation.reconcile(mode.mode, month);
            if (json) {
                ctx.out().println(result.toJson());
            } else {
                for (Journal j : result.journals()) {
                    ctx.out().printf("%s  %-40s %d line(s)  %s%n", j.date(), j.reference(), j.lines().size(),
                            j.currency().getCurrencyCode());
                }
            }
            if (!result.unsettled().isEmpty()) {
                ctx.err().printf("note: %d sale(s) or refund(s) have no payout in the hub yet (run 'orders pull' once the"
                        + " platform has paid out), so no settlement was booked for them%n", result.unsettled().size());
            }
            if (dryRun) {
                ctx.err().printf("dry run: %d journal(s) for %s, nothing posted%n", result.journals().size(), month);
                return 0;
            }
            Ledger target = LedgerConnector.connect(ledger, hub.settings(), hub::tokenStore, mode.mode);
            try {
                List<PostResult> posted = reconciliation.engine().post(target, result);
                long created = posted.stream().filter(PostResult::created).count();
                ctx.err().printf("%s: %d journal(s) posted, %d already there%n", ledger.name().toLowerCase(Locale.ROOT),
                        created, posted.size() - created);
            } finally {
                LedgerConnector.close(target);
            }
        }
        return 0;
    }

    private YearMonth parsePeriod() {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--period '" + period + "' is not a month; use YYYY-MM, e.g. 2026-05");
        }
    }

    private MappingFile loadMapping(HubSession hub) {
        String name = mapping != null ? mapping : hub.settings().get("PATTERNHUB_ACCOUNT_MAPPING").orElseThrow(() ->
                new ConfigurationException("No account mapping: give --mapping FILE or set PATTERNHUB_ACCOUNT_MAPPING"
                        + " (or --mapping " + Mappings.BUILTIN_DEFAULT + " to try the shipped one)", ErrorContext.empty()));
        return Mappings.load(name, Mappings.BUILTIN_DEFAULT.equals(name) ? null : ctx.resolve(name));
    }

    private static ZoneId zone(HubSession hub) {
        String z = hub.settings().get("PATTERNHUB_BOOKS_ZONE").orElse("UTC");
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new ConfigurationException("PATTERNHUB_BOOKS_ZONE='" + z + "' is not a time zone (e.g. Europe/Berlin)",
                    ErrorContext.empty());
        }
    }
}
