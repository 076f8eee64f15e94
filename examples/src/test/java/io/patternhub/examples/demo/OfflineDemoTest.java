package io.patternhub.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.hub.insights.SyntheticHistory;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the whole offline demo once and checks what it says happened. */
class OfflineDemoTest {
    @TempDir
    static Path out;

    static DemoResult result;
    static String console;

    @BeforeAll
    static void runDemo() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            result = OfflineDemo.builder(out).console(ps).build().run();
        }
        console = buf.toString(StandardCharsets.UTF_8);
    }

    private static long count(String key) {
        return result.summary().count(key);
    }

    @Test
    void theCatalogIsImportedAndSyncedToEveryStorefrontSandbox() {
        assertThat(count("patterns.imported")).isEqualTo(12);
        assertThat(count("files.imported")).isEqualTo(32);
        assertThat(count("listings.etsy")).isEqualTo(12);
        assertThat(count("listings.ravelry")).isEqualTo(12);
        assertThat(count("listings.woocommerce")).isEqualTo(12);
        // Shopify: listings only (no digital-download API), the files stay with the hub
        assertThat(count("listings.shopify")).isEqualTo(12);
        assertThat(count("patterns.synced")).isEqualTo(48);
    }

    @Test
    void ordersArriveByWebhookAndByPollingOnce() {
        // 4 Etsy receipts: 3 delivered by signed webhook, 1 placed before the subscription and found by polling
        assertThat(count("webhooks.accepted")).isEqualTo(3);
        assertThat(count("orders.etsy")).isEqualTo(4);
        assertThat(count("orders.ravelry")).isEqualTo(2);
        assertThat(count("orders.woocommerce")).isEqualTo(2);
        assertThat(count("orders.shopify")).isEqualTo(1);
        // polling found the missed Etsy receipt, 2 Ravelry, 2 WooCommerce and 1 Shopify order
        assertThat(count("orders.polled_new")).isEqualTo(6);
        assertThat(count("orders.csv")).isEqualTo(2);
        assertThat(count("orders.total")).isEqualTo(11);
    }

    @Test
    void everyBuyerGetsOneEmailWithWorkingSignedLinks() {
        assertThat(count("emails.download_links")).isEqualTo(11);
        assertThat(count("emails.received")).isEqualTo(11);
        assertThat(count("links.sent")).isPositive().isEqualTo(count("links.verified"));
    }

    @Test
    void theCorrectedFileIsPushedEverywhereAndAnnouncedToEachPastBuyer() {
        assertThat(count("version.new_file_versions")).isEqualTo(1);
        assertThat(count("version.files_replaced")).isEqualTo(3);
        // ana and cleo (Etsy), dana (WooCommerce), ivo (CSV) bought PH-SEW-001
        assertThat(count("announcements.sent")).isEqualTo(4);
        assertThat(count("announcements.emails")).isEqualTo(4);
    }

    @Test
    void oneCustomerIsExportedThenErased() throws Exception {
        assertThat(count("privacy.exported_customers")).isEqualTo(1);
        assertThat(count("privacy.erased_customers")).isEqualTo(1);
        assertThat(count("privacy.orders_kept")).isEqualTo(1);
        assertThat(count("privacy.records_left")).isZero();
        assertThat(Files.readString(out.resolve("privacy-export.json"))).contains("ben@example.com");
    }

    @Test
    void supportAnswersWithCitationsResendsLinksAndEscalatesTheRefund() {
        assertThat(count("support.questions")).isEqualTo(5);
        assertThat(count("support.answered")).isEqualTo(4);
        assertThat(count("support.answered_with_citations")).isEqualTo(3);
        assertThat(count("support.escalated")).isEqualTo(1);
        assertThat(count("support.links_resent")).isEqualTo(1);
    }

    @Test
    void theOrdersAreReconciledIntoBothLedgerSandboxesOnceWithAPerPlatformReport() throws Exception {
        long journals = count("books.journals");
        // per order: one journal per sale (the demo refunds nothing), for each of the hub's 11 orders, and one
        // settlement per payout: Etsy's and Shopify's (WooCommerce and Ravelry report no payouts)
        assertThat(count("orders.total")).isEqualTo(11);
        assertThat(count("payouts.pulled")).isEqualTo(count("books.payouts")).isEqualTo(2);
        assertThat(journals).isEqualTo(count("orders.total") + count("books.payouts"));
        assertThat(count("books.report_fees_nonzero")).isEqualTo(1);
        assertThat(count("books.report_taxes_nonzero")).isEqualTo(1);
        assertThat(count("books.xero_posted")).isEqualTo(journals);
        assertThat(count("books.quickbooks_posted")).isEqualTo(journals);
        assertThat(count("books.xero_manual_journals")).isEqualTo(journals);
        assertThat(count("books.quickbooks_journal_entries")).isEqualTo(journals);
        assertThat(count("books.xero_reposted")).isZero();
        assertThat(count("books.quickbooks_reposted")).isZero();
        assertThat(count("books.report_rows")).isPositive();
        assertThat(Files.readAllLines(out.resolve("sales-report.csv"))).hasSize((int) count("books.report_rows") + 1);
    }

    @Test
    void insightsFromTheSyntheticYearFindTheTrendAndTheCollapseAndWriteTheReportFiles() throws Exception {
        assertThat(count("insights.orders")).isPositive();
        assertThat(count("insights.rising_trends")).isPositive();
        assertThat(count("insights.charts")).isEqualTo(5);
        assertThat(count("insights.csv_files")).isEqualTo(7);
        Path insights = out.resolve("insights");
        assertThat(insights.resolve("index.html")).isRegularFile();
        try (java.util.stream.Stream<Path> files = Files.list(insights)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".png"))).hasSize(5);
            assertThat(names.stream().filter(n -> n.endsWith(".csv"))).hasSize(7);
        }
        String md = Files.readString(result.markdownReport());
        assertThat(md).contains("rising style: " + SyntheticHistory.TRENDING_STYLE)
                .contains("CHECK_FILE_UPDATE " + SyntheticHistory.COLLAPSING_SKU);
    }

    @Test
    void theReportIsWrittenAsMarkdownAndJsonAndTheSummaryPrinted() throws Exception {
        String md = Files.readString(result.markdownReport());
        assertThat(md).contains("# PatternHub offline demo").contains("## 1. Import the sample catalog")
                .contains("| `orders.total` | 11 |");
        JsonNode json = PatternHubJson.newMapper().readTree(result.jsonReport().toFile());
        assertThat(json.path("summary").path("emails.received").asLong()).isEqualTo(11);
        assertThat(json.path("chapters").size()).isGreaterThanOrEqualTo(8);
        assertThat(console).contains("Summary").contains("orders.total");
    }
}
