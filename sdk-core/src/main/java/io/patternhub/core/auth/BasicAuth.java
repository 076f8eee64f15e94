package io.patternhub.core.auth;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.Request;

/**
 * HTTP Basic authentication ({@code Authorization: Basic base64(user:password)}, UTF-8). Used for
 * WooCommerce REST keys (consumer key and secret over HTTPS) and Ravelry personal or read-only keys.
 * Immutable and thread-safe; the password never appears in {@link #toString()}.
 */
public final class BasicAuth implements AuthScheme {
    private final String user;
    private final String headerValue;

    private BasicAuth(String user, String password) {
        this.user = ApiKeyAuth.requireText(user, "Basic auth user");
        this.headerValue = Credentials.basic(user, ApiKeyAuth.requireText(password, "Basic auth password"),
                StandardCharsets.UTF_8);
    }

    /**
     * Basic credentials.
     *
     * @param user     the user name or key (a WooCommerce {@code ck_...} key, a Ravelry access key)
     * @param password the password or secret (a WooCommerce {@code cs_...} secret, a Ravelry personal key)
     * @return the scheme
     */
    public static BasicAuth of(String user, String password) {
        if (user != null && user.indexOf(':') >= 0) {
            throw new ConfigurationException(
                    "Basic auth user must not contain ':' (it separates user and password)",
                    ErrorContext.empty());
        }
        return new BasicAuth(user, password);
    }

    @Override
    public void authorize(Request.Builder request) {
        request.header("Authorization", headerValue);
    }

    /** The user name (not secret). */
    public String user() {
        return user;
    }

    @Override
    public String toString() {
        return "BasicAuth{user=" + user + ", password=****}";
    }
}
