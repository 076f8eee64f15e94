package io.patternhub.examples.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.core.model.Money;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import io.patternhub.testkit.etsy.ReceiptSeed;
import io.patternhub.testkit.etsy.TransactionSeed;
import io.patternhub.testkit.journal.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every storefront subcommand end to end against the Etsy sandbox (which checks every request against
 * Etsy's OpenAPI description), configured only through the environment.
 */
class CliEtsyEndToEndTest {
    @TempDir
    Path dir;

    private EtsySandbox etsy;
    private EtsyTokens tokens;
    private GreenMail mail;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().perSecondLimit(1000).build().start();
        tokens = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        env.putAll(CliRun.etsyHubSettings(etsy));
        env.put("PATTERNHUB_ETSY_ACCESS_TOKEN", tokens.accessToken());
    }

    @AfterEach
    void stop() {
        etsy.close();
        mail.stop();
    }

    private CliRun cli(String... args) {
        return CliRun.run(dir, env, args);
    }

    @Test
    void importDryRunSyncPullExportAndErase() throws Exception {
        TestCatalog.write(dir.resolve("catalog"), "ph-sew-004", "ph-knt-004");

        CliRun imported = cli("catalog", "import", "catalog");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported 2 pattern(s)").contains("2 added");
        assertThat(imported.err()).contains("import: 2/2");            // plain progress lines off a terminal

        CliRun plan = cli("sync", "--dry-run");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Dry run").contains("etsy:").contains("CREATE_LISTING").contains("PH-SEW-004")
                .contains("ATTACH_FILE");
        assertThat(etsy.journal().entries().stream().filter(JournalEntry::isWrite)).isEmpty();
        assertThat(etsy.listings()).isEmpty();

        CliRun sync = cli("sync", "--platform", "etsy");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("etsy: 2 pattern(s) synced, 0 failed attempt(s), 0 pending");
        assertThat(sync.err()).contains("etsy: 2 pattern(s) to bring in line").contains("etsy: 2/2");
        assertThat(etsy.listings()).hasSize(2);
        assertThat(etsy.listingsWithSku("PH-SEW-004")).hasSize(1);
        assertThat(etsy.rejectedRequests()).isEmpty();

        CliRun again = cli("sync");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Nothing to do");
        assertThat(etsy.listings()).hasSize(2);

        long listing = etsy.listingsWithSku("PH-SEW-004").get(0).listingId();
        etsy.addReceipt(ReceiptSeed.builder("USD")
                .transaction(TransactionSeed.of("PH-SEW-004", "Willow Tote Bag", 1, Money.of("7.00", "USD")).forListing(listing))
                .buyerEmail("ann@example.com").buyerUserId(9001).build());
        env.put("PATTERNHUB_SMTP_HOST", "127.0.0.1");
        env.put("PATTERNHUB_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
        env.put("PATTERNHUB_SMTP_FROM", "shop@tilly.example");
        env.put("PATTERNHUB_DOWNLOAD_BASE_URL", "https://downloads.tilly.example/d/");
        env.put("PATTERNHUB_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));

        CliRun pull = cli("orders", "pull");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("etsy: 1 order(s) read, 1 new or changed");
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(GreenMailUtil.getBody(mail.getReceivedMessages()[0])).contains("https://downloads.tilly.example/d/");

        CliRun pullAgain = cli("orders", "pull", "--since", "2020-01-01T00:00:00Z");
        assertThat(pullAgain.exitCode()).as(pullAgain.err()).isZero();
        assertThat(pullAgain.out()).contains("etsy: 1 order(s) read, 0 new or changed");
        assertThat(mail.getReceivedMessages()).hasSize(1);

        CliRun export = cli("privacy", "export", "--email", "ann@example.com", "--out", "ann.json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readString(dir.resolve("ann.json"))).contains("ann@example.com").contains("PH-SEW-004");

        CliRun erase = cli("privacy", "erase", "--email", "ann@example.com");
        assertThat(erase.exitCode()).as(erase.err()).isZero();
        assertThat(erase.out()).contains("Erased 1 customer record(s)").contains("1 order(s) kept");
        CliRun exportAfter = cli("privacy", "export", "--email", "ann@example.com");
        assertThat(exportAfter.out()).contains("\"customers\" : [ ]");

        CliRun eraseAgain = cli("privacy", "erase", "--email", "ann@example.com");
        assertThat(eraseAgain.exitCode()).isEqualTo(1);
        assertThat(eraseAgain.errorLine()).contains("No customer with email ann@example.com");
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRotatedTokenIsStoredEncryptedInTheHub() throws Exception {
        TestCatalog.write(dir.resolve("catalog"), "ph-knt-004");
        assertThat(cli("catalog", "import", "catalog").exitCode()).isZero();
        env.put("PATTERNHUB_ETSY_REFRESH_TOKEN", tokens.refreshToken());
        env.put("PATTERNHUB_SECRET_KEY", Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));
        etsy.expireAccessToken(tokens.accessToken());

        CliRun sync = cli("sync");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(etsy.refreshCount()).isEqualTo(1);
        assertThat(etsy.listings()).hasSize(1);

        // the old refresh token is dead now (Etsy rotates it); the next run must use the stored one
        TestCatalog.write(dir.resolve("catalog"), "ph-sew-004");
        assertThat(cli("catalog", "import", "catalog").exitCode()).isZero();
        CliRun second = cli("sync");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(etsy.listings()).hasSize(2);

        String sealed = new String(Files.readAllBytes(dir.resolve("hub.db")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain(tokens.refreshToken());
    }

    @Test
    void aStoredTokenNeedsTheSecretKey() throws Exception {
        TestCatalog.write(dir.resolve("catalog"), "ph-knt-004");
        assertThat(cli("catalog", "import", "catalog").exitCode()).isZero();
        env.put("PATTERNHUB_ETSY_REFRESH_TOKEN", tokens.refreshToken());

        CliRun run = cli("sync");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("PATTERNHUB_SECRET_KEY is not set").contains("openssl rand -base64 32");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void plainHttpToARemoteHostIsRefusedBeforeAnyCall() {
        env.put("PATTERNHUB_ETSY_BASE_URL", "http://openapi.etsy.com");
        CliRun run = cli("sync", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("PATTERNHUB_ETSY_BASE_URL").contains("plain http is accepted only for loopback");
        assertThat(etsy.journal().entries()).isEmpty();
    }

    @Test
    void theYamlFileConfiguresWhatTheEnvironmentDoesNotAndTheEnvironmentWins() throws Exception {
        TestCatalog.write(dir.resolve("catalog"), "ph-knt-004");
        Files.writeString(dir.resolve("patternhub.yaml"), "db: from-yaml.db\netsy:\n  shop_id: " + etsy.defaultShopId()
                + "\n  api_key: \"" + etsy.apiKey() + "\"\n  base_url: http://openapi.etsy.com\n");
        env.remove("PATTERNHUB_DB");
        env.remove("PATTERNHUB_ETSY_SHOP_ID");
        env.remove("PATTERNHUB_ETSY_API_KEY");
        // env's loopback base URL beats the file's (refused) one

        assertThat(cli("catalog", "import", "catalog").exitCode()).isZero();
        assertThat(dir.resolve("from-yaml.db")).exists();
        CliRun sync = cli("sync");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(etsy.listings()).hasSize(1);

        env.remove("PATTERNHUB_ETSY_BASE_URL");
        CliRun fromFile = cli("sync", "--dry-run");
        assertThat(fromFile.exitCode()).isEqualTo(1);
        assertThat(fromFile.errorLine()).contains("http://openapi.etsy.com").contains("refused");
    }
}
