/** Clocks for deterministic sandbox tests. */
package io.patternhub.testkit.time;
