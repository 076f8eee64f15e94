/**
 * Fault injection: {@link io.patternhub.testkit.fault.FaultPlan}s say which faults hit which
 * requests; {@link io.patternhub.testkit.fault.Faults} holds the active plans of one sandbox.
 */
package io.patternhub.testkit.fault;
