package io.patternhub.examples.cli;

import io.patternhub.core.error.PatternHubException;
import io.patternhub.examples.cli.command.CatalogCommand;
import io.patternhub.examples.cli.command.DemoCommand;
import io.patternhub.examples.cli.command.OrdersCommand;
import io.patternhub.examples.cli.command.PrivacyCommand;
import io.patternhub.examples.cli.command.ReconcileCommand;
import io.patternhub.examples.cli.command.ServeCommand;
import io.patternhub.examples.cli.command.InsightsCommand;
import io.patternhub.examples.cli.command.SupportCommand;
import io.patternhub.examples.cli.command.SyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The {@code patternhub} command line tool. Exit codes: 0 success, 1 failure (one line saying what
 * failed and what to do; the stack trace only with {@code --verbose}), 2 usage error.
 */
@Command(name = "patternhub", mixinStandardHelpOptions = true, version = "patternhub 0.1.0",
        description = "Sell digital patterns on several platforms from one catalog.%n"
                + "Configuration: PATTERNHUB_* environment variables or patternhub.yaml (see README).",
        subcommands = {DemoCommand.class, CatalogCommand.class, SyncCommand.class, OrdersCommand.class, ReconcileCommand.class, InsightsCommand.class,
                PrivacyCommand.class, SupportCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class PatternHubCli implements Callable<Integer> {
    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code of a failure. */
    public static final int FAILURE = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /**
     * Runs the tool.
     *
     * @param ctx  environment, working directory and streams
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(CliContext ctx, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cmd = new CommandLine(new PatternHubCli(), new ContextFactory(ctx));
        cmd.setOut(new PrintWriter(ctx.out(), true));
        cmd.setErr(new PrintWriter(ctx.err(), true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> {
            ctx.err().println("error: " + oneLine(ex.getMessage()));
            ctx.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            ctx.err().println("error: " + describe(ex, verbose));
            if (verbose) {
                ex.printStackTrace(ctx.err());
            }
            return FAILURE;
        });
        try {
            return cmd.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands only exceptions to the handler above; anything else still gets one line
            ctx.err().println("error: " + describe(e, verbose));
            if (verbose) {
                e.printStackTrace(ctx.err());
            }
            return FAILURE;
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** The one line printed for a failure. */
    static String describe(Throwable ex, boolean verbose) {
        if (ex instanceof PatternHubException) {
            return oneLine(ex.getMessage());
        }
        String msg = ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage());
        return "unexpected " + ex.getClass().getSimpleName() + msg
                + (verbose ? "" : " (run again with --verbose for the details, and report it if it persists)");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /**
     * Entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(CliContext.system(), args));
    }

    /** Gives every command that wants it the {@link CliContext}. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext ctx;

        ContextFactory(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
