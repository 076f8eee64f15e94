package io.patternhub.examples.demo;

import io.patternhub.hub.sync.SyncPlan;
import io.patternhub.hub.sync.SyncReport;

/** Plans and applies the sync of the catalog to every storefront sandbox. */
final class SyncStorefrontsStep implements DemoStep {
    @Override
    public String title() {
        return "Sync the catalog to every storefront";
    }

    @Override
    public void run(DemoWorld world, StepLog log) {
        SyncPlan plan = world.sync().plan();
        log.say("plan: %d changes across %d storefronts", plan.size(), world.shops().size());
        SyncReport report = world.sync().apply(plan);
        if (!report.isComplete()) {
            throw new IllegalStateException("the demo sync did not complete: " + report);
        }
        long synced = 0;
        for (DemoShop shop : world.shops()) {
            SyncReport.StorefrontResult r = report.result(shop.id());
            synced += r.completed();
            world.summary().set("listings." + shop.id(), shop.listingCount());
            log.say("%-12s %2d patterns synced, %2d listings in the sandbox", shop.id(), r.completed(), shop.listingCount());
        }
        world.summary().set("sync.changes", plan.size());
        world.summary().set("patterns.synced", synced);
    }
}
