package io.patternhub.examples.demo;

import java.nio.file.Path;

/**
 * What the demo did.
 *
 * @param summary        the counts
 * @param markdownReport the report for people
 * @param jsonReport     the same for scripts
 */
public record DemoResult(DemoSummary summary, Path markdownReport, Path jsonReport) {
}
