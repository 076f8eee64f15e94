package io.patternhub.core.auth;

import io.patternhub.core.auth.internal.Secrets;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.Platform;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One authorization attempt: the URL to send the seller to, and what the caller must keep (in its
 * session) until the platform redirects back: the {@link #state()} to check and the PKCE
 * {@link #codeVerifier()} to exchange the code with. The verifier never appears in {@link #toString()}.
 */
public final class AuthorizationRequest {
    private final URI url;
    private final String state;
    private final PkceChallenge pkce;
    private final Platform platform;

    AuthorizationRequest(URI url, String state, PkceChallenge pkce, Platform platform) {
        this.url = Objects.requireNonNull(url, "url");
        this.state = Objects.requireNonNull(state, "state");
        this.pkce = pkce;
        this.platform = platform;
    }

    /** The URL to redirect the seller's browser to. */
    public URI url() {
        return url;
    }

    /** The random {@code state} sent in the URL; the callback must return exactly this value. */
    public String state() {
        return state;
    }

    /** The PKCE pair, when PKCE is enabled. */
    public Optional<PkceChallenge> pkce() {
        return Optional.ofNullable(pkce);
    }

    /** The PKCE code verifier to pass to {@link OAuth2Client#exchangeCode}, when PKCE is enabled. */
    public Optional<String> codeVerifier() {
        return pkce().map(PkceChallenge::verifier);
    }

    /**
     * Whether the {@code state} the callback returned is this request's, compared in constant time.
     *
     * @param returnedState the {@code state} query parameter of the callback; may be {@code null}
     * @return {@code true} if it matches
     */
    public boolean stateMatches(String returnedState) {
        return returnedState != null && Secrets.constantTimeEquals(state, returnedState);
    }

    /**
     * Checks the callback's {@code state}; a mismatch means the callback does not belong to this request
     * (a forged or stale callback) and must not be exchanged.
     *
     * @param returnedState the {@code state} query parameter of the callback
     * @throws AuthenticationException if it does not match
     */
    public void verifyState(String returnedState) {
        if (!stateMatches(returnedState)) {
            throw new AuthenticationException("OAuth callback state does not match the authorization request "
                    + "(forged or stale callback); start the authorization again",
                    ErrorContext.builder().platform(platform).platformErrorCode("state_mismatch").build());
        }
    }

    @Override
    public String toString() {
        return "AuthorizationRequest{url=" + url + ", pkce=" + (pkce != null) + "}";
    }
}
