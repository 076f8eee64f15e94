package io.patternhub.testkit.ravelry;

import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.limit.RateLimiter;
import io.patternhub.testkit.ravelry.internal.RavelryApi;
import io.patternhub.testkit.ravelry.internal.RavelryAuth;
import io.patternhub.testkit.ravelry.internal.RavelryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stateful Ravelry pattern-store API for tests and the offline demo, on a local MockWebServer.
 *
 * <p>It holds pattern stores, products (created from a pattern, pattern source or draft pattern; title,
 * price, currency, SKU, active), PDF attachments that appear in their product only after a configurable
 * number of polls (Ravelry: "you can poll the product and your new attachment will appear ... when it is
 * ready"), and sale invoices. It answers the {@code .json} paths a storefront uses with Ravelry's shapes,
 * {@code page}/{@code page_size} with a {@code paginator}, an {@code ETag} on every GET and 304 for a
 * matching {@code If-None-Match}, and errors as {@code {"errors": ["..."]}}.
 *
 * <p>Credentials, as Ravelry documents them: OAuth 2.0 tokens from {@code /oauth2/token} (client id and
 * secret only in the Basic header; 24-hour tokens; a refresh token only with {@code offline};
 * {@code patternstore-write} granted only when the app is {@link Builder#whitelisted whitelisted};
 * {@code patternstore-purchases} never); the seller's personal key over Basic auth (every permission);
 * the app's read-only Basic credentials (no store methods). A method without its permission answers 403.
 * Other behaviour: 429 from an optional per-minute limit or injected faults, 504 for purchase pages larger
 * than {@link Builder#timeoutAbovePageSize}.
 *
 * <pre>{@code
 * try (RavelrySandbox ravelry = RavelrySandbox.builder().build().start()) {
 *     long pattern = ravelry.addPattern("Harvest Shawl");
 *     // point a storefront at ravelry.baseUrl() with ravelry.accessKey() / ravelry.personalKey()
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RavelrySandbox extends SandboxServer {
    /** The path of the OAuth 2.0 token endpoint. */
    public static final String TOKEN_PATH = "/oauth2/token";
    /** The scopes a whitelisted pattern-store app asks for. */
    public static final Set<String> STORE_SCOPES = Set.of("offline", "patternstore-read", "patternstore-write");

    private final RavelryState state;
    private final RavelryAuth auth;
    private final String clientId;
    private final String clientSecret;
    private final String accessKey;
    private final String personalKey;
    private final long defaultStoreId;

    private RavelrySandbox(Builder b) {
        super(b);
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.accessKey = b.accessKey;
        this.personalKey = b.personalKey;
        this.state = new RavelryState(clock(), b.attachmentReadyAfterPolls);
        this.auth = new RavelryAuth(clock(), b.accessTokenTtl, b.clientId, b.clientSecret, b.accessKey, b.personalKey,
                b.whitelisted);
        this.defaultStoreId = state.addStore(b.storeName, b.storeCurrency);
        if (b.perMinuteLimit > 0) {
            addLimiter(RateLimiter.perMinute(b.perMinuteLimit)
                    .appliesTo(r -> !r.path().equals(TOKEN_PATH))
                    .clock(clock()).build());
        }
        new RavelryApi(this, state, auth, b.timeoutAbovePageSize).registerRoutes();
    }

    /**
     * Starts configuring a Ravelry sandbox.
     *
     * @return a builder with Ravelry's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RavelrySandbox start() {
        super.start();
        return this;
    }

    // ------------------------------------------------------------ credentials

    /** The OAuth 2.0 client id (also the read-only Basic user). */
    public String clientId() {
        return clientId;
    }

    /** The OAuth 2.0 client secret (also the read-only Basic password). */
    public String clientSecret() {
        return clientSecret;
    }

    /** The seller's access key (Basic user of "personal account access"). */
    public String accessKey() {
        return accessKey;
    }

    /** The seller's personal key (Basic password of "personal account access"). */
    public String personalKey() {
        return personalKey;
    }

    /** The URL of the token endpoint. */
    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    /**
     * Issues tokens as a completed OAuth flow would, granting what Ravelry would of {@code scopes}.
     *
     * @param scopes the requested scopes
     * @return the tokens
     */
    public RavelryTokens issueTokens(Set<String> scopes) {
        return auth.issue(scopes);
    }

    /**
     * Registers an authorization code, as the consent page would return it, for the token endpoint to
     * exchange once.
     *
     * @param redirectUri the redirect URI of the authorization request
     * @param scopes      the requested scopes
     * @return the code
     */
    public String issueAuthorizationCode(String redirectUri, Set<String> scopes) {
        return auth.issueCode(Objects.requireNonNull(redirectUri, "redirectUri"), scopes);
    }

    /**
     * Makes an access token expire now: the next call with it gets 401.
     *
     * @param accessToken the token
     */
    public void expireAccessToken(String accessToken) {
        auth.expire(accessToken);
    }

    /** How many times the token endpoint exchanged a refresh token. */
    public long refreshCount() {
        return auth.refreshCount();
    }

    // ------------------------------------------------------------ stores, patterns, products

    /** The store created with the sandbox. */
    public long defaultStoreId() {
        return defaultStoreId;
    }

    /**
     * Adds a pattern store.
     *
     * @param name     the name
     * @param currency its currency
     * @return the store id
     */
    public long addStore(String name, String currency) {
        return state.addStore(Objects.requireNonNull(name, "name"), Objects.requireNonNull(currency, "currency"));
    }

    /**
     * Adds a pattern, whose name new products created from it take as their title.
     *
     * @param name the pattern name
     * @return the pattern id
     */
    public long addPattern(String name) {
        return state.addPattern(Objects.requireNonNull(name, "name"));
    }

    /**
     * The products of a store, oldest first.
     *
     * @param storeId the store
     * @return the snapshots
     */
    public List<RavelryProductView> products(long storeId) {
        return state.productViews(storeId);
    }

    /** The products of the default store, oldest first. */
    public List<RavelryProductView> products() {
        return products(defaultStoreId);
    }

    /**
     * A product as the sandbox holds it.
     *
     * @param productId the product
     * @return the snapshot, when it exists
     */
    public Optional<RavelryProductView> product(long productId) {
        return state.productView(productId);
    }

    /**
     * The products of the default store carrying a SKU (more than one means a duplicate).
     *
     * @param sku the SKU
     * @return the matches
     */
    public List<RavelryProductView> productsWithSku(String sku) {
        return products().stream().filter(p -> p.sku().equals(sku)).toList();
    }

    // ------------------------------------------------------------ sales

    /**
     * Seeds a sale invoice in the default store.
     *
     * @param seed the invoice
     * @return the invoice id
     */
    public long addInvoice(InvoiceSeed seed) {
        return state.addInvoice(defaultStoreId, Objects.requireNonNull(seed, "seed"));
    }

    /**
     * Marks an unpaid invoice paid.
     *
     * @param invoiceId the invoice
     * @param at        when it was paid
     */
    public void pay(long invoiceId, Instant at) {
        state.pay(invoiceId, Objects.requireNonNull(at, "at"));
    }

    /** The sale invoices of the default store, oldest first. */
    public List<RavelryInvoiceView> invoices() {
        return state.invoiceViews(defaultStoreId);
    }

    /** How many GETs the sandbox answered 304 Not Modified. */
    public long notModifiedCount() {
        return journal().count(e -> e.status() == 304);
    }

    /** Configures a {@link RavelrySandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private String clientId = "sandboxclientid";
        private String clientSecret = "sandboxclientsecret";
        private String accessKey = "sandboxaccesskey";
        private String personalKey = "sandboxpersonalkey";
        private boolean whitelisted = true;
        private int attachmentReadyAfterPolls = 2;
        private Duration accessTokenTtl = Duration.ofHours(24);
        private long perMinuteLimit;
        private int timeoutAbovePageSize;
        private String storeName = "PatternHub Sandbox Designs";
        private String storeCurrency = "USD";

        private Builder() {
            errorFormatter(error -> SandboxResponse.json(error.status(), Map.of("errors", List.of(error.message()))));
        }

        @Override
        public Builder clock(Clock clock) {
            super.clock(clock);
            return this;
        }

        /**
         * The OAuth app's client id and secret.
         *
         * @param id     the client id
         * @param secret the client secret
         * @return this builder
         */
        public Builder client(String id, String secret) {
            this.clientId = requireKey(id, "client id");
            this.clientSecret = requireKey(secret, "client secret");
            return this;
        }

        /**
         * The seller's personal-access Basic credentials.
         *
         * @param access   the access key
         * @param personal the personal key
         * @return this builder
         */
        public Builder personalCredentials(String access, String personal) {
            this.accessKey = requireKey(access, "access key");
            this.personalKey = requireKey(personal, "personal key");
            return this;
        }

        /**
         * Whether Ravelry whitelisted the OAuth app for {@code patternstore-write} (true by default).
         *
         * @param approved whitelisted or not
         * @return this builder
         */
        public Builder whitelisted(boolean approved) {
            this.whitelisted = approved;
            return this;
        }

        /**
         * How many polls of a product (its attachments or the product itself) an upload needs before it
         * appears; 2 by default, 0 for at once.
         *
         * @param polls zero or more
         * @return this builder
         */
        public Builder attachmentReadyAfterPolls(int polls) {
            if (polls < 0) {
                throw new IllegalArgumentException("attachmentReadyAfterPolls must not be negative, was " + polls);
            }
            this.attachmentReadyAfterPolls = polls;
            return this;
        }

        /**
         * How long access tokens live (24 hours, as Ravelry's).
         *
         * @param ttl the lifetime
         * @return this builder
         */
        public Builder accessTokenTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("accessTokenTtl must be positive");
            }
            this.accessTokenTtl = ttl;
            return this;
        }

        /**
         * Requests per minute before 429 (off by default: Ravelry publishes no global limit).
         *
         * @param limit the limit; 0 for none
         * @return this builder
         */
        public Builder perMinuteLimit(long limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("perMinuteLimit must not be negative, was " + limit);
            }
            this.perMinuteLimit = limit;
            return this;
        }

        /**
         * Answers 504 (Ravelry's "took more than 10 seconds") for purchase pages larger than this; off by default.
         *
         * @param pageSize the largest page served; 0 for no limit
         * @return this builder
         */
        public Builder timeoutAbovePageSize(int pageSize) {
            if (pageSize < 0) {
                throw new IllegalArgumentException("timeoutAbovePageSize must not be negative, was " + pageSize);
            }
            this.timeoutAbovePageSize = pageSize;
            return this;
        }

        /**
         * The default store's name and currency.
         *
         * @param name     the name
         * @param currency the ISO 4217 code
         * @return this builder
         */
        public Builder defaultStore(String name, String currency) {
            this.storeName = Objects.requireNonNull(name, "name");
            java.util.Currency.getInstance(Objects.requireNonNull(currency, "currency"));
            this.storeCurrency = currency;
            return this;
        }

        /**
         * Builds the sandbox (not started).
         *
         * @return the sandbox
         */
        @Override
        public RavelrySandbox build() {
            return new RavelrySandbox(this);
        }

        private static String requireKey(String value, String name) {
            if (value == null || !value.matches("[A-Za-z0-9_\\-]+")) {
                throw new IllegalArgumentException(name + " must be letters, digits, '_' or '-'");
            }
            return value;
        }
    }
}
