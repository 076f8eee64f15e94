package io.patternhub.core.auth;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Several schemes applied in order, for platforms that want more than one credential on a request
 * (Etsy: {@code x-api-key} and an OAuth bearer token). After a 401 each part that can renew is asked to.
 */
public final class CompositeAuth implements AuthScheme {
    private final List<AuthScheme> parts;

    private CompositeAuth(List<AuthScheme> parts) {
        this.parts = parts;
    }

    /**
     * Combines schemes; they are applied in the given order.
     *
     * @param parts at least one scheme
     * @return the combined scheme
     */
    public static CompositeAuth of(AuthScheme... parts) {
        List<AuthScheme> list = List.of(parts);
        if (list.isEmpty()) {
            throw new ConfigurationException("CompositeAuth needs at least one scheme", ErrorContext.empty());
        }
        return new CompositeAuth(list);
    }

    @Override
    public void authorize(Request.Builder request) {
        for (AuthScheme part : parts) {
            part.authorize(request);
        }
    }

    /** Asks every part to renew; the request may be retried if any part renewed its credentials. */
    @Override
    public boolean renewAfterUnauthorized(Response unauthorized) {
        boolean renewed = false;
        for (AuthScheme part : parts) {
            renewed |= part.renewAfterUnauthorized(unauthorized);
        }
        return renewed;
    }

    /** The combined schemes, in order. */
    public List<AuthScheme> parts() {
        return parts;
    }

    @Override
    public String toString() {
        return "CompositeAuth" + parts;
    }
}
