package io.patternhub.examples.cli.command;

import io.patternhub.core.model.Pattern;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.cli.progress.Progress;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFolderReader;
import io.patternhub.hub.catalog.ImportReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code patternhub catalog ...}: the master catalog. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Manage the hub's master catalog.",
        subcommands = CatalogCommand.Import.class)
public final class CatalogCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: use 'catalog import DIR'");
    }

    /** {@code patternhub catalog import DIR}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load patterns from a catalog folder (one sub-folder per pattern with a pattern.yaml) into the hub.")
    public static final class Import extends HubCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The catalog folder.")
        private String dir;

        @Option(names = "--remove-missing", description = "Mark patterns that are no longer in the folder inactive"
                + " (the next sync deactivates their listings).")
        private boolean removeMissing;

        public Import(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Path root = ctx.resolve(dir);
            if (!Files.isDirectory(root)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Catalog folder " + root + " does not exist");
            }
            List<Pattern> patterns = new CatalogFolderReader().read(root);
            try (HubSession hub = openHub(); Progress.Task task = Progress.of(ctx).task("import", patterns.size())) {
                Catalog catalog = new Catalog(hub.store());
                List<ImportReport> reports = new ArrayList<>();
                int done = 0;
                for (Pattern p : patterns) {
                    reports.add(catalog.importPatterns(List.of(p), false));
                    task.update(++done, p.sku());
                }
                // a second pass over the whole list only deactivates what is gone (the rest is unchanged now)
                int removed = removeMissing ? catalog.importPatterns(patterns, true).removed().size() : 0;
                ctx.out().printf("Imported %d pattern(s) from %s: %d added, %d changed, %d unchanged, %d removed,"
                                + " %d new file version(s)%n", patterns.size(), root,
                        count(reports, r -> r.added().size()), count(reports, r -> r.changed().size()),
                        count(reports, r -> r.unchanged().size()), removed,
                        count(reports, r -> r.newFileVersions().size()));
            }
            return 0;
        }

        private static int count(List<ImportReport> reports, java.util.function.ToIntFunction<ImportReport> f) {
            return reports.stream().mapToInt(f).sum();
        }
    }
}
