package io.patternhub.ravelry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.DefaultErrorMapper;
import io.patternhub.core.http.HttpMethod;

/**
 * Maps Ravelry's errors (the status codes of its "HTTP Status Codes" table; bodies such as
 * {@code {"errors": ["..."]}}) to typed errors: the default mapping by status with Ravelry's message,
 * plus a {@link RavelryPermissionException} for 403 naming the permission the call needs, and a hint
 * for 504 (the response took over 10 seconds: ask for smaller pages). Thread-safe.
 */
public final class RavelryErrorMapper extends DefaultErrorMapper {

    @Override
    public PatternHubException map(ApiResponse response, ErrorContext context) {
        PatternHubException mapped = super.map(response, context);
        String path = pathOnly(response.request().path());
        String said = message(parse(response)).map(m -> ": " + m).orElse("");
        String what = "Ravelry refused " + response.request().method() + " " + path + " with HTTP "
                + response.status() + said + ". ";
        if (response.status() == 403) {
            if (path.endsWith("/purchases.json")) {
                return new RavelryPermissionException(what + "Reading sales needs patternstore-purchases, which"
                        + " Ravelry grants to no OAuth app: connect with the seller's personal key"
                        + " (RavelryStorefront.Builder.personalKey).", mapped.context(), "patternstore-purchases");
            }
            if (isWrite(response.request().method()) && (path.startsWith("/products")
                    || path.startsWith("/product_attachments"))) {
                return new RavelryPermissionException(what + "Writing products and attachments needs"
                        + " patternstore-write, which Ravelry grants only to whitelisted (approved) apps: ask Ravelry"
                        + " to approve the app and reconnect with that scope, or use the seller's personal key.",
                        mapped.context(), "patternstore-write");
            }
            return new RavelryPermissionException(what + "The credentials lack patternstore-read or the store is"
                    + " not administered by this account; reconnect with RavelryOAuth.DEFAULT_SCOPES.",
                    mapped.context(), "patternstore-read");
        }
        if (response.status() == 504) {
            return new ApiException(what + "Ravelry cancels responses that take over 10 seconds; ask for"
                    + " smaller pages (page_size of 100 or less).", mapped.context());
        }
        return mapped;
    }

    private static boolean isWrite(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.DELETE || method == HttpMethod.PUT
                || method == HttpMethod.PATCH;
    }

    private static JsonNode parse(ApiResponse response) {
        try {
            return response.json();
        } catch (PatternHubException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String pathOnly(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int scheme = p.indexOf("://");
        if (scheme >= 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        return p;
    }
}
