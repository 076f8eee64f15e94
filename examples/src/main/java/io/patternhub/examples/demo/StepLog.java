package io.patternhub.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What one step tells: printed as it happens and kept for the report. */
public final class StepLog {
    private final PrintStream console;
    private final List<String> lines = new ArrayList<>();

    StepLog(PrintStream console) {
        this.console = console;
    }

    /**
     * @param format a {@link String#format} pattern
     * @param args   its arguments
     */
    public synchronized void say(String format, Object... args) {
        String line = String.format(java.util.Locale.ROOT, format, args);
        lines.add(line);
        console.println("  " + line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
