package io.patternhub.testkit.zendesk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.SandboxError;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The Zendesk routes the sandbox serves, with authentication, pagination and body checks. */
public final class ZendeskApi {
    private static final Set<String> TICKET_FIELDS = Set.of("comment", "status", "tags", "group_id", "assignee_id");
    private static final Set<String> COMMENT_FIELDS = Set.of("body", "public");
    private static final int MAX_EXPORT_PAGE = 1000;
    private static final int MAX_PAGE_SIZE = 100;

    private final SandboxServer server;
    private final ZendeskStore store;
    private final Clock clock;
    private final Duration exportDelay;
    private final Supplier<String> baseUrl;
    private final Map<String, String> apiTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> oauthTokens = new ConcurrentHashMap<>();

    public ZendeskApi(SandboxServer server, ZendeskStore store, Clock clock, Duration exportDelay, Supplier<String> baseUrl) {
        this.server = server;
        this.store = store;
        this.clock = clock;
        this.exportDelay = exportDelay;
        this.baseUrl = baseUrl;
    }

    public void addApiToken(String email, String token) {
        apiTokens.put(email.toLowerCase(java.util.Locale.ROOT), token);
    }

    public void addOAuthToken(String token, long agentId) {
        oauthTokens.put(token, agentId);
    }

    public void revokeOAuthToken(String token) {
        oauthTokens.remove(token);
    }

    public void registerRoutes() {
        server.route("GET", "/api/v2/incremental/tickets/cursor.json", this::incrementalTickets);
        server.route("GET", "/api/v2/tickets/{ticket_id}.json", this::showTicket);
        server.route("PUT", "/api/v2/tickets/{ticket_id}.json", this::updateTicket);
        server.route("GET", "/api/v2/tickets/{ticket_id}/comments.json", this::listComments);
        server.route("GET", "/api/v2/users/me.json", r -> SandboxResponse.json(Map.of("user", user(authenticate(r)))));
        server.route("GET", "/api/v2/users/{user_id}.json", this::showUser);
    }

    // ------------------------------------------------------------ auth

    /** The agent the request acts as: Basic {@code {email}/token:{api_token}} or an OAuth bearer token. */
    private long authenticate(SandboxRequest r) {
        String header = r.header("Authorization").orElse("");
        if (header.startsWith("Bearer ")) {
            Long agent = oauthTokens.get(header.substring(7).trim());
            if (agent != null) {
                return agent;
            }
        } else if (header.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw unauthorized();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && decoded.substring(0, colon).endsWith("/token")) {
                String email = decoded.substring(0, colon - "/token".length()).toLowerCase(java.util.Locale.ROOT);
                String token = apiTokens.get(email);
                if (token != null && token.equals(decoded.substring(colon + 1))) {
                    return store.userByEmail(email).orElseThrow(ZendeskApi::unauthorized).id();
                }
            }
        }
        throw unauthorized();
    }

    private static SandboxRejection unauthorized() {
        return SandboxRejection.of(401, ZendeskErrors.UNAUTHORIZED, "Couldn't authenticate you");
    }

    // ------------------------------------------------------------ tickets

    private SandboxResponse incrementalTickets(SandboxRequest r) {
        authenticate(r);
        int perPage = intParam(r, "per_page", MAX_EXPORT_PAGE, 1, MAX_EXPORT_PAGE);
        long afterSeq;
        Optional<Instant> startTime = Optional.empty();
        if (r.query("cursor").isPresent()) {
            afterSeq = decodeCursor(r.query("cursor").get(), "export");
        } else if (r.query("start_time").isPresent()) {
            long seconds = longParam(r, "start_time");
            startTime = Optional.of(Instant.ofEpochSecond(seconds));
            afterSeq = 0;
        } else {
            throw badRequest("start_time", "Either start_time or cursor is required");
        }
        // Zendesk leaves out what changed in the last minute, so an export never misses a late write.
        List<ZendeskStore.Ticket> changed = store.changedSince(afterSeq, startTime, clock.instant().minus(exportDelay));
        List<ZendeskStore.Ticket> page = changed.subList(0, Math.min(perPage, changed.size()));
        long last = page.isEmpty() ? afterSeq : page.get(page.size() - 1).changeSeq;
        String after = encodeCursor("export", last);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tickets", page.stream().map(t -> store.render(t, baseUrl.get())).toList());
        body.put("after_url", baseUrl.get() + "/api/v2/incremental/tickets/cursor.json?cursor=" + after);
        body.put("after_cursor", after);
        body.put("before_url", null);
        body.put("before_cursor", null);
        body.put("end_of_stream", changed.size() <= perPage);
        return SandboxResponse.json(body);
    }

    private SandboxResponse showTicket(SandboxRequest r) {
        authenticate(r);
        ZendeskStore.Ticket t = store.ticket(ticketId(r)).orElseThrow(() -> SandboxRejection.notFound("Not found"));
        return SandboxResponse.json(Map.of("ticket", store.render(t, baseUrl.get())));
    }

    private SandboxResponse updateTicket(SandboxRequest r) {
        long agent = authenticate(r);
        long id = ticketId(r);
        ZendeskStore.Update update = parseUpdate(r.json());
        ZendeskStore.Ticket t = store.update(id, agent, update);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticket", store.render(t, baseUrl.get()));
        body.put("audit", Map.of("ticket_id", id, "author_id", agent, "created_at", clock.instant().toString()));
        return SandboxResponse.json(body);
    }

    /** Checks the JSON this sandbox accepts on a ticket update; stricter than Zendesk about unknown fields. */
    static ZendeskStore.Update parseUpdate(JsonNode root) {
        List<ValidationError> problems = new ArrayList<>();
        JsonNode ticket = root.path("ticket");
        if (!ticket.isObject()) {
            throw SandboxRejection.invalid("The body must be {\"ticket\": {...}}",
                    List.of(new ValidationError("ticket", "missing", "ticket object is required")));
        }
        for (Iterator<String> it = ticket.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!TICKET_FIELDS.contains(name)) {
                problems.add(new ValidationError(name, "unknown_field", "The sandbox does not accept ticket." + name));
            }
        }
        Optional<String> commentBody = Optional.empty();
        boolean isPublic = true;
        JsonNode comment = ticket.path("comment");
        if (!comment.isMissingNode()) {
            if (!comment.isObject()) {
                problems.add(new ValidationError("comment", "InvalidValue", "comment must be an object"));
            } else {
                comment.fieldNames().forEachRemaining(name -> {
                    if (!COMMENT_FIELDS.contains(name)) {
                        problems.add(new ValidationError("comment." + name, "unknown_field",
                                "The sandbox does not accept comment." + name));
                    }
                });
                JsonNode body = comment.path("body");
                if (!body.isTextual() || body.asText().isBlank()) {
                    problems.add(new ValidationError("comment.body", "BlankValue", "Comment: body cannot be blank"));
                } else {
                    commentBody = Optional.of(body.asText());
                }
                JsonNode pub = comment.path("public");
                if (!pub.isMissingNode() && !pub.isBoolean()) {
                    problems.add(new ValidationError("comment.public", "InvalidValue", "public must be true or false"));
                }
                isPublic = !pub.isBoolean() || pub.asBoolean();
            }
        }
        Optional<String> status = Optional.empty();
        JsonNode s = ticket.path("status");
        if (!s.isMissingNode()) {
            if (!s.isTextual() || !ZendeskStore.STATUSES.contains(s.asText())) {
                problems.add(new ValidationError("status", "InvalidValue", "Status: " + s + " is not a valid status"));
            } else {
                status = Optional.of(s.asText());
            }
        }
        Optional<List<String>> tags = Optional.empty();
        JsonNode tagNode = ticket.path("tags");
        if (!tagNode.isMissingNode()) {
            List<String> list = new ArrayList<>();
            if (!tagNode.isArray()) {
                problems.add(new ValidationError("tags", "InvalidValue", "tags must be an array of strings"));
            } else {
                for (JsonNode tag : tagNode) {
                    if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().chars().anyMatch(Character::isWhitespace)) {
                        problems.add(new ValidationError("tags", "InvalidValue", "Tag " + tag + " must be one word"));
                    } else {
                        list.add(tag.asText());
                    }
                }
            }
            tags = Optional.of(list);
        }
        Optional<Long> groupId = idField(ticket, "group_id", problems);
        Optional<Long> assigneeId = idField(ticket, "assignee_id", problems);
        if (commentBody.isEmpty() && status.isEmpty() && tags.isEmpty() && groupId.isEmpty() && assigneeId.isEmpty()
                && problems.isEmpty()) {
            problems.add(new ValidationError("ticket", "BlankValue", "The update changes nothing"));
        }
        if (!problems.isEmpty()) {
            throw new SandboxRejection(new SandboxError(422, "RecordInvalid", "Record validation errors", problems));
        }
        return new ZendeskStore.Update(commentBody, isPublic, status, tags, groupId, assigneeId);
    }

    private static Optional<Long> idField(JsonNode ticket, String name, List<ValidationError> problems) {
        JsonNode n = ticket.path(name);
        if (n.isMissingNode()) {
            return Optional.empty();
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            problems.add(new ValidationError(name, "InvalidValue", name + " must be a number"));
            return Optional.empty();
        }
        return Optional.of(n.asLong());
    }

    // ------------------------------------------------------------ comments

    /** Cursor pagination with {@code page[size]}/{@code page[after]}; offset pagination with {@code page}/{@code per_page}. */
    private SandboxResponse listComments(SandboxRequest r) {
        authenticate(r);
        long id = ticketId(r);
        if (store.ticket(id).isEmpty()) {
            throw SandboxRejection.notFound("Not found");
        }
        List<ZendeskStore.Comment> all = store.comments(id);
        String path = baseUrl.get() + "/api/v2/tickets/" + id + "/comments.json";
        Map<String, Object> body = new LinkedHashMap<>();
        if (r.query("page[size]").isPresent()) {
            int size = intParam(r, "page[size]", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
            int from = r.query("page[after]").map(c -> (int) decodeCursor(c, "comments")).orElse(0);
            int to = Math.min(all.size(), from + size);
            boolean more = to < all.size();
            body.put("comments", all.subList(Math.min(from, all.size()), to).stream().map(this::render).toList());
            String after = encodeCursor("comments", to);
            String before = encodeCursor("comments", from);
            body.put("meta", mapOf("has_more", more, "after_cursor", more ? after : null, "before_cursor", before));
            body.put("links", mapOf("next", more ? path + "?page[size]=" + size + "&page[after]=" + after : null,
                    "prev", from > 0 ? path + "?page[size]=" + size + "&page[before]=" + before : null));
        } else {
            int perPage = intParam(r, "per_page", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
            int page = intParam(r, "page", 1, 1, Integer.MAX_VALUE);
            int from = (int) Math.min(all.size(), (long) (page - 1) * perPage);
            int to = Math.min(all.size(), from + perPage);
            body.put("comments", all.subList(from, to).stream().map(this::render).toList());
            body.put("next_page", to < all.size() ? path + "?page=" + (page + 1) + "&per_page=" + perPage : null);
            body.put("previous_page", page > 1 ? path + "?page=" + (page - 1) + "&per_page=" + perPage : null);
            body.put("count", all.size());
        }
        return SandboxResponse.json(body);
    }

    private Map<String, Object> render(ZendeskStore.Comment c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("type", "Comment");
        m.put("author_id", c.authorId());
        m.put("body", c.body());
        m.put("html_body", "<div class=\"zd-comment\"><p>" + escapeHtml(c.body()) + "</p></div>");
        m.put("plain_body", c.body());
        m.put("public", c.isPublic());
        m.put("attachments", List.of());
        m.put("created_at", c.createdAt().toString());
        return m;
    }

    // ------------------------------------------------------------ users

    private SandboxResponse showUser(SandboxRequest r) {
        authenticate(r);
        long id = longPath(r, "user_id");
        return SandboxResponse.json(Map.of("user", user(id)));
    }

    private Map<String, Object> user(long id) {
        ZendeskStore.User u = store.user(id).orElseThrow(() -> SandboxRejection.notFound("Not found"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("name", u.name());
        m.put("email", u.email());
        m.put("role", u.role());
        m.put("active", true);
        return m;
    }

    // ------------------------------------------------------------ helpers

    private static long ticketId(SandboxRequest r) {
        return longPath(r, "ticket_id");
    }

    private static long longPath(SandboxRequest r, String name) {
        try {
            return Long.parseLong(r.pathParam(name));
        } catch (NumberFormatException e) {
            throw SandboxRejection.notFound("Not found");
        }
    }

    private static int intParam(SandboxRequest r, String name, int def, int min, int max) {
        Optional<String> raw = r.query(name);
        if (raw.isEmpty()) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v < min || v > max) {
                throw badRequest(name, name + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw badRequest(name, name + " must be a whole number");
        }
    }

    private static long longParam(SandboxRequest r, String name) {
        try {
            return Long.parseLong(r.query(name).orElseThrow());
        } catch (NumberFormatException e) {
            throw badRequest(name, name + " must be a Unix time in seconds");
        }
    }

    private static SandboxRejection badRequest(String field, String message) {
        return SandboxRejection.invalid(message, List.of(new ValidationError(field, "InvalidValue", message)));
    }

    private static String encodeCursor(String kind, long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeCursor(String cursor, String kind) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(kind + ":")) {
                return Long.parseLong(s.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw badRequest("cursor", "The cursor is not valid for this endpoint");
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
