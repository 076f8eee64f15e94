package io.patternhub.accounting.xero;

import java.util.List;

/**
 * The OAuth 2.0 scopes a Xero ledger needs. Apps created on or after 2 March 2026 must use the granular
 * scopes; older apps may keep the broad {@code accounting.transactions} until they migrate.
 */
public enum XeroScopes {
    /** {@code accounting.invoices}, {@code accounting.payments}, {@code accounting.banktransactions}, {@code accounting.manualjournals}. */
    GRANULAR(List.of("offline_access", "accounting.invoices", "accounting.payments", "accounting.banktransactions",
            "accounting.manualjournals", "accounting.settings.read", "accounting.contacts")),
    /** The older broad {@code accounting.transactions} scope. */
    BROAD(List.of("offline_access", "accounting.transactions", "accounting.settings.read", "accounting.contacts"));

    private final List<String> scopes;

    XeroScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    /** The scope names, {@code offline_access} included so tokens can be refreshed. */
    public List<String> scopes() {
        return scopes;
    }
}
