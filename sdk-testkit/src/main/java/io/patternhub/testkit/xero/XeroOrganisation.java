package io.patternhub.testkit.xero;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One organisation (tenant) of the Xero sandbox and everything it holds. Guarded by its own monitor:
 * the sandbox handles one request per organisation at a time inside it.
 */
final class XeroOrganisation {
    final String tenantId;
    final String name;
    final String baseCurrency;
    final Map<String, ObjectNode> accounts = new LinkedHashMap<>();
    final Map<String, ObjectNode> taxRates = new LinkedHashMap<>();
    final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
    final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
    final Map<String, ObjectNode> payments = new LinkedHashMap<>();
    final Map<String, ObjectNode> bankTransactions = new LinkedHashMap<>();
    final Map<String, ObjectNode> manualJournals = new LinkedHashMap<>();

    XeroOrganisation(String tenantId, String name, String baseCurrency) {
        this.tenantId = tenantId;
        this.name = name;
        this.baseCurrency = baseCurrency;
    }

    synchronized Optional<ObjectNode> accountByCode(String code) {
        return accounts.values().stream().filter(a -> code.equals(a.path("Code").asText(null))).findFirst();
    }

    synchronized Optional<ObjectNode> activeTaxRate(String taxType) {
        return Optional.ofNullable(taxRates.get(taxType)).filter(t -> "ACTIVE".equals(t.path("Status").asText()));
    }

    synchronized List<ObjectNode> snapshot(Map<String, ObjectNode> collection) {
        List<ObjectNode> out = new ArrayList<>();
        collection.values().forEach(n -> out.add(n.deepCopy()));
        return out;
    }
}
