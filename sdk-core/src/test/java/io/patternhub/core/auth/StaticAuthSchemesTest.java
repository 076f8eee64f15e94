package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class StaticAuthSchemesTest {

    private static Request authorized(AuthScheme scheme, String url) {
        Request.Builder builder = new Request.Builder().url(url);
        scheme.authorize(builder);
        return builder.build();
    }

    @Test
    void etsyApiKeyJoinsKeystringAndSharedSecret() {
        Request request = authorized(ApiKeyAuth.etsy("keystr", "shh"), "https://openapi.etsy.com/v3/application/openapi-ping");

        assertThat(request.header("x-api-key")).isEqualTo("keystr:shh");
        assertThat(ApiKeyAuth.etsy("keystr", "shh").toString()).doesNotContain("shh").doesNotContain("keystr:");
    }

    @Test
    void queryParameterKeyKeepsOtherParameters() {
        Request request = authorized(ApiKeyAuth.queryParameter("consumer_key", "ck_1"),
                "https://shop.example/wp-json/wc/v3/orders?page=2");

        assertThat(request.url().queryParameter("consumer_key")).isEqualTo("ck_1");
        assertThat(request.url().queryParameter("page")).isEqualTo("2");
        assertThat(request.header("consumer_key")).isNull();
    }

    @Test
    void basicAuthEncodesUserAndPasswordInUtf8() {
        Request request = authorized(BasicAuth.of("ck_abc", "cs_déf"), "https://shop.example/wp-json/wc/v3/orders");

        String expected = "Basic " + Base64.getEncoder().encodeToString("ck_abc:cs_déf".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Authorization")).isEqualTo(expected);
        assertThat(BasicAuth.of("ck_abc", "cs_déf").toString()).doesNotContain("cs_");
    }

    @Test
    void badCredentialsAreConfigurationErrors() {
        assertThatThrownBy(() -> BasicAuth.of("a:b", "c")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ApiKeyAuth.header("x-api-key", " ")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(CompositeAuth::of).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void compositeAppliesAllPartsAndAsksEachToRenew() {
        AtomicInteger renewals = new AtomicInteger();
        AuthScheme renewing = new AuthScheme() {
            @Override
            public void authorize(Request.Builder request) {
                request.header("Authorization", "Bearer t" + renewals.get());
            }

            @Override
            public boolean renewAfterUnauthorized(Response unauthorized) {
                renewals.incrementAndGet();
                return true;
            }
        };
        CompositeAuth etsy = CompositeAuth.of(ApiKeyAuth.etsy("k", "s"), renewing);

        Request request = authorized(etsy, "https://openapi.etsy.com/v3/application/shops/1");
        assertThat(request.header("x-api-key")).isEqualTo("k:s");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t0");

        Response unauthorized = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(401)
                .message("Unauthorized").build();
        assertThat(etsy.renewAfterUnauthorized(unauthorized)).isTrue();
        assertThat(authorized(etsy, "https://openapi.etsy.com/").header("Authorization")).isEqualTo("Bearer t1");
        assertThat(CompositeAuth.of(ApiKeyAuth.etsy("k", "s")).renewAfterUnauthorized(unauthorized)).isFalse();
    }
}
