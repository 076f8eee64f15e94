package io.patternhub.core.auth;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A static API key sent on every request, either as a header or as a query parameter. Immutable and
 * thread-safe. The key never appears in {@link #toString()}.
 *
 * <p>Etsy, for example, wants {@code x-api-key: keystring:shared_secret} on every call: see {@link #etsy}.
 */
public final class ApiKeyAuth implements AuthScheme {

    /** Where the key travels. */
    public enum Location { HEADER, QUERY_PARAMETER }

    private final Location location;
    private final String name;
    private final String value;

    private ApiKeyAuth(Location location, String name, String value) {
        this.location = location;
        this.name = requireText(name, "API key name");
        this.value = requireText(value, "API key value");
    }

    /** The key in a request header, e.g. {@code header("x-api-key", key)}. */
    public static ApiKeyAuth header(String headerName, String key) {
        return new ApiKeyAuth(Location.HEADER, headerName, key);
    }

    /** The key as a query parameter, for platforms that cannot read it from a header. */
    public static ApiKeyAuth queryParameter(String parameterName, String key) {
        return new ApiKeyAuth(Location.QUERY_PARAMETER, parameterName, key);
    }

    /**
     * Etsy Open API v3: header {@code x-api-key} with the app's keystring and shared secret joined by a colon.
     *
     * @param keystring    the app's keystring (its OAuth client id)
     * @param sharedSecret the app's shared secret
     * @return the scheme
     */
    public static ApiKeyAuth etsy(String keystring, String sharedSecret) {
        return header("x-api-key", requireText(keystring, "Etsy keystring") + ":"
                + requireText(sharedSecret, "Etsy shared secret"));
    }

    @Override
    public void authorize(Request.Builder request) {
        if (location == Location.HEADER) {
            request.header(name, value);
            return;
        }
        HttpUrl url = request.build().url();
        request.url(url.newBuilder().setQueryParameter(name, value).build());
    }

    /** Where the key is sent. */
    public Location location() {
        return location;
    }

    /** The header or query parameter name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ApiKeyAuth{" + location + " " + name + "=****}";
    }

    static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new ConfigurationException(what + " is empty; set it from the platform's developer console",
                    ErrorContext.empty());
        }
        return value;
    }
}
