package io.patternhub.support.helpdesk.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.auth.BasicAuth;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RateLimitHeaderReader;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.support.helpdesk.Helpdesk;
import io.patternhub.support.helpdesk.Ticket;
import io.patternhub.support.helpdesk.TicketStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Helpdesk} over the Zendesk Support (Ticketing) API v2, on the core {@link HttpTransport}.
 *
 * <p><b>Finding new tickets.</b> {@link #fetchNew()} reads the cursor-based incremental ticket export
 * ({@code GET /api/v2/incremental/tickets/cursor.json}) from where the last call stopped; the cursor
 * and the ids of tickets that may still need an answer are saved in {@link Builder#stateFile} so a
 * restart continues where it was. The export was chosen over search (whose index lags and whose
 * offset pages stop at 1000 results) and views (which need an admin to set one up): it is
 * Zendesk's documented way to poll for changes and never skips a ticket. Zendesk leaves out changes
 * made in the last minute, so a new ticket shows up a minute or more after it arrives. Each
 * candidate ticket is then read fresh ({@code GET /api/v2/tickets/{id}.json} and its comments): it
 * is returned when its status is {@code new} or {@code open}, it does not carry the escalation tag,
 * and its latest public comment was written by the requester. The {@link Ticket} holds the
 * requester's comments since the last public reply, its id is {@code "{ticket id}#{latest comment
 * id}"}, so a customer's follow-up on the same Zendesk ticket is a new {@code Ticket} for the
 * support loop while the same message is always the same id.
 *
 * <p><b>Writing.</b> Replies and internal notes are {@code PUT /api/v2/tickets/{id}.json} with
 * {@code {"ticket": {"comment": {"body", "public"}}}}. Statuses map to Zendesk's: open, pending and
 * solved as such; escalated keeps the ticket {@code open}, adds the escalation tag and, when one is
 * configured, assigns the escalation group. Tags are read and written whole (Zendesk's {@code tags}
 * replaces the list).
 *
 * <p><b>Limits and errors.</b> Reads are retried by the transport (429 waiting the
 * {@code Retry-After}, 5xx and connection failures with backoff). A ticket update is not safe to
 * repeat after an unknown outcome, so it is retried only after a 429 (Zendesk refused it, nothing was
 * written), up to {@link Builder#maxRateLimitRetries} times; the transport holds the resend back for
 * the {@code Retry-After}. {@code X-Rate-Limit}/{@code X-Rate-Limit-Remaining} feed the transport's
 * limiter. Zendesk's error documents become typed errors: 401/403 {@code AuthenticationException},
 * 404 {@code NotFoundException}, 422 {@code InvalidRequestException} with the field details, 429
 * {@code RateLimitException}.
 *
 * <p>Thread-safe: {@link #fetchNew()} is synchronized (it owns the export state).
 */
public final class ZendeskHelpdesk implements Helpdesk, AutoCloseable {
    /** The tag put on tickets handed to a person; tagged tickets are never fetched as new. */
    public static final String DEFAULT_ESCALATION_TAG = "patternhub_escalated";

    private static final int COMMENT_PAGE_SIZE = 100;

    private final HttpTransport transport;
    private final ExportState state;
    private final Instant startTime;
    private final String escalationTag;
    private final Long escalationGroupId;
    private final Long solvingAssigneeId;
    private final int maxRateLimitRetries;
    private final Map<Long, Optional<String>> emails = new ConcurrentHashMap<>();

    private ZendeskHelpdesk(Builder b) {
        if (b.baseUrl == null) {
            throw new ConfigurationException("ZendeskHelpdesk needs subdomain(...) or baseUrl(...)", ErrorContext.empty());
        }
        if (b.auth == null) {
            throw new ConfigurationException("ZendeskHelpdesk needs apiToken(email, token) or oauthToken(token)",
                    ErrorContext.empty());
        }
        if (b.escalationTag.isBlank() || b.escalationTag.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigurationException("The escalation tag must be one word, was '" + b.escalationTag + "'",
                    ErrorContext.empty());
        }
        this.transport = HttpTransport.builder()
                .platform(Platform.SUPPORT)
                .baseUrl(b.baseUrl)
                .auth(b.auth)
                .connectTimeout(b.timeout)
                .readTimeout(b.timeout)
                .callTimeout(b.timeout)
                .retry(b.retry)
                .errorMapper(new ZendeskErrorMapper())
                .rateLimitHeaderReader(ZendeskHelpdesk::readLimits)
                .requestIdHeader("x-request-id")
                .userAgent("patternhub-ai-support")
                .build();
        this.state = ExportState.load(b.stateFile);
        this.startTime = b.startTime;
        this.escalationTag = b.escalationTag.toLowerCase(Locale.ROOT);
        this.escalationGroupId = b.escalationGroupId;
        this.solvingAssigneeId = b.solvingAssigneeId;
        this.maxRateLimitRetries = b.maxRateLimitRetries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Zendesk's account-wide limit headers ({@code X-Rate-Limit}, {@code X-Rate-Limit-Remaining}) and {@code Retry-After}. */
    private static io.patternhub.core.http.RateLimitStatus readLimits(io.patternhub.core.http.ResponseHeaders headers,
            Instant now) {
        return new RateLimitHeaderReader.Collector(headers, now)
                .window("minute", Duration.ofMinutes(1), "x-rate-limit", "x-rate-limit-remaining")
                .build();
    }

    // ------------------------------------------------------------ reading

    @Override
    public synchronized List<Ticket> fetchNew() {
        readExport();
        List<Ticket> out = new ArrayList<>();
        for (Long id : List.copyOf(state.candidates())) {
            Optional<Ticket> ticket = needingAnswer(id);
            if (ticket.isPresent()) {
                out.add(ticket.get());
            } else {
                state.candidates().remove(id);
            }
        }
        state.save();
        out.sort(Comparator.comparing(Ticket::receivedAt));
        return out;
    }

    /** Pages through the export from the saved cursor, noting which changed tickets may need an answer. */
    private void readExport() {
        boolean end = false;
        while (!end) {
            ApiRequest.Builder req = ApiRequest.builder(HttpMethod.GET, "api/v2/incremental/tickets/cursor.json").idempotent(true);
            if (state.cursor().isPresent()) {
                req.query("cursor", state.cursor().get());
            } else {
                req.query("start_time", startTime.getEpochSecond());
            }
            JsonNode page = transport.execute(req.build()).json();
            for (JsonNode t : page.path("tickets")) {
                long id = t.path("id").asLong();
                if (open(t)) {
                    state.candidates().add(id);
                } else {
                    state.candidates().remove(id);
                }
            }
            String after = page.path("after_cursor").asText(null);
            if (after != null && !after.isEmpty()) {
                state.cursor(after);
            }
            end = page.path("end_of_stream").asBoolean(true) || after == null;
            state.save(); // a crash mid-export resumes from the last page read
        }
    }

    private boolean open(JsonNode ticket) {
        String status = ticket.path("status").asText("");
        if (!status.equals("new") && !status.equals("open")) {
            return false;
        }
        for (JsonNode tag : ticket.path("tags")) {
            if (escalationTag.equals(tag.asText())) {
                return false;
            }
        }
        return true;
    }

    /** The ticket as a {@link Ticket} when it is open and the requester spoke last; read fresh. */
    private Optional<Ticket> needingAnswer(long id) {
        JsonNode ticket;
        try {
            ticket = transport.execute(ApiRequest.builder(HttpMethod.GET, "api/v2/tickets/" + id + ".json")
                    .idempotent(true).build()).json().path("ticket");
        } catch (NotFoundException deleted) {
            return Optional.empty();
        }
        if (!open(ticket)) {
            return Optional.empty();
        }
        long requester = ticket.path("requester_id").asLong();
        List<JsonNode> fromRequester = new ArrayList<>();
        for (JsonNode c : comments(id)) {
            if (!c.path("public").asBoolean(true)) {
                continue; // internal notes are not part of the conversation with the customer
            }
            if (c.path("author_id").asLong() == requester) {
                fromRequester.add(c);
            } else {
                fromRequester.clear(); // answered up to here
            }
        }
        if (fromRequester.isEmpty()) {
            return Optional.empty();
        }
        JsonNode latest = fromRequester.get(fromRequester.size() - 1);
        StringBuilder body = new StringBuilder();
        for (JsonNode c : fromRequester) {
            String text = c.path("plain_body").asText(c.path("body").asText(""));
            body.append(body.length() == 0 ? "" : "\n\n").append(text.strip());
        }
        Instant received = Instant.parse(latest.path("created_at").asText(ticket.path("updated_at").asText()));
        return Optional.of(new Ticket(id + "#" + latest.path("id").asLong(), ticket.path("subject").asText(""),
                body.toString(), email(requester), received));
    }

    /** Every comment of a ticket, oldest first, following Zendesk's cursor pagination. */
    private List<JsonNode> comments(long ticketId) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        do {
            ApiRequest.Builder req = ApiRequest.builder(HttpMethod.GET, "api/v2/tickets/" + ticketId + "/comments.json")
                    .query("page[size]", COMMENT_PAGE_SIZE).idempotent(true);
            if (after != null) {
                req.query("page[after]", after);
            }
            JsonNode page = transport.execute(req.build()).json();
            page.path("comments").forEach(all::add);
            after = page.path("meta").path("has_more").asBoolean(false) ? page.path("meta").path("after_cursor").asText(null)
                    : null;
        } while (after != null);
        return all;
    }

    private Optional<String> email(long userId) {
        return emails.computeIfAbsent(userId, id -> {
            JsonNode user = transport.execute(ApiRequest.builder(HttpMethod.GET, "api/v2/users/" + id + ".json")
                    .idempotent(true).build()).json().path("user");
            String email = user.path("email").asText("");
            return email.isBlank() ? Optional.empty() : Optional.of(email);
        });
    }

    // ------------------------------------------------------------ writing

    @Override
    public void reply(Ticket ticket, String text) {
        comment(ticket, text, true);
    }

    @Override
    public void addInternalNote(Ticket ticket, String note) {
        comment(ticket, note, false);
    }

    private void comment(Ticket ticket, String text, boolean isPublic) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("A Zendesk comment needs text; ticket " + ticket.id() + " got none",
                    ErrorContext.builder().platform(Platform.SUPPORT).build());
        }
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", text);
        comment.put("public", isPublic);
        update(zendeskId(ticket), Map.of("comment", comment), false);
    }

    @Override
    public void setStatus(Ticket ticket, TicketStatus status) {
        Objects.requireNonNull(status, "status");
        long id = zendeskId(ticket);
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (status) {
            case OPEN -> fields.put("status", "open");
            case PENDING, SOLVED -> {
                fields.put("status", status == TicketStatus.SOLVED ? "solved" : "pending");
                if (solvingAssigneeId != null) {
                    fields.put("assignee_id", solvingAssigneeId);
                }
            }
            case ESCALATED -> {
                fields.put("status", "open");
                fields.put("tags", tagsWithEscalation(id));
                if (escalationGroupId != null) {
                    fields.put("group_id", escalationGroupId);
                }
            }
            default -> throw new IllegalStateException("Unknown status " + status);
        }
        update(id, fields, true); // setting the same fields again changes nothing
    }

    private List<String> tagsWithEscalation(long id) {
        JsonNode ticket = transport.execute(ApiRequest.builder(HttpMethod.GET, "api/v2/tickets/" + id + ".json")
                .idempotent(true).build()).json().path("ticket");
        Set<String> tags = new LinkedHashSet<>();
        ticket.path("tags").forEach(t -> tags.add(t.asText()));
        tags.add(escalationTag);
        return List.copyOf(tags);
    }

    /**
     * {@code PUT /api/v2/tickets/{id}.json}. An update that adds a comment is not idempotent (a resend
     * after an unknown outcome could post it twice), so the transport does not repeat it; it is resent
     * here only after a 429, which means Zendesk wrote nothing.
     */
    private void update(long id, Map<String, Object> fields, boolean idempotent) {
        ApiRequest request = ApiRequest.builder(HttpMethod.PUT, "api/v2/tickets/" + id + ".json")
                .jsonBody(Map.of("ticket", fields)).idempotent(idempotent).build();
        for (int attempt = 0;; attempt++) {
            try {
                transport.execute(request);
                return;
            } catch (RateLimitException e) {
                if (attempt >= maxRateLimitRetries) {
                    throw e;
                }
            }
        }
    }

    private static long zendeskId(Ticket ticket) {
        String id = ticket.id();
        int hash = id.indexOf('#');
        try {
            return Long.parseLong(hash < 0 ? id : id.substring(0, hash));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Not a Zendesk ticket id: '" + id + "' (expected {ticket id}#{comment id})",
                    ErrorContext.builder().platform(Platform.SUPPORT).build());
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Builds a {@link ZendeskHelpdesk}. */
    public static final class Builder {
        private String baseUrl;
        private AuthScheme auth;
        private Path stateFile;
        private Instant startTime = Instant.now().minus(Duration.ofDays(1));
        private String escalationTag = DEFAULT_ESCALATION_TAG;
        private Long escalationGroupId;
        private Long solvingAssigneeId;
        private int maxRateLimitRetries = 3;
        private Duration timeout = Duration.ofSeconds(30);
        private RetrySettings retry = RetrySettings.defaults();

        private Builder() {
        }

        /** The account's subdomain: {@code yourshop} for {@code https://yourshop.zendesk.com}. */
        public Builder subdomain(String subdomain) {
            if (subdomain == null || !subdomain.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                throw new ConfigurationException("Not a Zendesk subdomain: " + subdomain, ErrorContext.empty());
            }
            this.baseUrl = "https://" + subdomain + ".zendesk.com";
            return this;
        }

        /** The API root, e.g. a sandbox's URL; replaces {@link #subdomain}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** API-token authentication: Basic {@code {email}/token:{api_token}}. */
        public Builder apiToken(String agentEmail, String apiToken) {
            if (agentEmail == null || agentEmail.isBlank() || !agentEmail.contains("@")) {
                throw new ConfigurationException("Zendesk API-token auth needs the agent's email, was " + agentEmail,
                        ErrorContext.empty());
            }
            this.auth = BasicAuth.of(agentEmail + "/token", apiToken);
            return this;
        }

        /** OAuth authentication with an access token ({@code Authorization: Bearer ...}). */
        public Builder oauthToken(String accessToken) {
            if (accessToken == null || accessToken.isBlank()) {
                throw new ConfigurationException("The Zendesk OAuth access token is empty", ErrorContext.empty());
            }
            this.auth = request -> request.header("Authorization", "Bearer " + accessToken);
            return this;
        }

        /**
         * Where the export cursor and open candidates are kept across restarts; without one the
         * helpdesk starts from {@link #startTime} in every process.
         */
        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        /** Where the first export starts when there is no saved cursor (default: one day ago). */
        public Builder startTime(Instant startTime) {
            this.startTime = Objects.requireNonNull(startTime, "startTime");
            return this;
        }

        /** The tag put on escalated tickets (default {@value #DEFAULT_ESCALATION_TAG}). */
        public Builder escalationTag(String tag) {
            this.escalationTag = Objects.requireNonNull(tag, "tag");
            return this;
        }

        /** The group escalated tickets are assigned to (default: left as is). */
        public Builder escalationGroupId(long groupId) {
            this.escalationGroupId = groupId;
            return this;
        }

        /** The agent set as assignee when a ticket is solved or set pending (default: left as is). */
        public Builder solvingAssigneeId(long agentId) {
            this.solvingAssigneeId = agentId;
            return this;
        }

        /** How often a ticket update refused with 429 is sent again (default 3). */
        public Builder maxRateLimitRetries(int retries) {
            if (retries < 0) {
                throw new ConfigurationException("maxRateLimitRetries must not be negative", ErrorContext.empty());
            }
            this.maxRateLimitRetries = retries;
            return this;
        }

        /** Connect, read and whole-call timeout (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Retry settings for reads (default {@link RetrySettings#defaults()}). */
        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public ZendeskHelpdesk build() {
            return new ZendeskHelpdesk(this);
        }
    }
}
