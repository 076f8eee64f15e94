package io.patternhub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.etsy.internal.ReceiptNormalizer;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import io.patternhub.testkit.etsy.ReceiptSeed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Order normalization against a raw Jackson tree parse of the same payloads: 200 Etsy receipts (with their
 * payments), fetched once over HTTP from an {@link EtsySandbox} as Etsy's API serves them. One operation
 * handles all 200; the figure is {@code parseAndNormalize} ÷ {@code parseOnly} throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OrderNormalizationJmh {
    private static final int RECEIPTS = 200;

    private final ObjectMapper json = PatternHubJson.newMapper();
    private final ReceiptNormalizer normalizer = new ReceiptNormalizer();
    private final List<byte[]> receipts = new ArrayList<>();
    private final List<byte[]> payments = new ArrayList<>();

    /**
     * Seeds the sandbox and fetches the payloads.
     *
     * @throws IOException when the sandbox cannot be read
     */
    @Setup
    public void fetchPayloads() throws IOException {
        try (EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(100_000).build().start()) {
            etsy.addReceipts(RECEIPTS, i -> ReceiptSeed.builder("EUR").transaction("SKU-" + i, "Pattern " + i, 1, "8.00")
                    .vat("1.52").fees("0.61").build());
            EtsyTokens tokens = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
            OkHttpClient http = new OkHttpClient();
            String shop = etsy.baseUrl().replaceAll("/$", "") + "/v3/application/shops/" + etsy.defaultShopId();
            for (int offset = 0; offset < RECEIPTS; offset += 100) {
                JsonNode page = json.readTree(get(http, etsy, tokens, shop + "/receipts?limit=100&offset=" + offset));
                for (JsonNode receipt : page.path("results")) {
                    receipts.add(json.writeValueAsBytes(receipt));
                    payments.add(get(http, etsy, tokens, shop + "/receipts/" + receipt.path("receipt_id").asText()
                            + "/payments"));
                }
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        if (receipts.size() != RECEIPTS) {
            throw new IllegalStateException("fetched " + receipts.size() + " receipts of " + RECEIPTS);
        }
    }

    private static byte[] get(OkHttpClient http, EtsySandbox etsy, EtsyTokens tokens, String url) throws IOException {
        Request request = new Request.Builder().url(url).header("x-api-key", etsy.keystring() + ":" + etsy.sharedSecret())
                .header("Authorization", "Bearer " + tokens.accessToken()).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("GET " + url + " answered " + response.code() + ": " + response.body().string());
            }
            return response.body().bytes();
        }
    }

    /**
     * Baseline: parse every receipt and its payments page into Jackson trees.
     *
     * @param bh sink
     * @throws IOException never for these payloads
     */
    @Benchmark
    public void parseOnly(Blackhole bh) throws IOException {
        for (int i = 0; i < receipts.size(); i++) {
            bh.consume(json.readTree(receipts.get(i)));
            bh.consume(json.readTree(payments.get(i)));
        }
    }

    /**
     * Parse the same payloads, then normalize each receipt into an {@code Order}.
     *
     * @param bh sink
     * @throws IOException never for these payloads
     */
    @Benchmark
    public void parseAndNormalize(Blackhole bh) throws IOException {
        for (int i = 0; i < receipts.size(); i++) {
            JsonNode receipt = json.readTree(receipts.get(i));
            List<JsonNode> pays = new ArrayList<>();
            json.readTree(payments.get(i)).path("results").forEach(pays::add);
            bh.consume(normalizer.toOrder(receipt, pays));
        }
    }
}
