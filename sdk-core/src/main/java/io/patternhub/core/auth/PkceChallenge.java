package io.patternhub.core.auth;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE pair (RFC 7636) with the {@code S256} method: a secret code verifier kept by the caller until
 * the callback, and the challenge {@code BASE64URL(SHA-256(verifier))} sent in the authorization URL.
 * The verifier never appears in {@link #toString()}.
 */
public final class PkceChallenge {
    /** The only method PatternHub sends; {@code plain} offers no protection. */
    public static final String METHOD = "S256";

    private static final int MIN_LENGTH = 43;
    private static final int MAX_LENGTH = 128;
    /** 32 random bytes encode to 43 base64url characters, the RFC's recommended minimum entropy. */
    private static final int RANDOM_BYTES = 32;

    private final String verifier;
    private final String challenge;

    private PkceChallenge(String verifier) {
        this.verifier = verifier;
        this.challenge = challengeOf(verifier);
    }

    /**
     * A new pair with 256 bits of randomness.
     *
     * @param random the source of randomness
     * @return the pair
     */
    public static PkceChallenge generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new PkceChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The pair for a verifier the caller already has (for example one restored from a session).
     *
     * @param verifier 43 to 128 characters of {@code [A-Z] [a-z] [0-9] - . _ ~}
     * @return the pair
     * @throws ConfigurationException if the verifier breaks RFC 7636 section 4.1
     */
    public static PkceChallenge fromVerifier(String verifier) {
        Objects.requireNonNull(verifier, "verifier");
        if (verifier.length() < MIN_LENGTH || verifier.length() > MAX_LENGTH) {
            throw new ConfigurationException("PKCE code verifier must be 43 to 128 characters, was "
                    + verifier.length(), ErrorContext.empty());
        }
        for (int i = 0; i < verifier.length(); i++) {
            if (!isUnreserved(verifier.charAt(i))) {
                throw new ConfigurationException("PKCE code verifier has a character outside RFC 7636's "
                        + "alphabet at index " + i, ErrorContext.empty());
            }
        }
        return new PkceChallenge(verifier);
    }

    /** The secret verifier, sent only to the token endpoint. */
    public String verifier() {
        return verifier;
    }

    /** The challenge sent in the authorization URL. */
    public String challenge() {
        return challenge;
    }

    /** Always {@value #METHOD}. */
    public String method() {
        return METHOD;
    }

    @Override
    public String toString() {
        return "PkceChallenge{method=S256, challenge=" + challenge + ", verifier=****}";
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
