package io.patternhub.shopify;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthorizationRequest;
import io.patternhub.core.auth.ClientAuthMethod;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuth2Client;
import io.patternhub.core.auth.OAuth2Config;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.auth.TokenStore;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.OkHttpClient;

/**
 * Installs a public Shopify app on a shop with the OAuth authorization-code flow, and keeps its
 * token fresh. Thread-safe.
 *
 * <ol>
 *   <li>{@link #authorizationRequest(String)}: the URL {@code https://{shop}/admin/oauth/authorize}
 *       with {@code client_id}, comma-separated {@code scope}, {@code redirect_uri} and a random
 *       {@code state}; keep the request until the callback.</li>
 *   <li>{@link #exchangeCode}: checks the callback's {@code hmac} (HMAC-SHA256, hex, of the other
 *       query parameters sorted by name and joined as {@code k=v&k=v}, keyed with the client secret),
 *       its {@code state} and its {@code shop}, then posts {@code client_id}, {@code client_secret} and
 *       {@code code} to {@code https://{shop}/admin/oauth/access_token}.</li>
 *   <li>{@link #authScheme}: sends the token as {@code X-Shopify-Access-Token}. Expiring offline tokens
 *       ({@code expires_in} 3600 s and a {@code refresh_token} replaced on every use, mandatory for new
 *       public apps) are refreshed ahead of expiry, single-flight, the rotated refresh token stored
 *       before it is used.</li>
 * </ol>
 * Custom apps skip all this: pass their token to {@link ShopifyStorefront.Builder#accessToken}.
 */
public final class ShopifyOAuth {
    /** Scopes the storefront's operations need; {@code read_all_orders} is needed beyond 60 days. */
    public static final List<String> DEFAULT_SCOPES = List.of("write_products", "read_orders", "write_files",
            "read_shopify_payments_payouts");
    private static final Pattern SHOP = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]*\\.myshopify\\.com");

    private final String clientId;
    private final String clientSecret;
    private final URI redirectUri;
    private final List<String> scopes;
    private final Function<String, String> originForShop;
    private final OkHttpClient httpClient;
    private final Clock clock;

    private ShopifyOAuth(Builder b) {
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.redirectUri = b.redirectUri;
        this.scopes = b.scopes;
        this.originForShop = b.originForShop;
        this.httpClient = b.httpClient != null ? b.httpClient : new OkHttpClient();
        this.clock = b.clock;
    }

    /**
     * Starts a configuration.
     *
     * @param clientId     the app's client id (API key)
     * @param clientSecret the app's client secret
     * @param redirectUri  the callback URL allowed for the app
     * @return the builder
     */
    public static Builder builder(String clientId, String clientSecret, URI redirectUri) {
        return new Builder(clientId, clientSecret, redirectUri);
    }

    /**
     * A new installation attempt for one shop.
     *
     * @param shop the {@code *.myshopify.com} domain
     * @return the request: send the seller to its URL, keep it for the callback
     */
    public AuthorizationRequest authorizationRequest(String shop) {
        return client(shop).authorizationRequest();
    }

    /**
     * Verifies the callback and exchanges its code for a token.
     *
     * @param request       the request the seller was sent with
     * @param expectedShop  the shop the installation was started for
     * @param callbackQuery every query parameter of the callback ({@code code}, {@code hmac},
     *                      {@code shop}, {@code state}, {@code timestamp}, ...)
     * @return the token
     * @throws AuthenticationException if the HMAC, the state or the shop is wrong, or Shopify refuses the code
     */
    public OAuthToken exchangeCode(AuthorizationRequest request, String expectedShop, Map<String, String> callbackQuery) {
        verifyCallback(callbackQuery);
        String shop = callbackQuery.get("shop");
        if (!expectedShop.equalsIgnoreCase(shop)) {
            throw refused("the callback is for shop '" + shop + "', not '" + expectedShop + "'", "shop_mismatch");
        }
        return client(shop).exchangeCode(request, callbackQuery.get("state"), callbackQuery.getOrDefault("code", ""));
    }

    /**
     * Checks a callback's (or an app-proxy or embedded request's) {@code hmac} query parameter.
     *
     * @param query every query parameter as received
     * @throws AuthenticationException if it is missing or does not match
     */
    public void verifyCallback(Map<String, String> query) {
        Objects.requireNonNull(query, "query");
        String given = query.get("hmac");
        if (given == null || given.isBlank()) {
            throw refused("the callback has no hmac parameter", "hmac_missing");
        }
        String shop = query.get("shop");
        if (shop == null || !SHOP.matcher(shop).matches()) {
            throw refused("the callback's shop '" + shop + "' is not a *.myshopify.com domain", "invalid_shop");
        }
        String expected = callbackHmac(query, clientSecret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw refused("the callback's hmac does not match (forged or altered callback)", "hmac_mismatch");
        }
    }

    /**
     * Refreshes an expiring offline token directly; usually {@link #authScheme} does this.
     *
     * @param shop         the shop
     * @param refreshToken the current refresh token (dead once this returns)
     * @return the new token with its new refresh token; store it before use
     */
    public OAuthToken refresh(String shop, String refreshToken) {
        return client(shop).refresh(refreshToken);
    }

    /**
     * The {@code X-Shopify-Access-Token} scheme for one shop connection, refreshing expiring tokens.
     *
     * @param shop         the shop
     * @param store        where the connection's token lives
     * @param connectionId the connection's key in the store
     * @return the scheme for {@link ShopifyStorefront.Builder#auth}
     */
    public OAuth2AuthScheme authScheme(String shop, TokenStore store, String connectionId) {
        return OAuth2AuthScheme.builder(client(shop)).tokenStore(store).connectionId(connectionId)
                .header("X-Shopify-Access-Token", "").build();
    }

    /**
     * The Shopify callback HMAC: hex HMAC-SHA256 over the query parameters except {@code hmac} and
     * {@code signature}, sorted by name, joined as {@code name=value} with {@code &}.
     *
     * @param query  the parameters
     * @param secret the client secret
     * @return lower-case hex
     */
    static String callbackHmac(Map<String, String> query, String secret) {
        String message = new TreeMap<>(query).entrySet().stream()
                .filter(e -> !e.getKey().equals("hmac") && !e.getKey().equals("signature"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private OAuth2Client client(String shop) {
        if (shop == null || !SHOP.matcher(shop).matches()) {
            throw new ConfigurationException("shop must be a *.myshopify.com domain, was '" + shop + "'",
                    ErrorContext.builder().platform(Platform.SHOPIFY).build());
        }
        String origin = originForShop.apply(shop);
        OAuth2Config config = OAuth2Config.builder()
                .platform(Platform.SHOPIFY)
                .authorizationEndpoint(origin + "/admin/oauth/authorize")
                .tokenEndpoint(origin + "/admin/oauth/access_token")
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthMethod(ClientAuthMethod.FORM_BODY)
                .redirectUri(redirectUri)
                .scopes(scopes)
                .scopeSeparator(",")
                .pkce(false)
                .build();
        return OAuth2Client.builder(config).httpClient(httpClient).clock(clock).build();
    }

    private static AuthenticationException refused(String why, String code) {
        return new AuthenticationException("Shopify OAuth callback rejected: " + why + "; start the installation again",
                ErrorContext.builder().platform(Platform.SHOPIFY).platformErrorCode(code).build());
    }

    /** Configures {@link ShopifyOAuth}. Not thread-safe. */
    public static final class Builder {
        private final String clientId;
        private final String clientSecret;
        private final URI redirectUri;
        private List<String> scopes = DEFAULT_SCOPES;
        private Function<String, String> originForShop = shop -> "https://" + shop;
        private OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder(String clientId, String clientSecret, URI redirectUri) {
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
                throw new ConfigurationException("ShopifyOAuth needs the app's client id and client secret",
                        ErrorContext.builder().platform(Platform.SHOPIFY).build());
            }
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        }

        /**
         * The scopes asked for; {@link #DEFAULT_SCOPES} by default.
         *
         * @param scopes Shopify access scopes
         * @return this builder
         */
        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /**
         * Where a shop's OAuth endpoints live; {@code https://{shop}} by default (tests: a local server).
         *
         * @param originForShop maps a shop domain to an origin such as {@code http://localhost:1234}
         * @return this builder
         */
        public Builder originForShop(Function<String, String> originForShop) {
            this.originForShop = Objects.requireNonNull(originForShop, "originForShop");
            return this;
        }

        /**
         * The OkHttp client for token calls.
         *
         * @param httpClient the client
         * @return this builder
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * The clock that turns {@code expires_in} into an expiry.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the helper. */
        public ShopifyOAuth build() {
            return new ShopifyOAuth(this);
        }
    }
}
