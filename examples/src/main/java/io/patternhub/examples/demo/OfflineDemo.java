package io.patternhub.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.hub.access.BuyerAccess;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.access.StoreFileCatalog;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.OrderPoller;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.notify.SmtpNotifier;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The offline demo: storefront sandboxes, a local mail server and an embedded SQLite hub, all in this
 * process, and the whole story told with real calls, one {@link DemoStep} per chapter. Needs no network
 * and no credentials. Writes {@code demo-report.md} and {@code demo-report.json} into the output folder.
 *
 * <pre>{@code
 * DemoResult result = OfflineDemo.builder(Path.of("demo-out")).console(System.out).build().run();
 * long emails = result.summary().count("emails.received");
 * }</pre>
 */
public final class OfflineDemo {
    private final Path out;
    private final PrintStream console;
    private final List<Supplier<DemoShop>> shops;
    private final List<DemoStep> steps;

    private OfflineDemo(Builder b) {
        this.out = b.out;
        this.console = b.console;
        this.shops = List.copyOf(b.shops);
        this.steps = List.copyOf(b.steps);
    }

    /**
     * @param out the output folder (created; an earlier demo's hub and catalog copy in it are replaced)
     * @return a builder with every storefront sandbox and every chapter
     */
    public static Builder builder(Path out) {
        return new Builder(out);
    }

    /**
     * Runs the story.
     *
     * @return the counts and the report files
     * @throws Exception when a chapter fails
     */
    public DemoResult run() throws Exception {
        prepare();
        DemoSummary summary = new DemoSummary();
        Map<String, List<String>> chapters = new LinkedHashMap<>();
        Clock clock = Clock.systemUTC();
        List<DemoShop> started = new ArrayList<>();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        console.println("PatternHub offline demo: sandboxes, a local mail server and the hub, all in this process.");
        try (HubStore store = HubStore.builder().sqliteFile(out.resolve("hub.db")).clock(clock).build()) {
            mail.start();
            for (Supplier<DemoShop> s : shops) {
                started.add(s.get());
            }
            console.println("Started " + started.stream().map(DemoShop::id).toList() + " sandboxes, mail on 127.0.0.1:"
                    + mail.getSmtp().getPort() + ", hub in " + out.resolve("hub.db"));
            SmtpNotifier smtp = SmtpNotifier.builder().host("127.0.0.1").port(mail.getSmtp().getPort())
                    .from("shop@tilly.example", DemoWorld.SHOP_NAME).build();
            byte[] linkKey = new byte[32];
            new SecureRandom().nextBytes(linkKey);
            DownloadLinks links = DownloadLinks.builder(store).secret(linkKey).baseUrl("https://downloads.tilly.example/d/")
                    .build();
            BuyerNotifications notifications = BuyerNotifications.builder(store).notifier(smtp).links(links)
                    .catalog(new StoreFileCatalog(store)).shopName(DemoWorld.SHOP_NAME).build();
            OrderIngest ingest = OrderIngest.builder(store)
                    .handler(new BuyerAccess(store, notifications, Provisioner.NONE, HubEventPublisher.NONE)).build();
            WebhookInbox.Builder inboxBuilder = WebhookInbox.builder(store, ingest);
            started.forEach(shop -> inboxBuilder.storefront(shop.id(), shop.storefront()));
            WebhookInbox inbox = inboxBuilder.build();
            CatalogSync.Builder sync = CatalogSync.builder(store).backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
            started.forEach(shop -> sync.target(shop.target()));
            try (WebhookReceiver receiver = new WebhookReceiver(store, inbox, started.stream().map(DemoShop::id).toList(),
                    clock)) {
                DemoWorld world = new DemoWorld(out, clock, started, mail, smtp, store, new Catalog(store), sync.build(),
                        links, notifications, ingest, inbox, new OrderPoller(store, ingest, Duration.ofDays(3)),
                        new Orders(store), receiver, new LinkedHashMap<>(), summary);
                int n = 0;
                for (DemoStep step : steps) {
                    console.printf("%n%d. %s%n", ++n, step.title());
                    StepLog log = new StepLog(console);
                    step.run(world, log);
                    chapters.put(step.title(), log.lines());
                }
            }
        } finally {
            started.forEach(DemoShop::close);
            mail.stop();
        }
        DemoResult result = writeReport(summary, chapters);
        console.printf("%nSummary%n");
        summary.counts().forEach((k, v) -> console.printf("  %-32s %d%n", k, v));
        console.printf("%nReport: %s and %s%n", result.markdownReport(), result.jsonReport());
        return result;
    }

    private void prepare() throws IOException {
        Files.createDirectories(out);
        for (String name : List.of("hub.db", "hub.db-wal", "hub.db-shm", "privacy-export.json")) {
            Files.deleteIfExists(out.resolve(name));
        }
        Path catalog = out.resolve("catalog");
        if (Files.exists(catalog)) {
            try (Stream<Path> walk = Files.walk(catalog)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private DemoResult writeReport(DemoSummary summary, Map<String, List<String>> chapters) throws IOException {
        StringBuilder md = new StringBuilder("# PatternHub offline demo\n\n")
                .append("Everything below ran in one process against local sandboxes: no network, no credentials.\n\n");
        int n = 0;
        for (Map.Entry<String, List<String>> c : chapters.entrySet()) {
            md.append("## ").append(++n).append(". ").append(c.getKey()).append("\n\n");
            c.getValue().forEach(l -> md.append("- ").append(l.replace("\n", "\n  ")).append('\n'));
            md.append('\n');
        }
        md.append("## Summary\n\n| count | value |\n|---|---|\n");
        summary.counts().forEach((k, v) -> md.append("| `").append(k).append("` | ").append(v).append(" |\n"));
        Path mdFile = out.resolve("demo-report.md");
        Files.writeString(mdFile, md, StandardCharsets.UTF_8);

        ObjectMapper json = PatternHubJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.set("summary", summary.toJson());
        ArrayNode list = root.putArray("chapters");
        chapters.forEach((title, lines) -> {
            ObjectNode ch = list.addObject();
            ch.put("title", title);
            lines.forEach(ch.putArray("log")::add);
        });
        Path jsonFile = out.resolve("demo-report.json");
        Files.writeString(jsonFile, json.writeValueAsString(root), StandardCharsets.UTF_8);
        return new DemoResult(summary, mdFile, jsonFile);
    }

    /** Configures an {@link OfflineDemo}. */
    public static final class Builder {
        private final Path out;
        private PrintStream console = System.out;
        private final List<Supplier<DemoShop>> shops = new ArrayList<>(List.of(EtsyDemoShop::new,
                RavelryDemoShop::new, WooCommerceDemoShop::new, ShopifyDemoShop::new));
        private final List<DemoStep> steps = new ArrayList<>(List.of(new ImportCatalogStep(), new SyncStorefrontsStep(),
                new OrdersArriveStep(), new CsvSalesStep(), new DownloadLinksStep(), new CorrectedVersionStep(),
                new PrivacyStep(), new SupportStep(), new ReconcileBooksStep(),
                new InsightsStep()));

        private Builder(Path out) {
            this.out = Objects.requireNonNull(out, "out").toAbsolutePath().normalize();
        }

        /**
         * @param console where the story is printed (default standard output)
         * @return this builder
         */
        public Builder console(PrintStream console) {
            this.console = Objects.requireNonNull(console, "console");
            return this;
        }

        /** @return the demo */
        public OfflineDemo build() {
            return new OfflineDemo(this);
        }
    }
}
