package io.patternhub.core.http;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from text before it is logged: credential headers, credential
 * query and form parameters, JSON fields with credential names, bearer tokens and e-mail addresses.
 * Immutable and thread-safe; reuse it anywhere something might be logged.
 */
public final class Redactor {
    /** What replaces a redacted value. */
    public static final String MASK = "REDACTED";

    private static final Set<String> DEFAULT_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "x-shopify-access-token", "cookie", "set-cookie", "x-wc-webhook-signature", "x-shopify-hmac-sha256",
            "intuit-signature", "x-xero-signature", "webhook-signature");
    private static final Set<String> DEFAULT_PARAMS = Set.of("access_token", "refresh_token", "client_secret", "code",
            "id_token", "api_key", "apikey", "key", "token", "password", "secret", "consumer_key", "consumer_secret",
            "code_verifier", "signature", "client_assertion", "email");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");

    private static final Redactor DEFAULTS = builder().build();

    private final Set<String> headers;
    private final Set<String> params;
    private final Pattern paramPattern;
    private final Pattern jsonFieldPattern;

    private Redactor(Builder b) {
        this.headers = Set.copyOf(b.headers);
        this.params = Set.copyOf(b.params);
        String names = String.join("|", b.params.stream().map(Pattern::quote).toList());
        // name=value in URLs and form bodies; the name must not be preceded by a word character.
        this.paramPattern = Pattern.compile("(?i)(?<![A-Za-z0-9_])(" + names + ")=([^&\\s#\"']*)");
        // "name": "value" in JSON
        this.jsonFieldPattern = Pattern.compile("(?i)\"(" + names + ")\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");
    }

    /** The default redactor. */
    public static Redactor defaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults; add platform-specific names. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the value of header {@code name} is a secret. */
    public boolean isSensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return headers.contains(n) || n.contains("token") || n.contains("secret") || n.contains("api-key");
    }

    /** The header value to log: {@link #MASK} for sensitive headers, else the value with e-mails removed. */
    public String header(String name, String value) {
        return isSensitiveHeader(name) ? MASK : text(value);
    }

    /** A URL with sensitive query parameter values and e-mail addresses masked. */
    public String url(String url) {
        return text(url);
    }

    /** Free text (a URL, a form body, JSON, an error message) with every known secret masked. */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replaceKeepingName(paramPattern, text, "=");
        out = jsonFieldPattern.matcher(out).replaceAll(m -> Matcher.quoteReplacement("\"" + m.group(1) + "\":\"" + MASK + "\""));
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        out = EMAIL.matcher(out).replaceAll(MASK); // also matches %40, an encoded '@' in URLs
        return out;
    }

    private static String replaceKeepingName(Pattern pattern, String text, String separator) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + separator + MASK));
    }

    /** The parameter names this redactor masks, lower case. */
    public Set<String> sensitiveParameters() {
        return params;
    }

    /** Builds a {@link Redactor}. */
    public static final class Builder {
        private final Set<String> headers = new TreeSet<>(DEFAULT_HEADERS);
        private final Set<String> params = new TreeSet<>(DEFAULT_PARAMS);

        private Builder() {
        }

        /** Also masks these headers (case-insensitive). */
        public Builder sensitiveHeaders(Collection<String> names) {
            names.forEach(n -> headers.add(n.toLowerCase(Locale.ROOT)));
            return this;
        }

        /** Also masks these query, form and JSON field names (case-insensitive). */
        public Builder sensitiveParameters(Collection<String> names) {
            names.forEach(n -> params.add(n.toLowerCase(Locale.ROOT)));
            return this;
        }

        public Redactor build() {
            return new Redactor(this);
        }
    }
}
