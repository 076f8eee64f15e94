package io.patternhub.examples.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.hub.privacy.ErasureReport;
import io.patternhub.hub.privacy.PrivacyService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code patternhub privacy export|erase --email E}. */
@Command(name = "privacy", mixinStandardHelpOptions = true, description = "Data subject requests (GDPR/CCPA).",
        subcommands = {PrivacyCommand.Export.class, PrivacyCommand.Erase.class})
public final class PrivacyCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: use 'privacy export' or 'privacy erase'");
    }

    static String checkEmail(CommandLine.Model.CommandSpec spec, String email) {
        String e = email.trim();
        if (!e.matches("[^@\\s]+@[^@\\s]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--email '" + email + "' is not an email address");
        }
        return e;
    }

    /** Export everything held about a customer. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print (or write) everything the hub holds about a customer, as JSON.")
    public static final class Export extends HubCommand implements Callable<Integer> {
        @Option(names = "--email", required = true, paramLabel = "E", description = "The customer's email address.")
        private String email;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON to this file instead of printing it.")
        private String out;

        public Export(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String e = checkEmail(spec, email);
            try (HubSession hub = openHub()) {
                ObjectNode export = new PrivacyService(hub.store(), x -> { }).exportByEmail(e);
                ObjectMapper json = PatternHubJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
                String text = json.writeValueAsString(export);
                if (out == null) {
                    ctx.out().println(text);
                } else {
                    Path file = ctx.resolve(out);
                    Files.writeString(file, text);
                    ctx.out().printf("Wrote %d customer record(s) for %s to %s%n", export.path("customers").size(), e, file);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return 0;
        }
    }

    /** Erase a customer's personal data. */
    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase a customer's personal data (orders are kept, pseudonymized, for the books).")
    public static final class Erase extends HubCommand implements Callable<Integer> {
        @Option(names = "--email", required = true, paramLabel = "E", description = "The customer's email address.")
        private String email;

        public Erase(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String e = checkEmail(spec, email);
            try (HubSession hub = openHub()) {
                ErasureReport r = new PrivacyService(hub.store(), x -> { }).eraseByEmail(e);
                if (r.customerIds().isEmpty()) {
                    throw new NotFoundException("No customer with email " + e + " is in the hub; check the address"
                            + " (nothing was erased)", ErrorContext.empty());
                }
                ctx.out().printf("Erased %d customer record(s) for %s; %d order(s) kept pseudonymized,"
                        + " %d webhook payload(s) scrubbed%n", r.customerIds().size(), e, r.ordersKept(), r.inboxRowsScrubbed());
            }
            return 0;
        }
    }
}
