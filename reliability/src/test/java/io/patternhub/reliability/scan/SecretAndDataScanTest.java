package io.patternhub.reliability.scan;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.patternhub.core.auth.EncryptedFileTokenStore;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.etsy.EtsyOAuth;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.PatternHub;
import io.patternhub.hub.access.GenericOrderWebhook;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.privacy.ErasureReport;
import io.patternhub.hub.privacy.PrivacyService;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole hub flow on a SQLite file with OAuth tokens in the encrypted file store: catalog sync to
 * the Etsy sandbox (with a token refresh), two orders by webhook (one carrying a card number in a
 * free-text field), then the buyer's erasure. Afterwards the database files (main, WAL, shared
 * memory), the token files and every log line (DEBUG and up) hold no plaintext token, key or secret,
 * no card-number-shaped data and no trace of the erased buyer.
 */
class SecretAndDataScanTest {
    static final Path SAMPLE_CATALOG = Path.of("../examples/src/main/resources/io/patternhub/examples/sample-catalog");
    static final String EMAIL = "ann.weaver@example.com";
    static final String NAME = "Ann Weaver";
    static final String CARD = "4111 1111 1111 1111";
    static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("scan-secret-32-bytes-long-key!!!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapture() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Test
    void noSecretCardNumberOrErasedBuyerSurvivesAHubFlow() throws Exception {
        byte[] storeKey = new byte[32];
        new SecureRandom().nextBytes(storeKey);
        Path db = dir.resolve("hub/hub.db");
        Path tokenDir = dir.resolve("tokens");
        List<String> secrets = new ArrayList<>();
        Clock clock = Clock.systemUTC();

        try (EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000).build()
                .start()) {
            EtsyTokens issued = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
            EncryptedFileTokenStore tokens = EncryptedFileTokenStore.builder().directory(tokenDir).key(storeKey)
                    .build();
            EtsyOAuth oauth = EtsyOAuth.builder(etsy.keystring(), URI.create("https://app.example/callback"))
                    .endpoints(EtsyOAuth.AUTHORIZATION_ENDPOINT, etsy.tokenUrl()).build();
            OAuth2AuthScheme auth = oauth.authScheme(tokens, "etsy-shop");
            // Already expired: the first call refreshes, so a rotated pair is written to the store too.
            auth.replaceToken(OAuthToken.builder().accessToken(issued.accessToken())
                    .refreshToken(issued.refreshToken()).expiresAt(Instant.now().minusSeconds(60))
                    .scopes(List.copyOf(issued.scopes())).build());
            EtsyStorefront storefront = EtsyStorefront.builder().shopId(etsy.defaultShopId()).apiKey(etsy.apiKey())
                    .auth(auth).baseUrl(etsy.baseUrl()).taxonomyId(1L).shopCurrency("USD")
                    .rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none()).build();

            try (PatternHub hub = PatternHub.builder().sqliteFile(db)
                    .target(SyncTarget.builder("etsy", storefront).currency("USD").build()).build()) {
                assertThat(hub.catalog().importFolder(SAMPLE_CATALOG, true).added()).isNotEmpty();
                hub.sync().apply();
                assertThat(etsy.listings(etsy.defaultShopId())).isNotEmpty();
                assertThat(etsy.refreshCount()).as("the expired token was refreshed").isPositive();

                OrderIngest ingest = OrderIngest.builder(hub.store()).build();
                WebhookInbox inbox = WebhookInbox.builder(hub.store(), ingest)
                        .source("site", new GenericOrderWebhook(WEBHOOK_SECRET, clock)).build();
                StandardWebhookSigner signer = StandardWebhookSigner.create(WEBHOOK_SECRET, clock);
                for (String[] o : new String[][] {{"E-1", EMAIL, NAME}, {"X-1", "bo@example.com", "Bo Other"}}) {
                    byte[] body = orderJson(o[0], o[1], o[2]).getBytes(StandardCharsets.UTF_8);
                    inbox.receive("site", WebhookRequest.of(signer.sign("msg-" + o[0], clock.instant(), body), body,
                            clock.instant()));
                }
                assertThat(inbox.processAll()).isEqualTo(2);
                assertThat(new Orders(hub.store()).count()).isEqualTo(2);

                ErasureReport report = new PrivacyService(hub.store(), e -> { }).eraseByEmail(EMAIL);
                assertThat(report.customerIds()).hasSize(1);
                assertThat(new Orders(hub.store()).count()).as("orders are kept, only the person goes").isEqualTo(2);
            }
            OAuthToken current = tokens.load("etsy-shop").orElseThrow();
            assertThat(current.accessToken()).isNotEqualTo(issued.accessToken());
            secrets.addAll(List.of(issued.accessToken(), issued.refreshToken(), current.accessToken(),
                    current.refreshToken().orElseThrow(), sharedSecret(etsy.apiKey()), WEBHOOK_SECRET,
                    WEBHOOK_SECRET.substring("whsec_".length()), Base64.getEncoder().encodeToString(storeKey),
                    HexFormat.of().formatHex(storeKey)));
        }

        Map<String, String> scanned = new LinkedHashMap<>();
        try (Stream<Path> files = Stream.concat(Files.walk(db.getParent()), Files.walk(tokenDir))) {
            files.filter(Files::isRegularFile).forEach(f -> scanned.put(f.toString(), read(f)));
        }
        assertThat(scanned.keySet()).anyMatch(f -> f.endsWith("hub.db")).anyMatch(f -> f.startsWith(tokenDir.toString()));
        scanned.put("logs", logText());
        assertThat(logs.list).as("the flow logged something to scan").isNotEmpty();

        List<String> erased = List.of(EMAIL, NAME, "Weaver");
        scanned.replaceAll((where, text) -> withoutTempDirName(text));
        scanned.forEach((where, text) -> {
            assertThat(SensitiveDataScanner.needlesIn(text, secrets)).as("secrets in %s", where).isEmpty();
            assertThat(SensitiveDataScanner.cardNumbersIn(text)).as("card numbers in %s", where).isEmpty();
            assertThat(SensitiveDataScanner.needlesIn(text, erased)).as("erased buyer in %s", where).isEmpty();
        });
        // The other buyer is still there: the scan reads the real bytes.
        assertThat(scanned.values()).anyMatch(t -> t.contains("bo@example.com"));
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        assertThat(SensitiveDataScanner.cardNumbersIn("note: " + CARD + " exp 12/30")).containsExactly("4111111111111111");
        assertThat(SensitiveDataScanner.cardNumbersIn("ts=1772359200000 id=4111111111111112")).isEmpty();
        // a lease token whose middle groups are all digits (seen in a CI log): 3937-9289-4783-3839815 passes Luhn
        assertThat(SensitiveDataScanner.cardNumbersIn("lease 5f2a1b3c-3937-9289-4783-3839815abcde taken")).isEmpty();
        assertThat(SensitiveDataScanner.cardNumbersIn("lease 5f2a1b3c-3937-9289-4783-3839815abcde card " + CARD))
                .containsExactly("4111111111111111");
        assertThat(SensitiveDataScanner.cardNumbersIn("Database: jdbc:sqlite:/tmp/junit-6559865606289672989/hub.db"))
                .as("the CI temp dir name is card-shaped: the flow test masks it").containsExactly("6559865606289672989");
        assertThat(withoutTempDirName("Database: jdbc:sqlite:" + dir.resolve("hub/hub.db"))).doesNotContainPattern("[0-9]{13}");
        assertThat(SensitiveDataScanner.needlesIn("x ANN.weaver@EXAMPLE.com y", List.of(EMAIL))).containsExactly(EMAIL);
    }

    /**
     * JUnit names the temp directory {@code junit-<random long>}, and the hub logs its database path: one run in
     * ten that long passes Luhn (seen in CI as 6559865606289672989). The path is the test's, not the flow's data.
     */
    private String withoutTempDirName(String text) {
        return text.replace(dir.toString(), "<tempdir>");
    }

    private String logText() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            sb.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ')
                    .append(e.getMDCPropertyMap()).append('\n');
            if (e.getThrowableProxy() != null) {
                sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String read(Path f) {
        try {
            return SensitiveDataScanner.asText(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sharedSecret(String apiKey) {
        return apiKey.substring(apiKey.indexOf(':') + 1);
    }

    private static String orderJson(String id, String email, String name) {
        return "{\"order_id\":\"" + id + "\",\"status\":\"paid\",\"currency\":\"EUR\","
                + "\"created_at\":\"2026-03-01T10:00:00Z\",\"total\":\"12.00\","
                + "\"note\":\"paid by card " + CARD + "\","
                + "\"customer\":{\"id\":\"c-" + id + "\",\"email\":\"" + email + "\",\"name\":\"" + name + "\"},"
                + "\"lines\":[{\"sku\":\"TEE-01\",\"title\":\"Tee pattern\",\"quantity\":1,\"unit_price\":\"12.00\"}]}";
    }
}
