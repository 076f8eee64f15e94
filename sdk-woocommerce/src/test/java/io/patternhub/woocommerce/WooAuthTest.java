package io.patternhub.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WooAuthTest {
    private WooCommerceSandbox woo;

    @BeforeEach
    void start() {
        woo = WooTestSupport.sandbox();
    }

    @AfterEach
    void stop() {
        woo.close();
    }

    @Test
    void plainHttpToARemoteHostIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> WooCommerceStorefront.builder().siteUrl("http://shop.example"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("HTTPS");
        assertThatThrownBy(() -> WooCommerceStorefront.builder().siteUrl("http://10.0.0.7:8080"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WooCommerceStorefront.builder().siteUrl("ftp://shop.example"))
                .isInstanceOf(ConfigurationException.class);
        assertThat(WooCommerceStorefront.builder().siteUrl("https://shop.example")).isNotNull();
        assertThat(WooCommerceStorefront.builder().siteUrl("http://localhost:8080")).isNotNull();
        assertThat(WooCommerceStorefront.builder().siteUrl("http://[::1]:8080")).isNotNull();
        assertThatThrownBy(() -> WooCommerceStorefront.builder().credentials("key", "secret"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void wrongKeysAreAnAuthenticationError() {
        try (WooCommerceStorefront shop = WooTestSupport.storefront(woo)
                .credentials("ck_wrong", woo.consumerSecret()).build()) {
            assertThatThrownBy(() -> shop.listings().count()).isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(((AuthenticationException) e).context().platformErrorCode())
                            .contains("woocommerce_rest_authentication_error"));
        }
    }

    @Test
    void keyProvisioningIssuesKeysThatWork() throws Exception {
        try (MockWebServer app = new MockWebServer()) {
            app.enqueue(new MockResponse().setResponseCode(200));
            app.start();
            WooCommerceKeyProvisioning.Request pending = WooCommerceKeyProvisioning.authorizeUrl(woo.baseUrl(),
                    "PatternHub", WooCommerceKeyProvisioning.Scope.READ_WRITE, URI.create("https://hub.example/done"),
                    app.url("/woo/keys").uri());
            assertThat(pending.url().getPath()).isEqualTo("/wc-auth/v1/authorize");
            assertThat(pending.url().getRawQuery()).contains("scope=read_write").contains("user_id=" + pending.userId());

            OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
            try (Response r = browser.newCall(new Request.Builder().url(pending.url().toString()).build()).execute()) {
                assertThat(r.code()).isEqualTo(302);
                assertThat(r.header("Location")).isEqualTo("https://hub.example/done?success=1&user_id="
                        + pending.userId());
            }
            RecordedRequest callback = app.takeRequest(5, TimeUnit.SECONDS);
            byte[] body = callback.getBody().readByteArray();
            WooCommerceKeys keys = WooCommerceKeyProvisioning.parseCallback(pending, body);
            assertThat(keys.permissions()).isEqualTo("read_write");
            assertThat(keys.toString()).doesNotContain(keys.consumerSecret());
            assertThat(woo.acceptsKeys(keys.consumerKey(), keys.consumerSecret())).isTrue();

            try (WooCommerceStorefront shop = WooTestSupport.storefront(woo).credentials(keys).build()) {
                assertThat(shop.listings().count()).isZero();
            }

            WooCommerceKeyProvisioning.Request other = WooCommerceKeyProvisioning.authorizeUrl(woo.baseUrl(),
                    "PatternHub", WooCommerceKeyProvisioning.Scope.READ_WRITE, URI.create("https://hub.example/done"),
                    app.url("/woo/keys").uri());
            assertThatThrownBy(() -> WooCommerceKeyProvisioning.parseCallback(other, body))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("user_id");
            WooCommerceKeyProvisioning.Request readOnly = new WooCommerceKeyProvisioning.Request(pending.url(),
                    pending.userId(), WooCommerceKeyProvisioning.Scope.READ);
            assertThatThrownBy(() -> WooCommerceKeyProvisioning.parseCallback(readOnly, body))
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> WooCommerceKeyProvisioning.parseCallback(pending,
                    "not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void theCallbackMustBeHttps() {
        assertThatThrownBy(() -> WooCommerceKeyProvisioning.authorizeUrl("https://shop.example", "PatternHub",
                WooCommerceKeyProvisioning.Scope.READ, URI.create("https://hub.example/done"),
                URI.create("http://hub.example/keys"))).isInstanceOf(ConfigurationException.class);
    }
}
