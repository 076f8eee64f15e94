package io.patternhub.examples.cli.config;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rules for {@code PATTERNHUB_<PLATFORM>_BASE_URL}: it replaces the scheme, host and port of a
 * platform's API server, so it may carry no path, query or credentials; {@code https} is required
 * except for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), where a local
 * sandbox or proxy may speak plain {@code http}.
 */
public final class BaseUrls {
    private BaseUrls() {
    }

    /**
     * Validates an override.
     *
     * @param setting the setting's name, for messages
     * @param value   its value
     * @return the origin ({@code scheme://host[:port]}), without a trailing slash
     * @throws ConfigurationException when it breaks a rule
     */
    public static String origin(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw bad(setting, value, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(setting, value, "it must start with https:// (or http:// for a local sandbox)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw bad(setting, value, "it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw bad(setting, value, "credentials do not belong in the URL; use the platform's credential settings");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw bad(setting, value, "it replaces only scheme, host and port; the platform's paths stay as they are,"
                    + " so give no path (e.g. https://proxy.example:8443)");
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw bad(setting, value, "plain http is accepted only for loopback hosts (localhost, 127.0.0.1, ::1);"
                    + " use https for " + host);
        }
        return scheme + "://" + uri.getRawAuthority();
    }

    /**
     * Replaces the scheme, host and port of {@code url} with an override's, keeping its path.
     *
     * @param url    a platform URL, e.g. {@code https://shop.example/blog}
     * @param origin a validated origin from {@link #origin}
     * @return the rewritten URL
     */
    public static String rebase(String url, String origin) {
        URI u = URI.create(url);
        String rest = (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return origin + (rest.equals("/") ? "" : rest);
    }

    /**
     * Whether a host names the loopback interface, judged from its spelling only (no DNS lookup).
     *
     * @param host a URI host
     * @return true for {@code localhost}, {@code 127.x.x.x} and {@code ::1}
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static ConfigurationException bad(String setting, String value, String why) {
        return new ConfigurationException(setting + "='" + value + "' is refused: " + why, ErrorContext.empty());
    }
}
