package io.patternhub.examples.accounting;

import io.patternhub.accounting.quickbooks.QuickBooksLedger;
import io.patternhub.accounting.quickbooks.QuickBooksOAuth;
import io.patternhub.accounting.xero.XeroLedger;
import io.patternhub.accounting.xero.XeroOAuth;
import io.patternhub.accounting.xero.XeroPostingStyle;
import io.patternhub.accounting.xero.XeroScopes;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.examples.cli.config.BaseUrls;
import io.patternhub.examples.cli.config.Settings;
import io.patternhub.examples.cli.connect.Credentials;
import io.patternhub.examples.cli.connect.HubTokenStore;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ledger a command posts to, from settings ({@code PATTERNHUB_XERO_*} or {@code PATTERNHUB_QUICKBOOKS_*}).
 * <ul>
 * <li>Credentials, either: {@code _REFRESH_TOKEN} with the app's {@code _CLIENT_ID} and {@code _CLIENT_SECRET}
 * (and optionally the current {@code _ACCESS_TOKEN}): the token is kept in the hub's encrypted token store
 * ({@code PATTERNHUB_SECRET_KEY}), refreshed when expired or refused, and each rotated refresh token is stored
 * before it is used; or only {@code _ACCESS_TOKEN}: sent as it is, never refreshed.</li>
 * <li>Xero: {@code _TENANT_ID} (else looked up from the connections).</li>
 * <li>QuickBooks: {@code _REALM_ID}.</li>
 * <li>Optional {@code _BASE_URL} replaces the origin of the API and token endpoints (a local sandbox).</li>
 * </ul>
 */
public final class LedgerConnector {
    /** The ledgers a command can name. */
    public enum Kind {
        /** Xero. */
        XERO,
        /** QuickBooks Online. */
        QUICKBOOKS
    }

    private LedgerConnector() {
    }

    /**
     * Builds the ledger; the caller closes it.
     *
     * @param kind       which ledger
     * @param settings   the settings
     * @param tokenStore opens the hub's encrypted token store (only when a refresh token is configured)
     * @param mode       the posting mode, which picks the document style
     * @return the ledger
     * @throws io.patternhub.core.error.ConfigurationException when a setting is missing or invalid
     */
    public static Ledger connect(Kind kind, Settings settings, Supplier<HubTokenStore> tokenStore, PostingMode mode) {
        Credentials c = new Credentials(kind.name(), settings, tokenStore);
        Optional<String> origin = c.baseUrlOverride();
        if (kind == Kind.XERO) {
            String tokenEndpoint = origin.map(o -> BaseUrls.rebase(XeroOAuth.TOKEN_ENDPOINT, o)).orElse(XeroOAuth.TOKEN_ENDPOINT);
            // one Xero token reaches every organisation the seller connected, so it is stored once
            XeroLedger.Builder b = XeroLedger.builder().auth(LedgerAuth.resolve("Xero", c, "xero",
                    (id, secret, redirect) -> XeroOAuth.config(id, secret, redirect, XeroScopes.GRANULAR), tokenEndpoint));
            // per-order journals carry no bank line (clearing stands in for it), so they go in as manual journals
            if (mode == PostingMode.PER_ORDER) {
                b.style(XeroPostingStyle.MANUAL_JOURNAL);
            } else {
                b.mode(mode);
            }
            origin.ifPresent(o -> b.baseUrl(BaseUrls.rebase(XeroLedger.DEFAULT_BASE_URL, o)).identityBaseUrl(o));
            c.get("TENANT_ID").ifPresent(b::tenantId);
            return b.build();
        }
        String realmId = c.require("REALM_ID", "it names the QuickBooks company to post to");
        String tokenEndpoint = origin.map(o -> BaseUrls.rebase(QuickBooksOAuth.TOKEN_ENDPOINT, o))
                .orElse(QuickBooksOAuth.TOKEN_ENDPOINT);
        QuickBooksLedger.Builder b = QuickBooksLedger.builder().mode(mode).realmId(realmId)
                .auth(LedgerAuth.resolve("QuickBooks", c, "quickbooks-" + realmId, QuickBooksOAuth::config, tokenEndpoint));
        origin.ifPresent(b::baseUrl);
        return b.build();
    }

    /**
     * Closes a ledger built by {@link #connect}, releasing its HTTP resources.
     *
     * @param ledger the ledger
     */
    public static void close(Ledger ledger) {
        if (ledger instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the ledger failed", e);
            }
        }
    }
}
