package io.patternhub.hub.ingest;

/**
 * What {@link WebhookInbox#receive} stored. Once it returns, the delivery is durable: answer 2xx.
 *
 * @param stored     events stored for processing
 * @param duplicates events already in the inbox (a redelivery), ignored
 */
public record InboxReceipt(int stored, int duplicates) {
}
