/**
 * Stateful sandboxes of every platform for tests and the offline demo, fault injection and webhook signers.
 */
package io.patternhub.testkit;
