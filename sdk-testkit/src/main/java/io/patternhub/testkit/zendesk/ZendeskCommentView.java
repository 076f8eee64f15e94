package io.patternhub.testkit.zendesk;

import java.time.Instant;

/**
 * A snapshot of one ticket comment.
 *
 * @param id the comment id
 * @param authorId the author's user id
 * @param body the text
 * @param isPublic {@code true} for a reply the requester sees, {@code false} for an internal note
 * @param createdAt when it was written
 */
public record ZendeskCommentView(long id, long authorId, String body, boolean isPublic, Instant createdAt) {
}
