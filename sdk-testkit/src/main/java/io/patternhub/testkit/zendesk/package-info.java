/**
 * A stateful Zendesk Support (Ticketing API v2) sandbox, {@link io.patternhub.testkit.zendesk.ZendeskSandbox}:
 * users, tickets, comments, statuses, tags and groups; API-token and OAuth authentication; the
 * cursor-based incremental ticket export; cursor and offset pagination of comments; Zendesk's
 * rate-limit headers and 429 with {@code Retry-After}; Zendesk's error documents.
 */
package io.patternhub.testkit.zendesk;
