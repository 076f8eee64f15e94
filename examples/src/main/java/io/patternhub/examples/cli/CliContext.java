package io.patternhub.examples.cli;

import io.patternhub.examples.cli.config.Settings;
import io.patternhub.examples.cli.config.SettingsFile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command runs with: the environment (a map, so tests set it), the working directory, the
 * output streams and whether they are a terminal (progress bars) or not (plain log lines).
 *
 * @param environment the environment variables
 * @param workingDir  relative paths resolve against this
 * @param out         results
 * @param err         progress and errors
 * @param terminal    whether {@code err} is an interactive terminal
 */
public record CliContext(Map<String, String> environment, Path workingDir, PrintStream out, PrintStream err,
                         boolean terminal) {

    public CliContext {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** @return the context of this process */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err,
                System.console() != null);
    }

    /** @return the settings: environment over {@code patternhub.yaml} */
    public Settings settings() {
        return SettingsFile.load(environment, workingDir);
    }

    /**
     * @param path a path as typed
     * @return it, resolved against the working directory
     */
    public Path resolve(String path) {
        return workingDir.resolve(path).normalize();
    }
}
