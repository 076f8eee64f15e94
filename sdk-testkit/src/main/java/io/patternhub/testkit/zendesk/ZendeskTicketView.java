package io.patternhub.testkit.zendesk;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * A snapshot of one sandbox ticket, for assertions.
 *
 * @param id the ticket id
 * @param subject the subject
 * @param status {@code new}, {@code open}, {@code pending}, {@code hold}, {@code solved} or {@code closed}
 * @param requesterId the requester's user id
 * @param assigneeId the assigned agent, if any
 * @param groupId the assigned group, if any
 * @param tags the tags, in the order they were set
 * @param comments every comment, oldest first
 * @param updatedAt the last change
 */
public record ZendeskTicketView(long id, String subject, String status, long requesterId, OptionalLong assigneeId,
        OptionalLong groupId, List<String> tags, List<ZendeskCommentView> comments, Instant updatedAt) {
    public ZendeskTicketView {
        tags = List.copyOf(tags);
        comments = List.copyOf(comments);
    }

    /** The public comments (replies the requester sees), oldest first. */
    public List<ZendeskCommentView> publicComments() {
        return comments.stream().filter(ZendeskCommentView::isPublic).toList();
    }

    /** The internal notes, oldest first. */
    public List<ZendeskCommentView> internalNotes() {
        return comments.stream().filter(c -> !c.isPublic()).toList();
    }
}
