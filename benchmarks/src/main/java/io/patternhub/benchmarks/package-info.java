/**
 * JMH and scenario benchmarks.
 */
package io.patternhub.benchmarks;
