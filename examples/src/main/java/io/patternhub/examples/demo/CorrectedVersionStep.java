package io.patternhub.examples.demo;

import io.patternhub.hub.catalog.FileVersion;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.notify.Announcement;
import io.patternhub.hub.sync.ChangeKind;
import io.patternhub.hub.sync.PlannedChange;
import io.patternhub.hub.sync.SyncPlan;
import io.patternhub.hub.sync.SyncReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The designer fixes a chart in one pattern: a corrected A4 PDF and version 1.1 in the catalog folder.
 * The import records the new file versions, the sync replaces the files on every storefront, and
 * every past buyer is told once, with fresh links.
 */
final class CorrectedVersionStep implements DemoStep {
    static final String SKU = "PH-SEW-001";
    static final String FOLDER = "ph-sew-001";
    static final String VERSION = "1.1";
    static final String NOTES = "Corrected the bust dart on the A4 and all other print formats; size 18 tie length fixed.";

    @Override
    public String title() {
        return "A corrected file version reaches every storefront and past buyer";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws IOException {
        Path dir = world.catalogDir().resolve(FOLDER);
        Path yaml = dir.resolve("pattern.yaml");
        String descriptor = Files.readString(yaml, StandardCharsets.UTF_8)
                .replace("version: \"1.0\"", "version: \"" + VERSION + "\"")
                .replace("change_notes: First release.", "change_notes: \"" + NOTES + "\"");
        Files.writeString(yaml, descriptor, StandardCharsets.UTF_8);
        // a PDF comment after %%EOF changes the bytes (and the hash) without breaking the file
        Files.writeString(dir.resolve("juniper-wrap-dress-a4.pdf"), "\n% corrected bust dart, v" + VERSION + "\n",
                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        ImportReport imported = world.catalog().importFolder(world.catalogDir(), true);
        List<FileVersion> versions = imported.newFileVersions();
        log.say("catalog: %s changed, %d new file versions", imported.changed(), versions.size());

        SyncPlan plan = world.sync().plan();
        long replaced = plan.changes().values().stream().flatMap(List::stream)
                .filter(c -> c.kind() == ChangeKind.REPLACE_FILE).count();
        for (DemoShop shop : world.shops()) {
            List<PlannedChange> changes = plan.changes(shop.id());
            log.say("plan %-12s %s", shop.id(), changes.stream().map(c -> c.kind().name()).distinct().toList());
        }
        SyncReport report = world.sync().apply(plan);
        if (!report.isComplete()) {
            throw new IllegalStateException("the corrected version did not reach every storefront: " + report);
        }
        int mailBefore = world.mailCount();
        Announcement a = world.notifications().announceNewVersion(SKU, VERSION, NOTES);
        world.summary().set("version.new_file_versions", versions.size());
        world.summary().set("version.files_replaced", replaced);
        world.summary().set("announcements.sent", a.sent());
        world.summary().set("announcements.emails", world.mailCount() - mailBefore);
        log.say("%d files replaced across %d storefronts; %d past buyers told about version %s (%d without an email)",
                replaced, world.shops().size(), a.sent(), VERSION, a.skippedNoEmail());
    }
}
