package io.patternhub.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.patternhub.core.error.InvalidRequestException;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactionTest extends TransportTestSupport {
    private final Logger logger = (Logger) LoggerFactory.getLogger(HttpTransport.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    private String logged() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void logsCarryNoTokensSecretsOrEmails() {
        server.enqueue(new MockResponse().setBody("{}"));
        server.enqueue(new MockResponse().setResponseCode(400).setBody(
                "{\"error\":\"buyer jane.doe@example.com rejected, client_secret=cs_live_SECRET9 invalid\"}"));
        HttpTransport t = transport(b -> b.auth(r -> r.header("Authorization", "Bearer tok_ABC123")
                .header("x-api-key", "keystring:sharedSECRET")
                .header("X-Shopify-Access-Token", "shpat_TOKEN42")));

        t.execute(ApiRequest.builder(HttpMethod.GET, "/oauth/callback")
                .query("code", "AUTHCODE77").query("access_token", "at_TOKEN55")
                .query("email", "buyer@example.org").query("shop_id", 42).build());
        assertThatThrownBy(() -> t.execute(ApiRequest.builder(HttpMethod.POST, "/receipts")
                .query("refresh_token", "rt_REFRESH88").jsonBody(List.of()).build()))
                .isInstanceOf(InvalidRequestException.class);

        String log = logged();
        assertThat(log).contains("GET").contains("/oauth/callback").contains("shop_id=42").contains("-> 200")
                .contains("POST").contains(Redactor.MASK);
        assertThat(log).doesNotContain("tok_ABC123", "sharedSECRET", "shpat_TOKEN42", "AUTHCODE77", "at_TOKEN55",
                "buyer@example.org", "buyer%40example.org", "rt_REFRESH88", "jane.doe@example.com",
                "cs_live_SECRET9");
    }

    @Test
    void redactorMasksKnownShapes() {
        Redactor r = Redactor.defaults();
        assertThat(r.url("https://x.test/cb?code=abc&state=s1&client_secret=zzz"))
                .isEqualTo("https://x.test/cb?code=REDACTED&state=s1&client_secret=REDACTED");
        assertThat(r.text("{\"access_token\": \"eyJabc\", \"scope\": \"read\"}"))
                .isEqualTo("{\"access_token\":\"REDACTED\", \"scope\": \"read\"}");
        assertThat(r.text("Authorization: Bearer abc.def-ghi")).isEqualTo("Authorization: Bearer REDACTED");
        assertThat(r.text("mail ann+knits@yarn.co.uk now")).isEqualTo("mail REDACTED now");
        assertThat(r.header("X-Shopify-Access-Token", "shpat_1")).isEqualTo(Redactor.MASK);
        assertThat(r.header("Content-Type", "application/json")).isEqualTo("application/json");
        assertThat(r.text("barcode=123")).isEqualTo("barcode=123");
        Redactor custom = Redactor.builder().sensitiveParameters(List.of("shop_secret")).build();
        assertThat(custom.text("shop_secret=1&x=2")).isEqualTo("shop_secret=REDACTED&x=2");
    }
}
