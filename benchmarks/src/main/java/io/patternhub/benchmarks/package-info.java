/**
 * Scenario benchmarks (plain {@code main} runners started through {@link io.patternhub.benchmarks.Bench}) and
 * JMH benchmarks. Each run measures a figure and its baseline in the same JVM and prints both with their ratio;
 * {@code docs/BENCHMARKS.md} records the results and how to reproduce them.
 */
package io.patternhub.benchmarks;
