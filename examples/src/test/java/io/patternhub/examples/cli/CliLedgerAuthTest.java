package io.patternhub.examples.cli;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.examples.cli.connect.HubTokenStore;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.OAuthTokenServer;
import io.patternhub.testkit.quickbooks.QuickBooksSandbox;
import io.patternhub.testkit.quickbooks.QuickBooksTokens;
import io.patternhub.testkit.xero.XeroSandbox;
import io.patternhub.testkit.xero.XeroSpecValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code patternhub reconcile} keeps the ledgers' OAuth tokens itself: an expired access token is refreshed
 * with the configured refresh token, and the rotated token is stored (sealed) in the hub for the next run.
 */
class CliLedgerAuthTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String[] RECONCILE_XERO = {"reconcile", "--period", "2026-05", "--ledger", "xero"};
    private static final String[] RECONCILE_QB = {"reconcile", "--period", "2026-05", "--ledger", "quickbooks"};

    /** Loading Xero's spec takes seconds: once for the class. */
    private static XeroSpecValidator xeroSpec;

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();
    private XeroSandbox xero;
    private QuickBooksSandbox qb;

    @BeforeAll
    static void loadXeroSpec() {
        xeroSpec = XeroSpecValidator.load();
    }

    @BeforeEach
    void hubWithOneMaySale() {
        env.putAll(Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_ACCOUNT_MAPPING", "builtin:default",
                "PATTERNHUB_SECRET_KEY", Base64.getEncoder().encodeToString(KEY)));
        Money total = Money.of("8.00", "EUR");
        Order sale = Order.builder().platform(Platform.ETSY).externalId("E-1").createdAt(Instant.parse("2026-05-03T10:00:00Z"))
                .buyer(CustomerRef.builder().platform(Platform.ETSY).externalId("b-1").country("DE").build())
                .currency(Currency.getInstance("EUR")).subtotal(total).total(total).status(OrderStatus.PAID)
                .addLineItem(LineItem.builder().externalId("l-1").sku("SKU-1").title("Mitten pattern").quantity(1)
                        .unitPrice(total).build())
                .build();
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            OrderIngest.builder(store).build().ingest(sale, "e1");
        }
    }

    @AfterEach
    void stopSandboxes() {
        if (xero != null) {
            xero.close();
        }
        if (qb != null) {
            qb.close();
        }
    }

    private void startQuickBooks() {
        qb = QuickBooksSandbox.quickBooksBuilder().strictTokens().oauthClient("qb-app", "qb-secret").build().start();
        qb.addAccount("200", "Sales", "Income").addAccount("610", "Clearing", "Other Current Asset");
        qb.addTaxCode("NONE", "No VAT", BigDecimal.ZERO);
        env.putAll(Map.of("PATTERNHUB_QUICKBOOKS_REALM_ID", qb.realmId(), "PATTERNHUB_QUICKBOOKS_BASE_URL", qb.baseUrl(),
                "PATTERNHUB_QUICKBOOKS_CLIENT_ID", "qb-app", "PATTERNHUB_QUICKBOOKS_CLIENT_SECRET", "qb-secret"));
    }

    private void startXero() {
        xero = XeroSandbox.xeroBuilder().specValidator(xeroSpec).organisation("org-1", "Pattern Studio", "EUR")
                .strictTokens()
                .oauthClient("xero-app", "xero-secret").build().start();
        xero.addAccount("610", "Clearing", "CURRENT");
        env.putAll(Map.of("PATTERNHUB_XERO_TENANT_ID", "org-1", "PATTERNHUB_XERO_BASE_URL", xero.baseUrl(),
                "PATTERNHUB_XERO_CLIENT_ID", "xero-app", "PATTERNHUB_XERO_CLIENT_SECRET", "xero-secret"));
    }

    private OAuthToken stored(String connectionId) {
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            return new HubTokenStore(store, KEY).load(connectionId).orElseThrow();
        }
    }

    /** Every byte SQLite wrote for the hub (main file, WAL and shared memory). */
    private String hubFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("hub.db")).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void quickBooksRefreshesAnExpiredTokenOnceAndStoresTheRotatedRefreshTokenSealed() throws Exception {
        startQuickBooks();
        QuickBooksTokens issued = qb.issueTokens();
        qb.tokens().expire(issued.accessToken());
        env.put("PATTERNHUB_QUICKBOOKS_ACCESS_TOKEN", issued.accessToken());
        env.put("PATTERNHUB_QUICKBOOKS_REFRESH_TOKEN", issued.refreshToken());

        CliRun first = CliRun.run(dir, env, RECONCILE_QB);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("quickbooks: 1 journal(s) posted, 0 already there");
        assertThat(qb.journalEntries()).hasSize(1);
        assertThat(qb.refreshCount()).isEqualTo(1);
        OAuthTokenServer.Issued rotated = qb.tokens().lastRefreshed().orElseThrow();
        OAuthToken kept = stored("quickbooks-" + qb.realmId());
        assertThat(kept.refreshToken()).contains(rotated.refreshToken());
        assertThat(kept.accessToken()).isEqualTo(rotated.accessToken());
        String db = hubFiles();
        assertThat(db).doesNotContain(rotated.refreshToken()).doesNotContain(rotated.accessToken())
                .doesNotContain(issued.refreshToken());

        // the configured refresh token is spent (QuickBooks rotates); the next run must use the stored one
        CliRun second = CliRun.run(dir, env, RECONCILE_QB);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("quickbooks: 0 journal(s) posted, 1 already there");
        assertThat(qb.refreshCount()).isEqualTo(1);
        assertThat(qb.journalEntries()).hasSize(1);
    }

    @Test
    void xeroRefreshesAnExpiredTokenOnceAndStoresTheRotatedRefreshTokenSealed() throws Exception {
        startXero();
        OAuthTokenServer.Issued issued = xero.tokens().issue();
        xero.tokens().expire(issued.accessToken());
        env.put("PATTERNHUB_XERO_ACCESS_TOKEN", issued.accessToken());
        env.put("PATTERNHUB_XERO_REFRESH_TOKEN", issued.refreshToken());

        CliRun first = CliRun.run(dir, env, RECONCILE_XERO);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("xero: 1 journal(s) posted, 0 already there");
        assertThat(xero.manualJournals()).hasSize(1);
        assertThat(xero.tokens().refreshCount()).isEqualTo(1);
        OAuthTokenServer.Issued rotated = xero.tokens().lastRefreshed().orElseThrow();
        assertThat(stored("xero").refreshToken()).contains(rotated.refreshToken());
        assertThat(hubFiles()).doesNotContain(rotated.refreshToken()).doesNotContain(issued.refreshToken());

        CliRun second = CliRun.run(dir, env, RECONCILE_XERO);
        assertThat(second.err()).contains("xero: 0 journal(s) posted, 1 already there");
        assertThat(xero.tokens().refreshCount()).isEqualTo(1);
        assertThat(xero.journal().validationFailures()).isEmpty();
    }

    @Test
    void aRefreshTokenAloneIsEnoughTheFirstCallRefreshes() {
        startXero();
        env.put("PATTERNHUB_XERO_REFRESH_TOKEN", xero.tokens().issue().refreshToken());

        CliRun run = CliRun.run(dir, env, RECONCILE_XERO);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(xero.tokens().refreshCount()).isEqualTo(1);
        assertThat(xero.manualJournals()).hasSize(1);
    }

    @Test
    void aRevokedRefreshTokenIsOneClearErrorNamingTheSettingToFix() {
        startQuickBooks();
        QuickBooksTokens issued = qb.issueTokens();
        qb.tokens().expire(issued.accessToken());
        qb.tokens().revoke(issued.refreshToken());
        env.put("PATTERNHUB_QUICKBOOKS_ACCESS_TOKEN", issued.accessToken());
        env.put("PATTERNHUB_QUICKBOOKS_REFRESH_TOKEN", issued.refreshToken());

        CliRun run = CliRun.run(dir, env, RECONCILE_QB);
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(run.errorLine()).contains("invalid_grant").contains("PATTERNHUB_QUICKBOOKS_REFRESH_TOKEN");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(qb.refreshCount()).isZero();
        assertThat(qb.journalEntries()).isEmpty();
    }

    @Test
    void wrongAppCredentialsNameTheClientSettings() {
        startXero();
        OAuthTokenServer.Issued issued = xero.tokens().issue();
        env.put("PATTERNHUB_XERO_REFRESH_TOKEN", issued.refreshToken());
        env.put("PATTERNHUB_XERO_CLIENT_SECRET", "not-the-secret");

        CliRun run = CliRun.run(dir, env, RECONCILE_XERO);
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.errorLine()).contains("invalid_client").contains("PATTERNHUB_XERO_CLIENT_ID")
                .contains("PATTERNHUB_XERO_CLIENT_SECRET");
        assertThat(xero.manualJournals()).isEmpty();
    }

    @Test
    void aRefreshTokenWithoutTheAppCredentialsIsRefusedBeforeAnyCall() {
        startQuickBooks();
        env.remove("PATTERNHUB_QUICKBOOKS_CLIENT_SECRET");
        env.put("PATTERNHUB_QUICKBOOKS_REFRESH_TOKEN", qb.issueTokens().refreshToken());

        CliRun run = CliRun.run(dir, env, RECONCILE_QB);
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.errorLine()).contains("PATTERNHUB_QUICKBOOKS_CLIENT_SECRET")
                .doesNotContain("PATTERNHUB_QUICKBOOKS_CLIENT_ID");
        assertThat(qb.journal().entries()).isEmpty();
    }

    @Test
    void noTokenAtAllNamesBothWaysToConfigureOne() {
        startQuickBooks();
        CliRun run = CliRun.run(dir, env, RECONCILE_QB);
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.errorLine()).contains("PATTERNHUB_QUICKBOOKS_REFRESH_TOKEN")
                .contains("PATTERNHUB_QUICKBOOKS_ACCESS_TOKEN");
        assertThat(qb.journal().entries()).isEmpty();
    }

    @Test
    void aPlainAccessTokenStillWorksWithoutClientCredentialsOrSecretKey() {
        startQuickBooks();
        env.remove("PATTERNHUB_SECRET_KEY");
        env.remove("PATTERNHUB_QUICKBOOKS_CLIENT_ID");
        env.remove("PATTERNHUB_QUICKBOOKS_CLIENT_SECRET");
        env.put("PATTERNHUB_QUICKBOOKS_ACCESS_TOKEN", qb.issueTokens().accessToken());

        CliRun run = CliRun.run(dir, env, RECONCILE_QB);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(qb.journalEntries()).hasSize(1);
        assertThat(qb.refreshCount()).isZero();
    }
}
