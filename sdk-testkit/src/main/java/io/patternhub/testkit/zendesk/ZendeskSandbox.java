package io.patternhub.testkit.zendesk;

import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.limit.LimitHeaders;
import io.patternhub.testkit.limit.RateLimiter;
import io.patternhub.testkit.zendesk.internal.ZendeskApi;
import io.patternhub.testkit.zendesk.internal.ZendeskErrors;
import io.patternhub.testkit.zendesk.internal.ZendeskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A stateful Zendesk Support (Ticketing API v2) for tests and the offline demo, on a local MockWebServer.
 *
 * <p>It holds users (end users and agents), groups, tickets (status, requester, assignee, group,
 * tags) and their comments (public replies and internal notes). It serves:
 *
 * <ul>
 *   <li>{@code GET /api/v2/incremental/tickets/cursor.json} ({@code start_time} or {@code cursor},
 *       {@code per_page} up to 1000; {@code after_cursor}, {@code after_url}, {@code end_of_stream}),
 *       leaving out tickets changed in the last minute, as Zendesk does;</li>
 *   <li>{@code GET} and {@code PUT /api/v2/tickets/{id}.json} (an update may add a comment
 *       {@code {body, public}} and set {@code status}, {@code tags}, {@code group_id},
 *       {@code assignee_id});</li>
 *   <li>{@code GET /api/v2/tickets/{id}/comments.json} with cursor pagination ({@code page[size]} up
 *       to 100, {@code page[after]}; {@code meta.has_more}, {@code links.next}) or offset pagination
 *       ({@code page}, {@code per_page}; {@code next_page});</li>
 *   <li>{@code GET /api/v2/users/{id}.json} and {@code /api/v2/users/me.json}.</li>
 * </ul>
 *
 * <p>Requests authenticate with an API token ({@code Basic base64("{email}/token:{api_token}")}) or an
 * OAuth bearer token; anything else gets 401 {@code {"error": "Couldn't authenticate you"}}. Every
 * response carries {@code X-Rate-Limit} and {@code X-Rate-Limit-Remaining} (700 per minute by
 * default; the incremental export also 10 per minute); over the limit the answer is 429,
 * {@code text/plain}, with {@code Retry-After} in seconds. Errors use Zendesk's documents
 * ({@code RecordNotFound}, {@code RecordInvalid} with {@code details}). The update body is
 * checked: unknown fields, wrong types, unknown statuses, groups or agents are refused (unknown
 * fields are ignored by the real Zendesk; the sandbox refuses them to catch client typos).
 *
 * <pre>{@code
 * try (ZendeskSandbox zd = ZendeskSandbox.builder().clock(clock).build().start()) {
 *     long ana = zd.addEndUser("Ana", "ana@example.com");
 *     long ticket = zd.openTicket(ana, "Printing", "What scale should I print at?");
 *     // point the client at zd.baseUrl() with zd.agentEmail() and zd.apiToken()
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ZendeskSandbox extends SandboxServer {
    private final ZendeskStore store;
    private final ZendeskApi api;
    private final String agentEmail;
    private final String apiToken;
    private final long agentId;

    private ZendeskSandbox(Builder b) {
        super(b);
        this.store = new ZendeskStore(clock());
        this.api = new ZendeskApi(this, store, clock(), b.exportDelay, this::baseUrl);
        this.agentEmail = b.agentEmail;
        this.apiToken = b.apiToken;
        this.agentId = store.addUser("Sandbox Agent", b.agentEmail, "agent");
        api.addApiToken(b.agentEmail, b.apiToken);
        if (b.perMinuteLimit > 0) {
            addLimiter(RateLimiter.perMinute(b.perMinuteLimit)
                    .headers(LimitHeaders.limitAndRemaining("X-Rate-Limit", "X-Rate-Limit-Remaining"))
                    .clock(clock()).build());
        }
        if (b.exportPerMinuteLimit > 0) {
            addLimiter(RateLimiter.builder("incremental-exports",
                            io.patternhub.testkit.limit.LimitAlgorithm.fixedWindow(b.exportPerMinuteLimit, Duration.ofMinutes(1)))
                    .appliesTo(r -> r.path().startsWith("/api/v2/incremental/"))
                    .clock(clock()).build());
        }
        api.registerRoutes();
    }

    /**
     * Starts configuring a Zendesk sandbox.
     *
     * @return a builder with Zendesk's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ZendeskSandbox start() {
        super.start();
        return this;
    }

    // ------------------------------------------------------------ credentials

    /** The default agent's email, the user part of API-token authentication. */
    public String agentEmail() {
        return agentEmail;
    }

    /** The default agent's API token. */
    public String apiToken() {
        return apiToken;
    }

    /** The default agent's user id; comments made with its credentials have this author. */
    public long agentId() {
        return agentId;
    }

    /**
     * Issues an OAuth access token acting as the default agent.
     *
     * @return the bearer token
     */
    public String issueOAuthToken() {
        String token = "zd-oauth-" + UUID.randomUUID();
        api.addOAuthToken(token, agentId);
        return token;
    }

    /**
     * Revokes an OAuth token: the next call with it gets 401.
     *
     * @param token the token
     */
    public void revokeOAuthToken(String token) {
        api.revokeOAuthToken(token);
    }

    // ------------------------------------------------------------ state

    /**
     * Adds a customer.
     *
     * @param name the display name
     * @param email the email address (unique)
     * @return the user id
     */
    public long addEndUser(String name, String email) {
        return store.addUser(name, email, "end-user");
    }

    /**
     * Adds an agent (who may be an assignee).
     *
     * @param name the display name
     * @param email the email address (unique)
     * @return the user id
     */
    public long addAgent(String name, String email) {
        return store.addUser(name, email, "agent");
    }

    /**
     * Adds a group of agents.
     *
     * @param name the group name
     * @return the group id
     */
    public long addGroup(String name) {
        return store.addGroup(name);
    }

    /**
     * A customer opens a ticket (status {@code new}; the body is its first public comment).
     *
     * @param requesterId the customer's user id
     * @param subject the subject
     * @param body the message
     * @return the ticket id
     */
    public long openTicket(long requesterId, String subject, String body) {
        return store.openTicket(requesterId, subject, body);
    }

    /**
     * The requester writes again on a ticket; a ticket that is not new becomes {@code open}.
     *
     * @param ticketId the ticket
     * @param body the message
     */
    public void requesterReplies(long ticketId, String body) {
        store.requesterComments(ticketId, body);
    }

    /**
     * Sets a ticket's status as an agent in the Zendesk UI would, without a comment.
     *
     * @param ticketId the ticket
     * @param status one of {@code new, open, pending, hold, solved, closed}
     */
    public void setStatus(long ticketId, String status) {
        store.forceStatus(ticketId, status);
    }

    /**
     * A snapshot of a ticket with its comments.
     *
     * @param ticketId the ticket
     * @return the snapshot
     * @throws IllegalArgumentException for an unknown ticket
     */
    public ZendeskTicketView ticket(long ticketId) {
        return store.view(ticketId);
    }

    /** How many ticket updates the API accepted. */
    public long ticketUpdateCount() {
        return store.ticketUpdates();
    }

    /** Configures a {@link ZendeskSandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private String agentEmail = "agent@patternhub-sandbox.test";
        private String apiToken = "sandbox-api-token-0123456789";
        private long perMinuteLimit = 700;
        private long exportPerMinuteLimit = 10;
        private Duration exportDelay = Duration.ofMinutes(1);

        private Builder() {
            errorFormatter(new ZendeskErrors());
        }

        @Override
        public Builder clock(Clock clock) {
            super.clock(clock);
            return this;
        }

        /**
         * The default agent's email and API token.
         *
         * @param email the agent's email
         * @param token the API token
         * @return this builder
         */
        public Builder agent(String email, String token) {
            this.agentEmail = Objects.requireNonNull(email, "email");
            this.apiToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Requests per minute for the account (default 700, Zendesk Enterprise); 0 for no limit.
         *
         * @param limit requests per minute
         * @return this builder
         */
        public Builder perMinuteLimit(long limit) {
            this.perMinuteLimit = limit;
            return this;
        }

        /**
         * Requests per minute to the incremental export (default 10); 0 for no limit.
         *
         * @param limit requests per minute
         * @return this builder
         */
        public Builder exportPerMinuteLimit(long limit) {
            this.exportPerMinuteLimit = limit;
            return this;
        }

        /**
         * How recent a change the incremental export leaves out (default one minute, as Zendesk).
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder exportDelay(Duration delay) {
            this.exportDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Builds the sandbox (not started).
         *
         * @return the sandbox
         */
        @Override
        public ZendeskSandbox build() {
            return new ZendeskSandbox(this);
        }
    }
}
