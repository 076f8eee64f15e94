package io.patternhub.examples;

import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.PatternHub;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.sync.SyncPlan;
import io.patternhub.hub.sync.SyncReport;
import io.patternhub.hub.sync.SyncTarget;

import java.nio.file.Path;

/**
 * Embedding example: import a catalog folder into the hub and push it to an Etsy shop. Quoted in the
 * README (between the README markers).
 */
public final class SyncCatalogExample {
    private SyncCatalogExample() {
    }

    /**
     * Imports {@code catalogDir} and syncs it to Etsy.
     *
     * @param catalogDir  the catalog folder (one sub-folder per pattern with a pattern.yaml)
     * @param hubFile     the hub's SQLite file
     * @param shopId      the Etsy shop
     * @param apiKey      {@code keystring:shared_secret}
     * @param accessToken an OAuth access token with listings_w
     * @return what the sync did
     */
    public static SyncReport run(Path catalogDir, Path hubFile, long shopId, String apiKey, String accessToken) {
        // README:begin sync
        try (EtsyStorefront etsy = EtsyStorefront.builder().shopId(shopId).apiKey(apiKey)
                .accessToken(accessToken).taxonomyId(2078).shopCurrency("USD").build();
             PatternHub hub = PatternHub.builder().sqliteFile(hubFile)
                     .target(SyncTarget.builder("etsy", etsy).currency("USD").build())
                     .listener(p -> System.out.println(p.storefrontId() + " " + p.event() + " " + p.sku().orElse("")))
                     .build()) {
            ImportReport imported = hub.catalog().importFolder(catalogDir, true);  // validates the whole folder first
            SyncPlan plan = hub.sync().plan();                                     // dry run: the minimal changes
            plan.changes("etsy").forEach(System.out::println);
            SyncReport report = hub.sync().apply(plan);                            // durable outbox, resumable
            System.out.println(imported.added().size() + " new patterns; complete: " + report.isComplete());
            return report;
        }
        // README:end sync
    }
}
