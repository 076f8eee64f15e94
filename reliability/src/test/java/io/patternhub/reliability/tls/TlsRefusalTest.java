package io.patternhub.reliability.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.accounting.quickbooks.QuickBooksLedger;
import io.patternhub.accounting.xero.XeroLedger;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.Platform;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.ravelry.RavelryStorefront;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.support.helpdesk.zendesk.ZendeskHelpdesk;
import io.patternhub.support.llm.AnthropicChatModel;
import io.patternhub.support.llm.OpenAiCompatibleChatModel;
import io.patternhub.woocommerce.WooCommerceStorefront;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client builder refuses a plain-http base URL on a non-loopback host (credentials would cross
 * the network in clear), and still accepts https anywhere and http on loopback (sandboxes, local
 * proxies).
 */
class TlsRefusalTest {
    /** Builds one client against {@code baseUrl}; returns it so the test can close it. */
    private record Client(String name, Function<String, AutoCloseable> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Client> clients() {
        return List.of(
                new Client("HttpTransport", url -> {
                    HttpTransport t = HttpTransport.builder().platform(Platform.ETSY).baseUrl(url).build();
                    return t::close;
                }),
                new Client("Etsy", url -> EtsyStorefront.builder().shopId(1).apiKey("key:secret").accessToken("t")
                        .baseUrl(url).taxonomyId(2078).build()),
                new Client("Shopify", url -> ShopifyStorefront.builder().shopDomain("knit.myshopify.com").baseUrl(url)
                        .accessToken("shpat_x").clientSecret("s").build()),
                new Client("Ravelry", url -> RavelryStorefront.builder().storeId(1).accessToken("t").baseUrl(url)
                        .build()),
                new Client("WooCommerce", url -> WooCommerceStorefront.builder().siteUrl(url)
                        .credentials("ck_x", "cs_x").currency("EUR")
                        .fileUrls(f -> URI.create("https://files.example/" + f.name())).build()),
                new Client("Xero", url -> XeroLedger.builder().baseUrl(url).identityBaseUrl("https://identity.example")
                        .auth(ApiKeyAuth.header("Authorization", "Bearer t")).tenantId("t-1").build()),
                new Client("Xero identity", url -> XeroLedger.builder().baseUrl("https://api.example/api.xro/2.0")
                        .identityBaseUrl(url).auth(ApiKeyAuth.header("Authorization", "Bearer t")).build()),
                new Client("QuickBooks", url -> QuickBooksLedger.builder().baseUrl(url).realmId("9130")
                        .auth(ApiKeyAuth.header("Authorization", "Bearer t")).build()),
                new Client("Zendesk", url -> {
                    ZendeskHelpdesk z = ZendeskHelpdesk.builder().baseUrl(url).oauthToken("t").build();
                    return () -> { };
                }),
                new Client("OpenAI-compatible", url -> {
                    OpenAiCompatibleChatModel m = OpenAiCompatibleChatModel.builder().baseUrl(url).apiKey("k")
                            .model("m").build();
                    return () -> { };
                }),
                new Client("Anthropic", url -> {
                    AnthropicChatModel m = AnthropicChatModel.builder().baseUrl(url).apiKey("k").model("m").build();
                    return () -> { };
                }));
    }

    static List<Arguments> refusedCases() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (Client c : clients()) {
            for (String url : List.of("http://api.example.com", "http://10.0.0.7:8080/api", "http://shop.example.org/")) {
                cases.add(Arguments.of(c, url));
            }
        }
        return cases;
    }

    static List<Arguments> acceptedCases() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (Client c : clients()) {
            for (String url : List.of("https://api.example.com", "http://127.0.0.1:8080", "http://localhost:9000",
                    "http://[::1]:8080")) {
                cases.add(Arguments.of(c, url));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("refusedCases")
    void plainHttpToARemoteHostIsRefused(Client client, String url) {
        assertThatThrownBy(() -> client.build().apply(url).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageFindingMatch("(?i)https")
                .hasMessageContaining(okhttp3.HttpUrl.get(url).host());
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("acceptedCases")
    void httpsAnywhereAndHttpOnLoopbackAreAccepted(Client client, String url) {
        assertThatCode(() -> client.build().apply(url).close()).doesNotThrowAnyException();
        assertThat(url).matches("https://.*|http://(127\\.0\\.0\\.1|localhost|\\[::1]).*");
    }
}
