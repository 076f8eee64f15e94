package io.patternhub.examples.cli.connect;

import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.auth.TokenStore;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.config.BaseUrls;
import io.patternhub.examples.cli.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads one platform's settings ({@code PATTERNHUB_<PLATFORM>_<NAME>}) and checks they are complete.
 */
public final class Credentials {
    private final String platform;
    private final Settings settings;
    private final Supplier<HubTokenStore> tokenStore;

    /**
     * @param platform   the platform's setting infix, e.g. {@code ETSY}
     * @param settings   the settings
     * @param tokenStore the hub's encrypted token store (opened only when a refresh token is configured)
     */
    public Credentials(String platform, Settings settings, Supplier<HubTokenStore> tokenStore) {
        this.platform = platform.toUpperCase(Locale.ROOT);
        this.settings = settings;
        this.tokenStore = tokenStore;
    }

    /** @return the full setting name, e.g. {@code PATTERNHUB_ETSY_API_KEY} */
    public String name(String suffix) {
        return Settings.PREFIX + platform + "_" + suffix;
    }

    /** @return the setting's value, if set */
    public Optional<String> get(String suffix) {
        return settings.get(name(suffix));
    }

    /** @return whether any of these settings is present (the platform is then meant to be enabled) */
    public boolean anyPresent(String... suffixes) {
        for (String s : suffixes) {
            if (get(s).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param display the platform's display name
     * @param needed  the settings that must all be present
     * @throws ConfigurationException naming every missing setting
     */
    public void requireAll(String display, String... needed) {
        List<String> missing = new ArrayList<>();
        for (String s : needed) {
            if (get(s).isEmpty()) {
                missing.add(name(s));
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException(display + " is only partly configured: set " + String.join(", ", missing)
                    + " (environment or patternhub.yaml), or remove its other settings", ErrorContext.empty());
        }
    }

    /** @return a required value */
    public String require(String suffix, String why) {
        return settings.require(name(suffix), why);
    }

    /** @return a whole-number value, if set */
    public Optional<Long> getLong(String suffix) {
        return settings.getLong(name(suffix));
    }

    /**
     * The base URL override's origin, validated, if set.
     *
     * @return {@code scheme://host[:port]}
     */
    public Optional<String> baseUrlOverride() {
        return get("BASE_URL").map(v -> BaseUrls.origin(name("BASE_URL"), v));
    }

    /**
     * The token from {@code ..._ACCESS_TOKEN} and {@code ..._REFRESH_TOKEN}.
     *
     * @return the configured token, if either is set
     */
    public Optional<OAuthToken> configuredToken() {
        Optional<String> access = get("ACCESS_TOKEN");
        Optional<String> refresh = get("REFRESH_TOKEN");
        if (access.isEmpty() && refresh.isEmpty()) {
            return Optional.empty();
        }
        // no access token yet: a placeholder (a token must have one) marked expired, so the first call refreshes
        OAuthToken.Builder b = OAuthToken.builder().accessToken(access.orElse("none-yet")).tokenType("Bearer");
        refresh.ifPresent(b::refreshToken);
        if (access.isEmpty()) {
            b.expiresAt(java.time.Instant.EPOCH);
        }
        return Optional.of(b.build());
    }

    /**
     * The hub's token store with the configured token stored in it, for a refreshing connection.
     *
     * @param connectionId the connection's id in the store
     * @param token        the configured token
     * @return the store
     */
    public TokenStore seededTokenStore(String connectionId, OAuthToken token) {
        HubTokenStore store = tokenStore.get();
        store.seed(connectionId, token);
        return store;
    }
}
