package io.patternhub.examples.cli;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.examples.cli.config.BaseUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaseUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:9000", "http://127.3.4.5", "http://[::1]:7000",
            "http://shop.localhost:81"})
    void plainHttpIsAcceptedForLoopbackHosts(String url) {
        assertThat(BaseUrls.origin("PATTERNHUB_ETSY_BASE_URL", url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://openapi.etsy.com", "http://10.0.0.5:8080", "http://127.0.0.1.evil.example",
            "http://128.0.0.1", "http://localhost.evil.example"})
    void plainHttpIsRefusedForOtherHosts(String url) {
        assertThatThrownBy(() -> BaseUrls.origin("PATTERNHUB_ETSY_BASE_URL", url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PATTERNHUB_ETSY_BASE_URL")
                .hasMessageContaining("plain http is accepted only for loopback hosts");
    }

    @Test
    void httpsAnywhereIsAcceptedAndATrailingSlashDropped() {
        assertThat(BaseUrls.origin("X", "https://proxy.example:8443/")).isEqualTo("https://proxy.example:8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://proxy.example/v3/application", "https://proxy.example?x=1", "ftp://proxy.example",
            "https://user:pw@proxy.example", "proxy.example", "https://"})
    void pathsQueriesCredentialsAndOtherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> BaseUrls.origin("PATTERNHUB_XERO_BASE_URL", url))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PATTERNHUB_XERO_BASE_URL");
    }

    @Test
    void rebaseKeepsThePlatformPath() {
        assertThat(BaseUrls.rebase("https://shop.example/wordpress", "http://127.0.0.1:9999"))
                .isEqualTo("http://127.0.0.1:9999/wordpress");
        assertThat(BaseUrls.rebase("https://shop.example/", "http://127.0.0.1:9999")).isEqualTo("http://127.0.0.1:9999");
    }
}
