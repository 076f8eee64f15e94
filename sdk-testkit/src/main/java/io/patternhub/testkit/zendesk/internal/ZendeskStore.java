package io.patternhub.testkit.zendesk.internal;

import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.SandboxError;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.zendesk.ZendeskCommentView;
import io.patternhub.testkit.zendesk.ZendeskTicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The sandbox's accounts, users, groups, tickets and comments. Every method is synchronized. */
public final class ZendeskStore {
    /** Statuses a ticket can have. */
    public static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");

    private final Clock clock;
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, String> groups = new LinkedHashMap<>();
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private long nextUserId = 361_000_001L;
    private long nextGroupId = 360_000_101L;
    private long nextTicketId = 1;
    private long nextCommentId = 900_000_001L;
    private long changeSeq;
    private long ticketUpdates;

    public ZendeskStore(Clock clock) {
        this.clock = clock;
    }

    /** A user: an end user (customer) or an agent. */
    public record User(long id, String name, String email, String role) {
    }

    /** A comment, immutable once written. */
    public record Comment(long id, long authorId, String body, boolean isPublic, Instant createdAt) {
    }

    /** A ticket's mutable state; only touched under the store's lock. */
    public static final class Ticket {
        final long id;
        final String subject;
        final long requesterId;
        final Instant createdAt;
        String status = "new";
        Long assigneeId;
        Long groupId;
        final Set<String> tags = new LinkedHashSet<>();
        final List<Comment> comments = new ArrayList<>();
        Instant updatedAt;
        long changeSeq;

        Ticket(long id, String subject, long requesterId, Instant createdAt) {
            this.id = id;
            this.subject = subject;
            this.requesterId = requesterId;
            this.createdAt = createdAt;
        }
    }

    /** What a ticket update asks for, already checked for types by the route. */
    public record Update(Optional<String> commentBody, boolean commentPublic, Optional<String> status,
            Optional<List<String>> tags, Optional<Long> groupId, Optional<Long> assigneeId) {
    }

    public synchronized long addUser(String name, String email, String role) {
        for (User u : users.values()) {
            if (u.email().equalsIgnoreCase(email)) {
                throw new IllegalArgumentException("A user with email " + email + " already exists");
            }
        }
        long id = nextUserId++;
        users.put(id, new User(id, name, email, role));
        return id;
    }

    public synchronized Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    public synchronized Optional<User> userByEmail(String email) {
        return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
    }

    public synchronized long addGroup(String name) {
        long id = nextGroupId++;
        groups.put(id, name);
        return id;
    }

    /** A customer opens a ticket: status {@code new}, the body is its first public comment. */
    public synchronized long openTicket(long requesterId, String subject, String body) {
        requireUser(requesterId);
        Instant now = clock.instant();
        Ticket t = new Ticket(nextTicketId++, subject, requesterId, now);
        t.comments.add(new Comment(nextCommentId++, requesterId, body, true, now));
        tickets.put(t.id, t);
        touch(t, now);
        return t.id;
    }

    /** The requester writes again: a public comment, and a ticket that is not new becomes open. */
    public synchronized void requesterComments(long ticketId, String body) {
        Ticket t = ticketOrThrow(ticketId);
        Instant now = clock.instant();
        t.comments.add(new Comment(nextCommentId++, t.requesterId, body, true, now));
        if (!"new".equals(t.status)) {
            t.status = "open";
        }
        touch(t, now);
    }

    /** Sets a status directly (an agent in the Zendesk UI), e.g. to reopen a ticket without a comment. */
    public synchronized void forceStatus(long ticketId, String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("Unknown status " + status);
        }
        Ticket t = ticketOrThrow(ticketId);
        t.status = status;
        touch(t, clock.instant());
    }

    /**
     * Applies an update made through the API by {@code authorId}.
     *
     * @throws SandboxRejection 404 for an unknown ticket, 422 {@code RecordInvalid} for invalid values
     */
    public synchronized Ticket update(long ticketId, long authorId, Update u) {
        Ticket t = tickets.get(ticketId);
        if (t == null) {
            throw SandboxRejection.notFound("Not found");
        }
        List<ValidationError> problems = new ArrayList<>();
        if ("closed".equals(t.status)) {
            problems.add(new ValidationError("status", "InvalidValue", "Status: closed prevents ticket update"));
        }
        u.status().ifPresent(s -> {
            if ("closed".equals(s) || ("new".equals(s) && !"new".equals(t.status))) {
                problems.add(new ValidationError("status", "InvalidValue", "Status: " + s + " is not valid for this ticket"));
            }
        });
        u.groupId().ifPresent(g -> {
            if (!groups.containsKey(g)) {
                problems.add(new ValidationError("group_id", "InvalidValue", "Group: is invalid"));
            }
        });
        u.assigneeId().ifPresent(a -> {
            User user = users.get(a);
            if (user == null || !"agent".equals(user.role())) {
                problems.add(new ValidationError("assignee_id", "InvalidValue", "Assignee: is not an agent"));
            }
        });
        if (!problems.isEmpty()) {
            throw new SandboxRejection(new SandboxError(422, "RecordInvalid", "Record validation errors", problems));
        }
        Instant now = clock.instant();
        u.commentBody().ifPresent(body -> t.comments.add(new Comment(nextCommentId++, authorId, body, u.commentPublic(), now)));
        u.status().ifPresent(s -> t.status = s);
        u.tags().ifPresent(tags -> {
            t.tags.clear();
            tags.forEach(tag -> t.tags.add(tag.toLowerCase(java.util.Locale.ROOT)));
        });
        u.groupId().ifPresent(g -> t.groupId = g);
        u.assigneeId().ifPresent(a -> t.assigneeId = a);
        if (u.commentBody().isPresent() && "new".equals(t.status) && u.status().isEmpty() && users.get(authorId) != null
                && "agent".equals(users.get(authorId).role())) {
            t.status = "open"; // an agent's comment takes a ticket out of "new", as in Zendesk
        }
        ticketUpdates++;
        touch(t, now);
        return t;
    }

    private void touch(Ticket t, Instant now) {
        t.updatedAt = now;
        t.changeSeq = ++changeSeq;
    }

    public synchronized Optional<Ticket> ticket(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    public synchronized List<Comment> comments(long ticketId) {
        return List.copyOf(ticketOrThrow(ticketId).comments);
    }

    /**
     * Tickets changed after change number {@code afterSeq} (and at or after {@code startTime}, when
     * given) whose last change is at or before {@code notAfter}, in change order.
     */
    public synchronized List<Ticket> changedSince(long afterSeq, Optional<Instant> startTime, Instant notAfter) {
        return tickets.values().stream()
                .filter(t -> t.changeSeq > afterSeq)
                .filter(t -> startTime.isEmpty() || !t.updatedAt.isBefore(startTime.get()))
                .sorted(java.util.Comparator.comparingLong(t -> t.changeSeq))
                .takeWhile(t -> !t.updatedAt.isAfter(notAfter))
                .toList();
    }

    public synchronized long ticketUpdates() {
        return ticketUpdates;
    }

    public synchronized ZendeskTicketView view(long id) {
        Ticket t = ticketOrThrow(id);
        return new ZendeskTicketView(t.id, t.subject, t.status, t.requesterId,
                t.assigneeId == null ? OptionalLong.empty() : OptionalLong.of(t.assigneeId),
                t.groupId == null ? OptionalLong.empty() : OptionalLong.of(t.groupId), List.copyOf(t.tags),
                t.comments.stream().map(c -> new ZendeskCommentView(c.id(), c.authorId(), c.body(), c.isPublic(),
                        c.createdAt())).toList(), t.updatedAt);
    }

    /** A JSON-ready map of a ticket, as Zendesk renders it. */
    public synchronized Map<String, Object> render(Ticket t, String baseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id);
        m.put("url", baseUrl + "/api/v2/tickets/" + t.id + ".json");
        m.put("subject", t.subject);
        m.put("raw_subject", t.subject);
        m.put("description", t.comments.get(0).body());
        m.put("status", t.status);
        m.put("type", null);
        m.put("priority", null);
        m.put("requester_id", t.requesterId);
        m.put("submitter_id", t.requesterId);
        m.put("assignee_id", t.assigneeId);
        m.put("group_id", t.groupId);
        m.put("tags", List.copyOf(t.tags));
        m.put("via", Map.of("channel", "email"));
        m.put("created_at", t.createdAt.toString());
        m.put("updated_at", t.updatedAt.toString());
        m.put("generated_timestamp", t.updatedAt.getEpochSecond());
        return m;
    }

    private Ticket ticketOrThrow(long id) {
        Ticket t = tickets.get(id);
        if (t == null) {
            throw new IllegalArgumentException("No ticket " + id);
        }
        return t;
    }

    private void requireUser(long id) {
        if (!users.containsKey(id)) {
            throw new IllegalArgumentException("No user " + id);
        }
    }
}
