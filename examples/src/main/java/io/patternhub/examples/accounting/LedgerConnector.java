package io.patternhub.examples.accounting;

import io.patternhub.accounting.quickbooks.QuickBooksLedger;
import io.patternhub.accounting.xero.XeroLedger;
import io.patternhub.accounting.xero.XeroPostingStyle;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.examples.cli.config.BaseUrls;
import io.patternhub.examples.cli.config.Settings;

import java.util.Locale;
import java.util.Optional;

/**
 * The ledger a command posts to, from settings.
 * <ul>
 * <li>Xero: {@code PATTERNHUB_XERO_ACCESS_TOKEN}, {@code _TENANT_ID} (else looked up from the connections),
 * optional {@code _BASE_URL} (replaces {@code https://api.xero.com}).</li>
 * <li>QuickBooks: {@code PATTERNHUB_QUICKBOOKS_ACCESS_TOKEN}, {@code _REALM_ID}, optional {@code _BASE_URL}
 * (replaces {@code https://quickbooks.api.intuit.com}).</li>
 * </ul>
 * The token is sent as a bearer token as given; refreshing it is the job of whoever issued it.
 */
public final class LedgerConnector {
    /** The ledgers a command can name. */
    public enum Kind {
        /** Xero. */
        XERO,
        /** QuickBooks Online. */
        QUICKBOOKS;

        /** @return the settings prefix, e.g. {@code PATTERNHUB_XERO_} */
        String prefix() {
            return Settings.PREFIX + name().toUpperCase(Locale.ROOT) + "_";
        }
    }

    private LedgerConnector() {
    }

    /**
     * Builds the ledger; the caller closes it.
     *
     * @param kind     which ledger
     * @param settings the settings
     * @param mode     the posting mode, which picks the document style
     * @return the ledger
     * @throws io.patternhub.core.error.ConfigurationException when a setting is missing or invalid
     */
    public static Ledger connect(Kind kind, Settings settings, PostingMode mode) {
        String p = kind.prefix();
        String token = settings.require(p + "ACCESS_TOKEN", "posting journals needs the ledger's OAuth access token");
        Optional<String> origin = settings.get(p + "BASE_URL").map(v -> BaseUrls.origin(p + "BASE_URL", v));
        ApiKeyAuth auth = ApiKeyAuth.header("Authorization", "Bearer " + token);
        if (kind == Kind.XERO) {
            XeroLedger.Builder b = XeroLedger.builder().auth(auth);
            // per-order journals carry no bank line (clearing stands in for it), so they go in as manual journals
            if (mode == PostingMode.PER_ORDER) {
                b.style(XeroPostingStyle.MANUAL_JOURNAL);
            } else {
                b.mode(mode);
            }
            origin.ifPresent(o -> b.baseUrl(BaseUrls.rebase(XeroLedger.DEFAULT_BASE_URL, o)).identityBaseUrl(o));
            settings.get(p + "TENANT_ID").ifPresent(b::tenantId);
            return b.build();
        }
        QuickBooksLedger.Builder b = QuickBooksLedger.builder().auth(auth).mode(mode)
                .realmId(settings.require(p + "REALM_ID", "it names the QuickBooks company to post to"));
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
