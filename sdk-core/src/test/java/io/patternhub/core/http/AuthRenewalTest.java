package io.patternhub.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.AuthenticationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

class AuthRenewalTest extends TransportTestSupport {

    /** A bearer scheme whose token is replaced when renewal is allowed. */
    private static final class RenewingBearer implements AuthScheme {
        final AtomicReference<String> token = new AtomicReference<>("old-token");
        final AtomicInteger renewals = new AtomicInteger();
        final boolean canRenew;
        volatile int refusedStatus;

        RenewingBearer(boolean canRenew) {
            this.canRenew = canRenew;
        }

        @Override
        public void authorize(Request.Builder request) {
            request.header("Authorization", "Bearer " + token.get());
        }

        @Override
        public boolean renewAfterUnauthorized(Response unauthorized) {
            renewals.incrementAndGet();
            refusedStatus = unauthorized.code();
            if (canRenew) {
                token.set("new-token");
            }
            return canRenew;
        }
    }

    @Test
    void renewsOnceAndRetries() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(401));
        server.enqueue(new MockResponse().setBody("{\"shop\":1}"));
        RenewingBearer auth = new RenewingBearer(true);

        ApiResponse response = transport(b -> b.auth(auth)).execute(ApiRequest.get("/me"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(auth.renewals).hasValue(1);
        assertThat(auth.refusedStatus).isEqualTo(401);
        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer old-token");
        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer new-token");
    }

    @Test
    void secondUnauthorizedIsAuthenticationException() {
        server.enqueue(new MockResponse().setResponseCode(401));
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":\"invalid_token\"}"));
        server.enqueue(new MockResponse().setBody("{}"));
        RenewingBearer auth = new RenewingBearer(true);

        assertThatThrownBy(() -> transport(b -> b.auth(auth)).execute(ApiRequest.get("/me")))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.attempts()).isEqualTo(2);
                });
        assertThat(auth.renewals).hasValue(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void refusedRenewalFailsWithoutResending() {
        server.enqueue(new MockResponse().setResponseCode(401));
        RenewingBearer auth = new RenewingBearer(false);

        assertThatThrownBy(() -> transport(b -> b.auth(auth)).execute(ApiRequest.get("/me")))
                .isInstanceOf(AuthenticationException.class);
        assertThat(auth.renewals).hasValue(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
