/**
 * Signing webhook payloads the way each platform does and delivering them to a receiver, to test
 * webhook endpoints end to end.
 */
package io.patternhub.testkit.webhook;
