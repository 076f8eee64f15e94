package io.patternhub.testkit.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WooCommerceSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();
    private WooCommerceSandbox woo;

    @BeforeEach
    void start() {
        woo = WooCommerceSandbox.builder().build().start();
    }

    @AfterEach
    void stop() {
        woo.close();
    }

    private Response call(String method, String path, String body) throws IOException {
        Request.Builder r = new Request.Builder().url(woo.baseUrl() + path)
                .header("Authorization", Credentials.basic(woo.consumerKey(), woo.consumerSecret()));
        r.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        return http.newCall(r.build()).execute();
    }

    @Test
    void aRequestThatBreaksTheSpecIsRefusedInWooCommercesErrorShape() throws IOException {
        try (Response r = call("GET", "/wp-json/wc/v3/orders?status=shipped", null)) {
            assertThat(r.code()).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body().string());
            assertThat(body.path("code").asText()).isEqualTo("rest_invalid_param");
            assertThat(body.path("data").path("status").asInt()).isEqualTo(400);
        }
        assertThat(woo.rejectedRequests()).hasSize(1);
    }

    @Test
    void aBatchOfMoreThanAHundredIsRefusedWith413() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            items.append(i == 0 ? "" : ",").append("{\"name\":\"P").append(i).append("\"}");
        }
        try (Response r = call("POST", "/wp-json/wc/v3/products/batch", "{\"create\":[" + items + "]}")) {
            assertThat(r.code()).isEqualTo(413);
            assertThat(JSON.readTree(r.body().string()).path("code").asText())
                    .isEqualTo("woocommerce_rest_request_entity_too_large");
        }
        assertThat(woo.products()).isEmpty();
    }

    @Test
    void listsCarryTotalsAndLinks() throws IOException {
        for (int i = 0; i < 25; i++) {
            woo.addProduct("P" + i, "S" + i, "1.00");
        }
        try (Response r = call("GET", "/wp-json/wc/v3/products?per_page=10&page=2", null)) {
            assertThat(r.header("X-WP-Total")).isEqualTo("25");
            assertThat(r.header("X-WP-TotalPages")).isEqualTo("3");
            java.util.Map<String, String> links = io.patternhub.core.paging.LinkHeader.parse(java.util.List.of(r.header("Link")));
            assertThat(okhttp3.HttpUrl.get(links.get("next")).queryParameter("page")).isEqualTo("3");
            assertThat(okhttp3.HttpUrl.get(links.get("prev")).queryParameter("page")).isEqualTo("1");
            assertThat(okhttp3.HttpUrl.get(links.get("next")).queryParameter("per_page")).isEqualTo("10");
            assertThat(JSON.readTree(r.body().string()).size()).isEqualTo(10);
        }
        try (Response r = call("GET", "/wp-json/wc/v3/products?per_page=101", null)) {
            assertThat(r.code()).isEqualTo(400);
        }
    }

    @Test
    void unknownKeysAre401() throws IOException {
        Request r = new Request.Builder().url(woo.baseUrl() + "/wp-json/wc/v3/products")
                .header("Authorization", Credentials.basic("ck_nope", "cs_nope")).build();
        try (Response response = http.newCall(r).execute()) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(JSON.readTree(response.body().string()).path("code").asText())
                    .isEqualTo("woocommerce_rest_authentication_error");
        }
    }

    @Test
    void movingAnOrderIntoCompletedGrantsOnceUnlessTheFlagIsCleared() {
        long product = woo.addProduct("Tee", "TEE", "5.00", "https://f.example/tee.pdf");
        long order = woo.addOrder(WooOrderSeed.builder("EUR").status("pending").line(product, 1, "5.00").build());
        assertThat(woo.permissions(order)).isEmpty();
        woo.setOrderStatus(order, "completed");
        assertThat(woo.permissions(order)).hasSize(1);
        woo.setOrderStatus(order, "processing");
        woo.setOrderStatus(order, "completed");
        assertThat(woo.permissions(order)).hasSize(1);
        assertThat(woo.order(order).orElseThrow().permissionsGranted()).isTrue();
    }
}
