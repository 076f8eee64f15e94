package io.patternhub.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.hub.privacy.ErasureReport;
import io.patternhub.hub.privacy.PrivacyService;

import java.nio.file.Files;
import java.nio.file.Path;

/** One customer asks for their data, then to be forgotten. */
final class PrivacyStep implements DemoStep {
    static final String EMAIL = "ben@example.com";

    @Override
    public String title() {
        return "Privacy: export and erase one customer";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws Exception {
        PrivacyService privacy = new PrivacyService(world.store(), x -> { });
        ObjectNode export = privacy.exportByEmail(EMAIL);
        ObjectMapper json = PatternHubJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path file = world.out().resolve("privacy-export.json");
        Files.writeString(file, json.writeValueAsString(export));
        int customers = export.path("customers").size();
        log.say("export for %s: %d customer record(s), written to %s", EMAIL, customers, file.getFileName());

        ErasureReport erased = privacy.eraseByEmail(EMAIL);
        int left = privacy.exportByEmail(EMAIL).path("customers").size();
        world.summary().set("privacy.exported_customers", customers);
        world.summary().set("privacy.erased_customers", erased.customerIds().size());
        world.summary().set("privacy.orders_kept", erased.ordersKept());
        world.summary().set("privacy.records_left", left);
        log.say("erased %d customer record(s); %d order(s) kept pseudonymized for the books; a new export finds %d",
                erased.customerIds().size(), erased.ordersKept(), left);
    }
}
