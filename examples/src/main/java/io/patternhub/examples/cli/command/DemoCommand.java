package io.patternhub.examples.cli.command;

import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.demo.DemoResult;
import io.patternhub.examples.demo.OfflineDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code patternhub demo}: the whole story offline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole story offline against in-process sandboxes: import, sync, orders, download"
                + " links by email, a corrected version, privacy, support. No network, no credentials.")
public final class DemoCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report, the demo hub and the catalog copy"
            + " go (default: ./demo-out).")
    private String out = "demo-out";

    public DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = ctx.resolve(out);
        DemoResult result = OfflineDemo.builder(dir).console(ctx.out()).build().run();
        return result.summary().count("orders.total") > 0 ? 0 : 1;
    }
}
