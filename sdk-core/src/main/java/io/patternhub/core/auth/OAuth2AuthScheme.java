package io.patternhub.core.auth;

import io.patternhub.core.auth.internal.Secrets;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ErrorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 bearer authentication for one connection, with its token kept in a {@link TokenStore}.
 * Thread-safe; build with {@link #builder}.
 *
 * <ul>
 *   <li>The token is refreshed ahead of expiry (60 s by default, see {@link Builder#refreshSkew}).</li>
 *   <li>Refreshes are single-flight: however many threads find the token expired, one calls the token
 *       endpoint and the others wait for and reuse its result.</li>
 *   <li>A refreshed token (with its rotated refresh token) is saved to the store before it is used or
 *       returned. If saving fails the token is kept and saved again before it is used.</li>
 *   <li>After a 401, {@link #renewAfterUnauthorized} refreshes once, unless another thread already replaced
 *       the refused token.</li>
 *   <li>Before refreshing, the store is read again, so a token refreshed by another process sharing the
 *       store is picked up instead of spending a dead refresh token.</li>
 *   <li>A refused refresh ({@code invalid_grant}) raises {@link AuthenticationException}: the seller must
 *       reconnect. The refused refresh token is not sent again.</li>
 * </ul>
 */
public final class OAuth2AuthScheme implements AuthScheme {
    private static final Logger LOG = LoggerFactory.getLogger(OAuth2AuthScheme.class);

    private final OAuth2Client client;
    private final TokenStore store;
    private final String connectionId;
    private final Clock clock;
    private final Duration refreshSkew;
    private final List<TokenRefreshListener> listeners;
    private final String headerName;
    private final String headerPrefix;

    private final Object lock = new Object();
    private volatile OAuthToken cached;
    /** The refresh running now; guarded by {@link #lock}. */
    private CompletableFuture<OAuthToken> inFlight;
    /** A refreshed token whose save failed: it must be saved before anything uses it. */
    private volatile OAuthToken unsaved;
    /** A refresh token the platform refused; never sent again. */
    private volatile String refusedRefreshToken;

    private OAuth2AuthScheme(Builder b) {
        this.client = b.client;
        this.store = Objects.requireNonNull(b.store, "tokenStore");
        this.connectionId = ApiKeyAuth.requireText(b.connectionId, "connection id");
        this.clock = b.clock != null ? b.clock : client.clock();
        this.refreshSkew = b.refreshSkew;
        this.listeners = List.copyOf(b.listeners);
        this.headerName = b.headerName;
        this.headerPrefix = b.headerPrefix;
    }

    /**
     * A builder for one connection.
     *
     * @param client the platform's OAuth client (used for refreshing)
     * @return the builder
     */
    public static Builder builder(OAuth2Client client) {
        return new Builder(client);
    }

    /** The connection this scheme authenticates. */
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void authorize(Request.Builder request) {
        request.header(headerName, headerPrefix + validToken().accessToken());
    }

    /**
     * Refreshes once after a 401, unless the token the refused request carried was already replaced by
     * another thread, in which case the newer token is used without calling the token endpoint.
     *
     * @throws AuthenticationException if the refresh is refused: the seller must reconnect
     */
    @Override
    public boolean renewAfterUnauthorized(Response unauthorized) {
        String sent = unauthorized.request().header(headerName);
        if (sent == null || !sent.startsWith(headerPrefix)) {
            return false;
        }
        refreshReplacing(sent.substring(headerPrefix.length()));
        return true;
    }

    /**
     * A usable token: the cached one, the stored one, or a freshly refreshed one.
     *
     * @return a token that is not expired (allowing for the refresh skew)
     * @throws AuthenticationException if there is no token or it cannot be refreshed
     */
    public OAuthToken validToken() {
        OAuthToken token = cached;
        if (token == null) {
            token = loadFromStore();
        }
        if (!token.isExpired(clock, refreshSkew) && unsaved == null) {
            return token;
        }
        return refreshReplacing(token.accessToken());
    }

    /**
     * Installs a token obtained outside this scheme (for example after the seller reconnected): saved to
     * the store first, then used.
     *
     * @param token the new token
     */
    public void replaceToken(OAuthToken token) {
        Objects.requireNonNull(token, "token");
        synchronized (lock) {
            store.save(connectionId, token);
            unsaved = null;
            cached = token;
        }
    }

    private OAuthToken loadFromStore() {
        synchronized (lock) {
            if (cached == null) {
                cached = store.load(connectionId).orElseThrow(this::notConnected);
            }
            return cached;
        }
    }

    /** Single-flight: one thread refreshes, the others wait for its result. */
    private OAuthToken refreshReplacing(String staleAccessToken) {
        CompletableFuture<OAuthToken> mine = null;
        CompletableFuture<OAuthToken> running;
        synchronized (lock) {
            OAuthToken current = cached;
            if (current != null && unsaved == null && !current.isExpired(clock, refreshSkew)
                    && !Secrets.constantTimeEquals(current.accessToken(), staleAccessToken)) {
                return current; // someone else already replaced the stale token
            }
            running = inFlight;
            if (running == null) {
                mine = new CompletableFuture<>();
                inFlight = mine;
            }
        }
        if (mine == null) {
            return await(running);
        }
        try {
            OAuthToken fresh = refreshNow(staleAccessToken);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (lock) {
                inFlight = null;
            }
        }
    }

    /** Runs on one thread at a time (the owner of {@link #inFlight}). */
    private OAuthToken refreshNow(String staleAccessToken) {
        OAuthToken pending = unsaved;
        if (pending != null) {
            return saveThenUse(pending);
        }
        OAuthToken stored = store.load(connectionId).orElseThrow(this::notConnected);
        if (!Secrets.constantTimeEquals(stored.accessToken(), staleAccessToken)
                && !stored.isExpired(clock, refreshSkew)) {
            cached = stored; // refreshed elsewhere (another process, or the seller reconnected)
            return stored;
        }
        String refreshToken = stored.refreshToken().orElseThrow(() -> new AuthenticationException(
                "connection '" + connectionId + "' has an expired or refused access token and no refresh token; "
                        + "the seller must reconnect", context()));
        if (refreshToken.equals(refusedRefreshToken)) {
            throw new AuthenticationException("connection '" + connectionId + "': the platform already refused "
                    + "this refresh token; the seller must reconnect", context().toBuilder()
                    .platformErrorCode("invalid_grant").build());
        }
        OAuthToken fresh;
        try {
            fresh = client.refresh(refreshToken);
        } catch (AuthenticationException e) {
            if ("invalid_grant".equals(e.platformErrorCode().orElse(null))) {
                refusedRefreshToken = refreshToken;
                throw new AuthenticationException("connection '" + connectionId + "': the platform refused the "
                        + "refresh token (invalid_grant: expired, revoked or already used); the seller must "
                        + "reconnect", e.context(), e);
            }
            throw e;
        }
        if (fresh.scopes().isEmpty() && !stored.scopes().isEmpty()) {
            fresh = fresh.toBuilder().scopes(stored.scopes()).build();
        }
        LOG.debug("refreshed OAuth token for connection {} ({})", connectionId, fresh);
        return saveThenUse(fresh);
    }

    private OAuthToken saveThenUse(OAuthToken fresh) {
        unsaved = fresh;
        store.save(connectionId, fresh); // durable before anyone uses the new token
        unsaved = null;
        cached = fresh;
        for (TokenRefreshListener listener : listeners) {
            try {
                listener.onTokenRefreshed(connectionId, fresh);
            } catch (RuntimeException e) {
                LOG.warn("token refresh listener failed for connection {}", connectionId, e);
            }
        }
        return fresh;
    }

    private static OAuthToken await(CompletableFuture<OAuthToken> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    private AuthenticationException notConnected() {
        return new AuthenticationException("no OAuth token is stored for connection '" + connectionId
                + "'; the seller must authorise the app first", context());
    }

    private ErrorContext context() {
        return ErrorContext.builder().platform(client.config().platform().orElse(null)).build();
    }

    @Override
    public String toString() {
        return "OAuth2AuthScheme{connection=" + connectionId + ", token=" + cached + "}";
    }

    /** Builds an {@link OAuth2AuthScheme}. */
    public static final class Builder {
        private final OAuth2Client client;
        private TokenStore store;
        private String connectionId;
        private Clock clock;
        private Duration refreshSkew = Duration.ofSeconds(60);
        private final List<TokenRefreshListener> listeners = new ArrayList<>();
        private String headerName = "Authorization";
        private String headerPrefix = "Bearer ";

        private Builder(OAuth2Client client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Where the connection's token is loaded from and saved to (required). */
        public Builder tokenStore(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The connection's id in the store (required). */
        public Builder connectionId(String connectionId) {
            this.connectionId = connectionId;
            return this;
        }

        /** The clock for expiry checks; the client's clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long before expiry to refresh; 60 seconds by default. */
        public Builder refreshSkew(Duration refreshSkew) {
            if (refreshSkew.isNegative()) {
                throw new IllegalArgumentException("refreshSkew must not be negative");
            }
            this.refreshSkew = refreshSkew;
            return this;
        }

        /** Adds a listener told after each refreshed token was saved. */
        public Builder listener(TokenRefreshListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sends the token in another header, for platforms that do not use {@code Authorization: Bearer}
         * (Shopify: {@code header("X-Shopify-Access-Token", "")}).
         *
         * @param name   the header name
         * @param prefix the text before the token (may be empty)
         * @return this builder
         */
        public Builder header(String name, String prefix) {
            this.headerName = ApiKeyAuth.requireText(name, "token header name");
            this.headerPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public OAuth2AuthScheme build() {
            return new OAuth2AuthScheme(this);
        }
    }
}
