package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.etsy.internal.EtsyApi;
import io.patternhub.testkit.etsy.internal.EtsySpec;
import io.patternhub.testkit.etsy.internal.EtsyStore;
import io.patternhub.testkit.etsy.internal.TokenRegistry;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.limit.LimitHeaders;
import io.patternhub.testkit.limit.RateLimiter;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.patternhub.testkit.webhook.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A stateful Etsy Open API v3 for tests and the offline demo, on a local MockWebServer.
 *
 * <p>It holds shops, listings (draft, active, inactive; tags, taxonomy, {@code type=download}),
 * inventory (products with SKU and one offering each), listing files (name, rank, size, SHA-256
 * and the bytes), receipts with transactions and refunds, payments and payment-account ledger
 * entries. It answers the Etsy endpoints a storefront uses with Etsy's JSON shapes, {@code limit}/
 * {@code offset} pagination and {@code count}+{@code results} pages, checks {@code x-api-key}
 * ({@code keystring:shared_secret}) and {@code Authorization: Bearer} tokens with their scopes,
 * issues and rotates tokens at {@code /v3/public/oauth/token}, sends Etsy's rate-limit headers and
 * 429 + {@code retry-after} over 10 requests per second or 10,000 per day (configurable), and
 * delivers signed {@code order.paid} webhooks.
 *
 * <p>Every request to an {@code /v3/application} route is validated against Etsy's OpenAPI
 * description (bundled with the testkit); a request that breaks it gets Etsy's
 * {@code {"error": "..."}} with 400 and is recorded in the {@link #journal() journal}. Every
 * response the sandbox sends is validated too; {@link #responseViolations()} lists any mismatch (a
 * sandbox bug), so tests can assert it is empty.
 *
 * <pre>{@code
 * try (EtsySandbox etsy = EtsySandbox.builder().build().start()) {
 *     EtsyTokens tokens = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
 *     long receipt = etsy.addReceipt(ReceiptSeed.builder("EUR").transaction("SKU-1", "Shawl", 1, "6.00").vat("1.20").build());
 *     // point the storefront at etsy.baseUrl(), etsy.tokenUrl(), etsy.apiKey(), tokens
 * }
 * }</pre>
 *
 * <p>Thread-safe. File limits per listing are assumptions (Etsy does not document them): 5 files
 * and 20 MB per file by default.
 */
public final class EtsySandbox extends SandboxServer {
    /** The assumed default of digital files per listing (not documented by Etsy). */
    public static final int DEFAULT_MAX_FILES_PER_LISTING = 5;
    /** The assumed default maximum size of one listing file, 20 MB (not documented by Etsy). */
    public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** The scopes a pattern storefront needs: read and write listings, read transactions. */
    public static final Set<String> DEFAULT_SCOPES = Set.of("listings_r", "listings_w", "listings_d",
            "transactions_r", "shops_r");
    /** The path of Etsy's OAuth token endpoint. */
    public static final String TOKEN_PATH = "/v3/public/oauth/token";

    private final EtsyStore store;
    private final TokenRegistry tokens;
    private final String keystring;
    private final String sharedSecret;
    private final String webhookSecret;
    private final long defaultShopId;
    private final long defaultUserId;
    private final StandardWebhookSigner webhookSigner;
    private final WebhookDelivery webhookDelivery = WebhookDelivery.create();
    private final List<String> webhookUrls = new CopyOnWriteArrayList<>();
    private final EtsyApi api;

    private EtsySandbox(Builder b) {
        super(b);
        this.keystring = b.keystring;
        this.sharedSecret = b.sharedSecret;
        this.webhookSecret = b.webhookSecret;
        this.defaultUserId = b.defaultUserId;
        this.store = new EtsyStore(clock());
        this.tokens = new TokenRegistry(clock(), b.accessTokenTtl, b.keystring);
        this.defaultShopId = store.addShop(b.defaultShopName, b.defaultCurrency, b.defaultUserId);
        this.webhookSigner = StandardWebhookSigner.create(b.webhookSecret, clock());
        if (b.perSecondLimit > 0) {
            addLimiter(RateLimiter.perSecond(b.perSecondLimit)
                    .appliesTo(r -> r.path().startsWith("/v3/application/"))
                    .partitionBy(r -> r.header("x-api-key").orElse(""))
                    .headers(LimitHeaders.limitAndRemaining("x-limit-per-second", "x-remaining-this-second"))
                    .clock(clock()).build());
        }
        if (b.perDayLimit > 0) {
            addLimiter(RateLimiter.perDay(b.perDayLimit)
                    .appliesTo(r -> r.path().startsWith("/v3/application/"))
                    .partitionBy(r -> r.header("x-api-key").orElse(""))
                    .headers(LimitHeaders.limitAndRemaining("x-limit-per-day", "x-remaining-today"))
                    .clock(clock()).build());
        }
        EtsySpec spec = b.validateRequests || b.validateResponses ? EtsySpec.shared() : null;
        if (b.validateRequests) {
            addValidator(spec::validateRequest);
        }
        this.api = new EtsyApi(this, store, tokens, keystring + ":" + sharedSecret, b.validateResponses ? spec : null,
                b.maxFilesPerListing, b.maxFileBytes, b.storeFileContent);
        api.registerRoutes();
    }

    /**
     * Starts configuring an Etsy sandbox.
     *
     * @return a builder with Etsy's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EtsySandbox start() {
        super.start();
        return this;
    }

    // ------------------------------------------------------------ credentials and auth

    /** The {@code x-api-key} value every request must carry: {@code keystring:shared_secret}. */
    public String apiKey() {
        return keystring + ":" + sharedSecret;
    }

    /** The app's keystring (the OAuth {@code client_id}). */
    public String keystring() {
        return keystring;
    }

    /** The app's shared secret. */
    public String sharedSecret() {
        return sharedSecret;
    }

    /** The URL of the OAuth token endpoint ({@value #TOKEN_PATH}). */
    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    /** The id of the Etsy user who owns the default shop. */
    public long defaultUserId() {
        return defaultUserId;
    }

    /**
     * Issues an access and refresh token for the default shop's owner, as a completed OAuth flow would.
     *
     * @param scopes the granted scopes, e.g. {@link #DEFAULT_SCOPES}
     * @return the tokens
     */
    public EtsyTokens issueTokens(Set<String> scopes) {
        return tokens.issue(defaultUserId, scopes);
    }

    /**
     * Issues tokens for any user.
     *
     * @param userId the Etsy user id
     * @param scopes the granted scopes
     * @return the tokens
     */
    public EtsyTokens issueTokens(long userId, Set<String> scopes) {
        return tokens.issue(userId, scopes);
    }

    /**
     * Registers an authorization code, as Etsy's consent page would return it, that the token
     * endpoint exchanges once for tokens after checking the PKCE verifier against
     * {@code codeChallenge} (S256) and the redirect URI.
     *
     * @param codeChallenge the S256 code challenge the client sent to the authorize page
     * @param redirectUri the redirect URI the client registered
     * @param scopes the scopes to grant
     * @return the code
     */
    public String issueAuthorizationCode(String codeChallenge, String redirectUri, Set<String> scopes) {
        return tokens.issueCode(defaultUserId, codeChallenge, redirectUri, scopes);
    }

    /**
     * Makes an access token expire now: the next call with it gets 401 {@code invalid_token}.
     *
     * @param accessToken the token
     */
    public void expireAccessToken(String accessToken) {
        tokens.expire(accessToken);
    }

    /** How many times the token endpoint exchanged a refresh token. */
    public long refreshCount() {
        return tokens.refreshCount();
    }

    // ------------------------------------------------------------ shops

    /** The shop created with the sandbox. */
    public long defaultShopId() {
        return defaultShopId;
    }

    /**
     * Adds a shop owned by the default user.
     *
     * @param name the shop name
     * @param currencyCode its currency
     * @return the shop id
     */
    public long addShop(String name, String currencyCode) {
        return store.addShop(Objects.requireNonNull(name, "name"), Objects.requireNonNull(currencyCode, "currencyCode"),
                defaultUserId);
    }

    // ------------------------------------------------------------ listings and files (inspection)

    /**
     * A listing as the sandbox holds it.
     *
     * @param listingId the listing id
     * @return the snapshot, when it exists
     */
    public Optional<EtsyListingView> listing(long listingId) {
        return store.listingView(listingId);
    }

    /**
     * Every listing of a shop in any state, oldest first.
     *
     * @param shopId the shop
     * @return the snapshots
     */
    public List<EtsyListingView> listings(long shopId) {
        return store.listingViews(shopId);
    }

    /** Every listing of the default shop, oldest first. */
    public List<EtsyListingView> listings() {
        return listings(defaultShopId);
    }

    /**
     * The listings of the default shop whose inventory carries {@code sku}.
     *
     * @param sku the SKU
     * @return the matching listings (more than one means a duplicate)
     */
    public List<EtsyListingView> listingsWithSku(String sku) {
        return listings().stream().filter(l -> l.sku().map(sku::equals).orElse(false)).toList();
    }

    /**
     * The bytes of an uploaded file, when the sandbox stores content (the default).
     *
     * @param listingFileId the file id
     * @return the bytes
     */
    public Optional<byte[]> fileContent(long listingFileId) {
        return store.fileContent(listingFileId);
    }

    // ------------------------------------------------------------ receipts (seeding and inspection)

    /**
     * Seeds a receipt in the default shop, with its payment and ledger entries when paid, and
     * delivers {@code order.paid} to subscribed webhook URLs.
     *
     * @param seed the receipt
     * @return the receipt id
     */
    public long addReceipt(ReceiptSeed seed) {
        return addReceipt(defaultShopId, seed);
    }

    /**
     * Seeds a receipt in {@code shopId}.
     *
     * @param shopId the shop
     * @param seed the receipt
     * @return the receipt id
     */
    public long addReceipt(long shopId, ReceiptSeed seed) {
        long id = store.addReceipt(shopId, Objects.requireNonNull(seed, "seed"));
        if (seed.paid() && !webhookUrls.isEmpty()) {
            for (String url : webhookUrls) {
                deliverOrderPaid(url, id);
            }
        }
        return id;
    }

    /**
     * Seeds {@code count} receipts in the default shop.
     *
     * @param count how many
     * @param seeds the seed of the i-th receipt (from 0)
     * @return the receipt ids in order
     */
    public List<Long> addReceipts(int count, IntFunction<ReceiptSeed> seeds) {
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(addReceipt(seeds.apply(i)));
        }
        return ids;
    }

    /**
     * Refunds part of a receipt and updates its {@code updated_timestamp}, as a visible change.
     *
     * @param receiptId the receipt
     * @param amount the refunded amount, in the receipt's currency
     * @param reason the reason, or {@code null}
     */
    public void refund(long receiptId, Money amount, String reason) {
        store.refund(receiptId, amount, reason, true);
    }

    /**
     * Refunds part of a receipt WITHOUT changing its {@code updated_timestamp}: the change Etsy's
     * {@code min_last_modified} filter misses, which a rescan window must find.
     *
     * @param receiptId the receipt
     * @param amount the refunded amount, in the receipt's currency
     * @param reason the reason, or {@code null}
     */
    public void refundSilently(long receiptId, Money amount, String reason) {
        store.refund(receiptId, amount, reason, false);
    }

    /**
     * Cancels a receipt without changing its {@code updated_timestamp} (also missed by the filter).
     *
     * @param receiptId the receipt
     */
    public void cancelSilently(long receiptId) {
        store.cancel(receiptId, false);
    }

    /**
     * Charges the shop a fee that belongs to no receipt, debited from its payment account now, as Etsy
     * does for listing fees ({@code ledger_type} {@code listing}, referring to the listing) and Etsy Ads
     * ({@code prolist}) or Offsite Ads ({@code offsite_ads_fee}). The sandbox takes the type as given.
     *
     * @param shopId        the shop
     * @param ledgerType    the entry's {@code ledger_type}, e.g. {@code listing} or {@code prolist}
     * @param amount        the fee, positive
     * @param referenceType what the entry refers to, e.g. {@code listing} or {@code shop}
     * @param referenceId   the referenced id, or {@code null}
     * @return the ledger entry id
     */
    public long chargeFee(long shopId, String ledgerType, Money amount, String referenceType, String referenceId) {
        Objects.requireNonNull(ledgerType, "ledgerType");
        Objects.requireNonNull(referenceType, "referenceType");
        return store.chargeFee(shopId, amount.currencyCode(), amount.toMinorUnits(), ledgerType, referenceType,
                referenceId);
    }

    /**
     * Pays out the shop's positive balance in {@code currencyCode} as a disbursement ledger entry.
     *
     * @param shopId the shop
     * @param currencyCode the ledger currency
     * @return the amount disbursed
     */
    public Money disburse(long shopId, String currencyCode) {
        return Money.ofMinor(store.disburse(shopId, currencyCode), currencyCode);
    }

    /**
     * A receipt as the sandbox holds it.
     *
     * @param receiptId the receipt id
     * @return the snapshot, when it exists
     */
    public Optional<EtsyReceiptView> receipt(long receiptId) {
        return store.receiptView(receiptId);
    }

    /**
     * Every receipt of a shop, oldest first.
     *
     * @param shopId the shop
     * @return the snapshots
     */
    public List<EtsyReceiptView> receipts(long shopId) {
        return store.receiptViews(shopId);
    }

    /**
     * Every payment of a shop.
     *
     * @param shopId the shop
     * @return the snapshots
     */
    public List<EtsyPaymentView> payments(long shopId) {
        return store.paymentViews(shopId);
    }

    /**
     * The payment-account ledger of a shop, in sequence order.
     *
     * @param shopId the shop
     * @return the entries
     */
    public List<EtsyLedgerEntryView> ledgerEntries(long shopId) {
        return store.ledgerViews(shopId);
    }

    // ------------------------------------------------------------ webhooks

    /** The {@code whsec_...} secret the sandbox signs webhooks with. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /**
     * Subscribes a URL: every paid receipt seeded from now on is delivered there as {@code order.paid}.
     *
     * @param url the receiver
     */
    public void subscribeWebhooks(String url) {
        webhookUrls.add(Objects.requireNonNull(url, "url"));
    }

    /**
     * The signed {@code order.paid} webhook for a receipt:
     * {@code {"event_type":"order.paid","resource_url":".../shops/{id}/receipts/{id}","shop_id":...}}
     * with {@code webhook-id} (stable per receipt, as Etsy's retries keep it), {@code webhook-timestamp}
     * and {@code webhook-signature}.
     *
     * @param receiptId the receipt
     * @return the signed webhook
     */
    public SignedWebhook orderPaidWebhook(long receiptId) {
        EtsyReceiptView receipt = receipt(receiptId).orElseThrow(
                () -> new IllegalArgumentException("No receipt " + receiptId + " in the sandbox"));
        String body = "{\"event_type\":\"order.paid\",\"resource_url\":\"" + baseUrl() + "/v3/application/shops/"
                + receipt.shopId() + "/receipts/" + receiptId + "\",\"shop_id\":" + receipt.shopId() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new SignedWebhook(webhookSigner.sign("msg_order_paid_" + receiptId, clock().instant(), bytes), bytes);
    }

    /**
     * POSTs the signed {@code order.paid} webhook of a receipt to {@code url}.
     *
     * @param url the receiver
     * @param receiptId the receipt
     * @return the receiver's HTTP status
     */
    public int deliverOrderPaid(String url, long receiptId) {
        return webhookDelivery.deliver(url, orderPaidWebhook(receiptId));
    }

    // ------------------------------------------------------------ validation

    /**
     * Responses the sandbox sent that do not conform to Etsy's spec (a sandbox bug); empty normally.
     *
     * @return one message per violation, naming the operation
     */
    public List<String> responseViolations() {
        return api.responseViolations();
    }

    /** Requests the sandbox rejected because they broke Etsy's spec. */
    public List<JournalEntry> rejectedRequests() {
        return journal().validationFailures();
    }

    /** Configures an {@link EtsySandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private String keystring = "sandboxkeystring";
        private String sharedSecret = "sandboxsecret";
        private String webhookSecret = "whsec_" + Base64.getEncoder()
                .encodeToString("patternhub-etsy-sandbox-secret!!".getBytes(StandardCharsets.UTF_8));
        private long perSecondLimit = 10;
        private long perDayLimit = 10_000;
        private int maxFilesPerListing = DEFAULT_MAX_FILES_PER_LISTING;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private boolean storeFileContent = true;
        private boolean validateRequests = true;
        private boolean validateResponses = true;
        private Duration accessTokenTtl = Duration.ofHours(1);
        private String defaultShopName = "PatternHubSandboxShop";
        private String defaultCurrency = "USD";
        private long defaultUserId = 81_234_567L;

        private Builder() {
            errorFormatter(error -> io.patternhub.testkit.SandboxResponse.json(error.status(),
                    Map.of("error", error.message())));
        }

        @Override
        public Builder clock(Clock clock) {
            super.clock(clock);
            return this;
        }

        /**
         * The app's credentials; {@code x-api-key} must be {@code keystring:sharedSecret}.
         *
         * @param appKeystring the keystring (also the OAuth client id)
         * @param appSharedSecret the shared secret
         * @return this builder
         */
        public Builder credentials(String appKeystring, String appSharedSecret) {
            this.keystring = requireText(appKeystring, "keystring");
            this.sharedSecret = requireText(appSharedSecret, "sharedSecret");
            return this;
        }

        /**
         * The webhook signing secret.
         *
         * @param secret a {@code whsec_} + base64 secret
         * @return this builder
         */
        public Builder webhookSecret(String secret) {
            if (secret == null || !secret.startsWith("whsec_")) {
                throw new IllegalArgumentException("An Etsy webhook secret starts with whsec_");
            }
            this.webhookSecret = secret;
            return this;
        }

        /**
         * Requests per second per API key before 429 (10 by default; 0 turns the limit off).
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder perSecondLimit(long limit) {
            this.perSecondLimit = nonNegative(limit, "perSecondLimit");
            return this;
        }

        /**
         * Requests per rolling day per API key before 429 (10,000 by default; 0 turns it off).
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder perDayLimit(long limit) {
            this.perDayLimit = nonNegative(limit, "perDayLimit");
            return this;
        }

        /**
         * The maximum digital files per listing (an assumption; 5 by default).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxFilesPerListing(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxFilesPerListing must be at least 1, was " + max);
            }
            this.maxFilesPerListing = max;
            return this;
        }

        /**
         * The maximum size of one listing file (an assumption; 20 MB by default).
         *
         * @param max bytes, at least 1
         * @return this builder
         */
        public Builder maxFileBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxFileBytes must be at least 1, was " + max);
            }
            this.maxFileBytes = max;
            return this;
        }

        /**
         * Whether uploaded file bytes are kept (for {@link EtsySandbox#fileContent}); size and
         * SHA-256 are always kept.
         *
         * @param store keep the bytes
         * @return this builder
         */
        public Builder storeFileContent(boolean store) {
            this.storeFileContent = store;
            return this;
        }

        /**
         * Whether requests are validated against Etsy's spec (on by default).
         *
         * @param validate validate or not
         * @return this builder
         */
        public Builder validateRequests(boolean validate) {
            this.validateRequests = validate;
            return this;
        }

        /**
         * Whether responses are validated against Etsy's spec (on by default; see
         * {@link EtsySandbox#responseViolations()}).
         *
         * @param validate validate or not
         * @return this builder
         */
        public Builder validateResponses(boolean validate) {
            this.validateResponses = validate;
            return this;
        }

        /**
         * How long access tokens live (1 hour, as Etsy's).
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
         * The default shop's name and currency.
         *
         * @param name the shop name
         * @param currencyCode the ISO 4217 code
         * @return this builder
         */
        public Builder defaultShop(String name, String currencyCode) {
            this.defaultShopName = requireText(name, "name");
            java.util.Currency.getInstance(requireText(currencyCode, "currencyCode"));
            this.defaultCurrency = currencyCode;
            return this;
        }

        /**
         * Builds the sandbox (not started).
         *
         * @return the sandbox
         */
        @Override
        public EtsySandbox build() {
            return new EtsySandbox(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static long nonNegative(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
