package io.patternhub.support.llm.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.http.ErrorMapper;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RetrySettings;
import java.time.Duration;

/** Builds the {@link HttpTransport} an LLM client uses. */
public final class ChatTransports {
    private ChatTransports() {
    }

    public static HttpTransport build(String baseUrl, AuthScheme auth, Duration timeout, RetrySettings retry,
            ErrorMapper errorMapper, String requestIdHeader) {
        return HttpTransport.builder()
                .platform(Platform.SUPPORT)
                .baseUrl(baseUrl)
                .auth(auth)
                .connectTimeout(Duration.ofSeconds(10).compareTo(timeout) < 0 ? Duration.ofSeconds(10) : timeout)
                .readTimeout(timeout)
                .callTimeout(timeout)
                .retry(retry)
                .errorMapper(errorMapper)
                .requestIdHeader(requestIdHeader)
                .userAgent("patternhub-ai-support")
                .build();
    }
}
