package io.patternhub.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * WooCommerce's app key-provisioning flow (the "Application Authentication Endpoint"): send the shop
 * owner to {@link #authorizeUrl}, where they approve the app; WooCommerce then POSTs the new keys as
 * JSON to the app's {@code callback_url} (HTTPS) and redirects the owner to {@code return_url} with
 * {@code success=1|0&user_id=...}.
 *
 * <p>WooCommerce does not sign the callback. {@link #parseCallback} therefore accepts it only when its
 * {@code user_id} is the unguessable per-attempt value this class generated ({@link Request#userId()})
 * and the permissions are the ones asked for; keep the {@link Request} until the callback arrives and
 * use it once. Immutable and thread-safe.
 */
public final class WooCommerceKeyProvisioning {
    /** The authorize path on the shop's site. */
    public static final String AUTHORIZE_PATH = "/wc-auth/v1/authorize";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    /** The access levels WooCommerce offers. */
    public enum Scope {
        READ("read"), WRITE("write"), READ_WRITE("read_write");

        private final String wire;

        Scope(String wire) {
            this.wire = wire;
        }

        /** The value WooCommerce uses ({@code read}, {@code write}, {@code read_write}). */
        public String wire() {
            return wire;
        }
    }

    /**
     * One pending authorization.
     *
     * @param url    where to send the shop owner
     * @param userId the per-attempt reference the callback must carry
     * @param scope  the access asked for
     */
    public record Request(URI url, String userId, Scope scope) {
    }

    private WooCommerceKeyProvisioning() {
    }

    /**
     * Builds the authorize URL with a fresh random {@code user_id}.
     *
     * @param siteUrl     the shop, e.g. {@code https://shop.example}
     * @param appName     the app's name the owner sees
     * @param scope       the access to ask for
     * @param returnUrl   where the owner's browser returns
     * @param callbackUrl where WooCommerce POSTs the keys; must be HTTPS (plain HTTP only to a loopback host)
     * @return the request to keep until the callback
     * @throws ConfigurationException if a URL is not absolute or the callback is not HTTPS
     */
    public static Request authorizeUrl(String siteUrl, String appName, Scope scope, URI returnUrl, URI callbackUrl) {
        Objects.requireNonNull(scope, "scope");
        if (appName == null || appName.isBlank()) {
            throw config("appName must not be blank");
        }
        URI site = WooCommerceStorefront.checkSite(siteUrl);
        requireAbsolute(returnUrl, "returnUrl");
        requireAbsolute(callbackUrl, "callbackUrl");
        if (!"https".equalsIgnoreCase(callbackUrl.getScheme()) && !WooCommerceStorefront.isLoopback(callbackUrl.getHost())) {
            throw config("WooCommerce sends the keys to callbackUrl, which must be HTTPS: " + callbackUrl);
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String userId = "ph_" + HexFormat.of().formatHex(nonce);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_name", appName);
        params.put("scope", scope.wire());
        params.put("user_id", userId);
        params.put("return_url", returnUrl.toString());
        params.put("callback_url", callbackUrl.toString());
        String query = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String base = site.toString().replaceAll("/+$", "");
        return new Request(URI.create(base + AUTHORIZE_PATH + "?" + query), userId, scope);
    }

    /**
     * Parses and checks the JSON WooCommerce POSTed to the callback URL.
     *
     * @param pending the request the owner was sent with
     * @param body    the raw body
     * @return the keys
     * @throws AuthenticationException if the callback is not for this request (another user_id) or grants
     *         other permissions than asked: do not store the keys
     * @throws InvalidRequestException if the body is not the documented JSON
     */
    public static WooCommerceKeys parseCallback(Request pending, byte[] body) {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(body, "body");
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            throw invalid("The WooCommerce key callback is not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw invalid("The WooCommerce key callback is not a JSON object");
        }
        String key = json.path("consumer_key").asText("");
        String secret = json.path("consumer_secret").asText("");
        if (!key.startsWith("ck_") || !secret.startsWith("cs_")) {
            throw invalid("The WooCommerce key callback lacks consumer_key (ck_...) or consumer_secret (cs_...)");
        }
        String userId = json.path("user_id").asText("");
        if (!MessageDigest.isEqual(userId.getBytes(StandardCharsets.UTF_8),
                pending.userId().getBytes(StandardCharsets.UTF_8))) {
            throw new AuthenticationException("The WooCommerce key callback is for user_id '" + userId
                    + "', not this authorization's; ignore it (it may be forged or stale)", context());
        }
        String permissions = json.path("key_permissions").asText("");
        if (!permissions.equals(pending.scope().wire())) {
            throw new AuthenticationException("The shop granted '" + permissions + "' but '" + pending.scope().wire()
                    + "' was asked; the keys were not accepted", context());
        }
        return new WooCommerceKeys(json.path("key_id").asLong(0), userId, key, secret, permissions);
    }

    private static void requireAbsolute(URI uri, String name) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            throw config(name + " must be an absolute http(s) URL, was " + uri);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static ErrorContext context() {
        return ErrorContext.builder().platform(Platform.WOOCOMMERCE).build();
    }

    private static ConfigurationException config(String message) {
        return new ConfigurationException(message, context());
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, context());
    }
}
