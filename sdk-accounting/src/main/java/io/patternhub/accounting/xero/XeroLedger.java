package io.patternhub.accounting.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.accounting.internal.Hashes;
import io.patternhub.accounting.internal.LedgerMapping;
import io.patternhub.accounting.internal.MappingCache;
import io.patternhub.accounting.internal.SettlementLine;
import io.patternhub.accounting.xero.internal.XeroErrorMapper;
import io.patternhub.accounting.xero.internal.XeroPayloads;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RateLimitStatus;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostedEntry;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.ledger.TaxRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Ledger} over the Xero Accounting API 2.0 for one organisation (tenant).
 *
 * <ul>
 *   <li>Every call carries {@code xero-tenant-id}; the tenant is given, or discovered through
 *       {@code GET /Connections} (by name when the token reaches several).</li>
 *   <li>Every create carries an {@code Idempotency-Key} derived from the journal references, so the
 *       transport may resend it after a lost response and Xero answers with the first result.</li>
 *   <li>Before creating, the ledger looks for documents already posted under the same reference
 *       ({@code Narration} of manual journals, {@code Reference} of invoices and bank transactions):
 *       nothing is posted twice, even after the idempotency window.</li>
 *   <li>Creates send {@code summarizeErrors=false}: the valid documents of a batch are posted, and each
 *       rejected one is reported as structured {@link ValidationError}s.</li>
 *   <li>Limits: 60 calls a minute, 5,000 a day and 5 at once per organisation, adapted from
 *       {@code X-MinLimit-Remaining}, {@code X-DayLimit-Remaining} and {@code Retry-After}.</li>
 *   <li>Accounts and tax rates used by journals are checked against the organisation before anything
 *       is posted; a missing code is an {@link InvalidRequestException} listing what to map.</li>
 * </ul>
 *
 * <p>Thread-safe. Build with {@link #builder()}; close to release the HTTP resources it created.
 */
public final class XeroLedger implements Ledger, AutoCloseable {
    /** The Accounting API root. */
    public static final String DEFAULT_BASE_URL = "https://api.xero.com/api.xro/2.0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HttpTransport api;
    private final XeroConnections connections;
    private final HttpTransport identity;
    private final String tenantName;
    private volatile String tenantId;
    private final XeroPostingStyle style;
    private final String contactName;
    private final Set<String> settlementAccounts;
    private final Currency baseCurrency;
    private final int batchSize;
    private final MappingCache mappings;

    private XeroLedger(Builder b) {
        this.api = b.transport(b.baseUrl);
        this.identity = b.transport(b.identityBaseUrl);
        this.connections = new XeroConnections(identity);
        this.tenantId = b.tenantId;
        this.tenantName = b.tenantName;
        this.style = b.style;
        this.contactName = b.contactName;
        this.settlementAccounts = Set.copyOf(b.settlementAccounts);
        this.baseCurrency = b.baseCurrency;
        this.batchSize = b.batchSize;
        this.mappings = new MappingCache(() -> new LedgerMapping(Platform.XERO, chartOfAccounts(), taxRates()));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Platform platform() {
        return Platform.XERO;
    }

    /** How journals are posted. */
    public XeroPostingStyle style() {
        return style;
    }

    /** The tenant discovery client using this ledger's credentials. */
    public XeroConnections connections() {
        return connections;
    }

    /** The organisation this ledger posts to, discovering it on first use. */
    public String tenantId() {
        String id = tenantId;
        if (id != null) {
            return id;
        }
        synchronized (this) {
            if (tenantId == null) {
                tenantId = discoverTenant();
            }
            return tenantId;
        }
    }

    /** What Xero's limit headers said on the latest response. */
    public RateLimitStatus lastRateLimitStatus() {
        return api.lastRateLimitStatus();
    }

    @Override
    public List<Account> chartOfAccounts() {
        JsonNode body = api.execute(get("/Accounts").build()).json();
        List<Account> accounts = new ArrayList<>();
        body.path("Accounts").forEach(a -> accounts.add(XeroPayloads.account(a)));
        return accounts;
    }

    @Override
    public List<TaxRate> taxRates() {
        JsonNode body = api.execute(get("/TaxRates").build()).json();
        List<TaxRate> rates = new ArrayList<>();
        body.path("TaxRates").forEach(t -> rates.add(XeroPayloads.taxRate(t)));
        return rates;
    }

    @Override
    public Set<PostingMode> supportedModes() {
        return EnumSet.allOf(PostingMode.class);
    }

    @Override
    public PostResult post(Journal journal) {
        return postAll(List.of(journal)).get(0);
    }

    /**
     * Posts journals, each once: those already in Xero are returned as
     * {@link PostResult.Outcome#ALREADY_EXISTED}; the others are created in batches.
     *
     * @throws InvalidRequestException before any call when an account or tax code is not mapped or a
     *         journal does not fit the posting style; after posting, when Xero rejected some documents
     *         (the others are posted; posting the same list again only retries the rejected ones)
     */
    @Override
    public List<PostResult> postAll(List<Journal> journals) {
        Map<String, Journal> byRef = distinctByReference(journals);
        LedgerMapping mapping = mappings.requireMapped(byRef.values());
        Map<String, SettlementLine> splits = checkFitsStyle(byRef.values(), mapping);

        Map<String, PostResult> results = new HashMap<>();
        Map<String, JsonNode> existing = findExisting(byRef.keySet());
        List<Journal> toCreate = new ArrayList<>();
        for (Journal j : byRef.values()) {
            JsonNode found = existing.get(j.reference());
            if (found != null) {
                results.put(j.reference(), PostResult.alreadyExisted(entry(found, j.reference(), j.currency())));
            } else {
                toCreate.add(j);
            }
        }
        List<ValidationError> rejected = new ArrayList<>();
        for (int i = 0; i < toCreate.size(); i += batchSize) {
            List<Journal> chunk = toCreate.subList(i, Math.min(toCreate.size(), i + batchSize));
            Map<String, JsonNode> created = create(chunk, splits, rejected);
            created.forEach((ref, node) -> results.put(ref, PostResult.created(entry(node, ref, byRef.get(ref).currency()))));
        }
        if (style == XeroPostingStyle.INVOICE_AND_PAYMENT) {
            payUnpaid(byRef, splits, existing, rejected);
        }
        if (!rejected.isEmpty()) {
            long refs = rejected.stream().map(ValidationError::field).map(f -> f.split("\\.")[0]).distinct().count();
            throw new InvalidRequestException("Xero rejected " + refs + " of " + byRef.size() + " journal(s); the"
                    + " other " + results.size() + " are posted. " + rejected.stream()
                            .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "))
                    + ". Fix them and post again: journals already posted are not posted twice.",
                    ErrorContext.builder().platform(Platform.XERO).platformErrorCode("ValidationException")
                            .validationErrors(rejected).build());
        }
        List<PostResult> out = new ArrayList<>(journals.size());
        for (Journal j : journals) {
            out.add(results.get(j.reference()));
        }
        return out;
    }

    @Override
    public Optional<PostedEntry> findByReference(String reference) {
        requireQueryable(reference);
        JsonNode found = findExisting(Set.of(reference)).get(reference);
        return Optional.ofNullable(found).map(n -> entry(n, reference, null));
    }

    @Override
    public void close() {
        api.close();
        identity.close();
    }

    // ---- posting

    private Map<String, JsonNode> create(List<Journal> chunk, Map<String, SettlementLine> splits,
            List<ValidationError> rejected) {
        String collection = switch (style) {
            case MANUAL_JOURNAL -> "ManualJournals";
            case INVOICE_AND_PAYMENT -> "Invoices";
            case BANK_TRANSACTION -> "BankTransactions";
        };
        ObjectNode body = JSON.objectNode();
        ArrayNode items = body.putArray(collection);
        for (Journal j : chunk) {
            items.add(switch (style) {
                case MANUAL_JOURNAL -> XeroPayloads.manualJournal(j);
                case INVOICE_AND_PAYMENT -> XeroPayloads.invoice(j, splits.get(j.reference()), contactName);
                case BANK_TRANSACTION -> XeroPayloads.bankTransaction(j, splits.get(j.reference()), contactName);
            });
        }
        String key = collection.toLowerCase(java.util.Locale.ROOT) + "-" + Hashes.sha256Hex(
                chunk.stream().map(Journal::reference).collect(Collectors.joining("\n")));
        JsonNode answer = api.execute(put("/" + collection, body, key)).json().path(collection);
        Map<String, JsonNode> created = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            String ref = chunk.get(i).reference();
            JsonNode element = answer.path(i);
            List<ValidationError> errors = XeroPayloads.itemErrors(element, ref);
            if (element.isMissingNode()) {
                errors = List.of(new ValidationError(ref, "missing", "Xero's answer has no element for it"));
            }
            if (errors.isEmpty()) {
                created.put(ref, element);
            } else {
                rejected.addAll(errors);
            }
        }
        return created;
    }

    /** Pays every invoice of these journals that still has an amount due (new ones and earlier half-done ones). */
    private void payUnpaid(Map<String, Journal> byRef, Map<String, SettlementLine> splits,
            Map<String, JsonNode> existingBefore, List<ValidationError> rejected) {
        Map<String, JsonNode> invoices = findExisting(byRef.keySet());
        List<Journal> unpaid = new ArrayList<>();
        for (Journal j : byRef.values()) {
            JsonNode inv = invoices.get(j.reference());
            if (inv != null && inv.path("AmountDue").decimalValue().signum() > 0) {
                unpaid.add(j);
            }
        }
        for (int i = 0; i < unpaid.size(); i += batchSize) {
            List<Journal> chunk = unpaid.subList(i, Math.min(unpaid.size(), i + batchSize));
            ObjectNode body = JSON.objectNode();
            ArrayNode items = body.putArray("Payments");
            for (Journal j : chunk) {
                JsonNode inv = invoices.get(j.reference());
                ObjectNode p = XeroPayloads.payment(j, inv.path("InvoiceID").asText(), splits.get(j.reference()));
                BigDecimal due = inv.path("AmountDue").decimalValue();
                if (due.compareTo(p.path("Amount").decimalValue()) < 0) {
                    p.put("Amount", due); // partly paid before: pay only the rest
                }
                items.add(p);
            }
            String key = "payments-" + Hashes.sha256Hex(chunk.stream()
                    .map(j -> j.reference() + "@" + invoices.get(j.reference()).path("AmountDue").asText())
                    .collect(Collectors.joining("\n")));
            JsonNode answer = api.execute(put("/Payments", body, key)).json().path("Payments");
            for (int k = 0; k < chunk.size(); k++) {
                rejected.addAll(XeroPayloads.itemErrors(answer.path(k), chunk.get(k).reference() + ".Payment"));
            }
        }
    }

    /** Documents already in Xero under these references, by reference. */
    private Map<String, JsonNode> findExisting(Set<String> references) {
        String collection;
        String field;
        String idField;
        switch (style) {
            case MANUAL_JOURNAL -> {
                collection = "ManualJournals";
                field = "Narration";
                idField = "ManualJournalID";
            }
            case INVOICE_AND_PAYMENT -> {
                collection = "Invoices";
                field = "Reference";
                idField = "InvoiceID";
            }
            default -> {
                collection = "BankTransactions";
                field = "Reference";
                idField = "BankTransactionID";
            }
        }
        Map<String, JsonNode> found = new HashMap<>();
        List<String> refs = new ArrayList<>(references);
        for (int i = 0; i < refs.size(); i += 10) {
            String where = refs.subList(i, Math.min(refs.size(), i + 10)).stream()
                    .map(r -> field + "==\"" + r + "\"").collect(Collectors.joining(" OR "));
            JsonNode body = api.execute(get("/" + collection).query("where", where).build()).json();
            for (JsonNode doc : body.path(collection)) {
                String status = doc.path("Status").asText("");
                if (status.equals("DELETED") || status.equals("VOIDED")) {
                    continue; // a voided posting may be posted again
                }
                String ref = doc.path(field).asText();
                if (references.contains(ref) && !doc.path(idField).asText().isEmpty()) {
                    found.putIfAbsent(ref, doc);
                }
            }
        }
        return found;
    }

    private PostedEntry entry(JsonNode doc, String reference, Currency currency) {
        String idField = switch (style) {
            case MANUAL_JOURNAL -> "ManualJournalID";
            case INVOICE_AND_PAYMENT -> "InvoiceID";
            case BANK_TRANSACTION -> "BankTransactionID";
        };
        Currency fallback = currency != null ? currency : baseCurrency != null ? baseCurrency : Currency.getInstance("USD");
        return XeroPayloads.postedEntry(doc, idField, reference, fallback);
    }

    // ---- checks before any call

    private static Map<String, Journal> distinctByReference(List<Journal> journals) {
        Map<String, Journal> byRef = new LinkedHashMap<>();
        for (Journal j : journals) {
            requireQueryable(j.reference());
            Journal earlier = byRef.putIfAbsent(j.reference(), j);
            if (earlier != null && !earlier.equals(j)) {
                throw new InvalidRequestException("Two different journals share the reference " + j.reference()
                        + "; references identify postings and must be unique.",
                        ErrorContext.builder().platform(Platform.XERO).build());
            }
        }
        return byRef;
    }

    private static void requireQueryable(String reference) {
        if (reference.contains("\"") || reference.contains("\\")) {
            throw new InvalidRequestException("Journal reference '" + reference + "' contains a quote or backslash;"
                    + " Xero cannot search for it. Use letters, digits and - _ : / . only.",
                    ErrorContext.builder().platform(Platform.XERO).build());
        }
        if (reference.length() > 255) {
            throw new InvalidRequestException("Journal reference is longer than Xero's 255-character Reference",
                    ErrorContext.builder().platform(Platform.XERO).build());
        }
    }

    private Map<String, SettlementLine> checkFitsStyle(java.util.Collection<Journal> journals, LedgerMapping mapping) {
        Map<String, SettlementLine> splits = new HashMap<>();
        for (Journal j : journals) {
            if (style == XeroPostingStyle.MANUAL_JOURNAL) {
                if (baseCurrency != null && !baseCurrency.equals(j.currency())) {
                    throw new InvalidRequestException("Journal " + j.reference() + " is in " + j.currency()
                            + " but Xero manual journals are always in the organisation's base currency ("
                            + baseCurrency + "). Post it as INVOICE_AND_PAYMENT or BANK_TRANSACTION, which carry"
                            + " a currency, or convert it first.", ErrorContext.builder().platform(Platform.XERO).build());
                }
            } else {
                String doc = style == XeroPostingStyle.BANK_TRANSACTION ? "bank transaction" : "invoice with payment";
                splits.put(j.reference(), SettlementLine.of(j, mapping, settlementAccounts, doc));
            }
        }
        return splits;
    }

    // ---- requests

    private ApiRequest.Builder get(String path) {
        return ApiRequest.builder(HttpMethod.GET, path).header("xero-tenant-id", tenantId())
                .header("Accept", "application/json");
    }

    private ApiRequest put(String path, ObjectNode body, String idempotencyKey) {
        return ApiRequest.builder(HttpMethod.PUT, path).header("xero-tenant-id", tenantId())
                .header("Accept", "application/json").query("summarizeErrors", "false")
                .jsonBody(body).idempotencyKey(idempotencyKey).build();
    }

    private String discoverTenant() {
        List<XeroTenant> tenants = connections.list().stream()
                .filter(t -> t.tenantType().isEmpty() || t.tenantType().equals("ORGANISATION")).toList();
        if (tenantName != null) {
            return tenants.stream().filter(t -> t.tenantName().equals(tenantName)).findFirst()
                    .map(XeroTenant::tenantId)
                    .orElseThrow(() -> noTenant("no connected Xero organisation is named '" + tenantName + "'", tenants));
        }
        if (tenants.size() == 1) {
            return tenants.get(0).tenantId();
        }
        throw noTenant(tenants.isEmpty() ? "the token is connected to no Xero organisation"
                : "the token is connected to " + tenants.size() + " organisations; choose one with tenantId or tenantName",
                tenants);
    }

    private static ConfigurationException noTenant(String why, List<XeroTenant> tenants) {
        return new ConfigurationException("Cannot choose the Xero tenant: " + why + ". Connected: "
                + (tenants.isEmpty() ? "none (reconnect the organisation)" : tenants.stream()
                        .map(t -> t.tenantName() + " (" + t.tenantId() + ")").collect(Collectors.joining(", "))),
                ErrorContext.builder().platform(Platform.XERO).build());
    }

    /**
     * Builds a {@link XeroLedger}. Not thread-safe; the ledger it builds is. Transport settings
     * ({@link #retry}, {@link #rateLimit}, {@link #maxConcurrentCalls}, {@link #listener}, {@link #okHttpClient},
     * {@link #transport}) default to Xero's limits per organisation: 60 calls a minute, 5,000 a day and 5 at
     * once; they apply to the accounting and the {@code /Connections} calls alike.
     */
    public static final class Builder extends TransportClientBuilder<Builder> {
        private String baseUrl = DEFAULT_BASE_URL;
        private String identityBaseUrl = XeroConnections.DEFAULT_BASE_URL;
        private AuthScheme auth;
        private String tenantId;
        private String tenantName;
        private XeroPostingStyle style = XeroPostingStyle.MANUAL_JOURNAL;
        private String contactName = "PatternHub sales";
        private final Set<String> settlementAccounts = new LinkedHashSet<>();
        private Currency baseCurrency;
        private int batchSize = 50;

        private Builder() {
            // Xero's limits per organisation: 60 calls a minute, 5,000 a day, 5 at once
            super(RetrySettings.defaults(), RateLimitSettings.of(60, Duration.ofMinutes(1)).withDailyQuota(5_000), 5);
        }

        /** The Accounting API root; {@link #DEFAULT_BASE_URL} unless pointing at a sandbox. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** The identity API root serving {@code /Connections}; {@link XeroConnections#DEFAULT_BASE_URL} by default. */
        public Builder identityBaseUrl(String identityBaseUrl) {
            this.identityBaseUrl = Objects.requireNonNull(identityBaseUrl, "identityBaseUrl");
            return this;
        }

        /** The credentials (required), usually an {@link io.patternhub.core.auth.OAuth2AuthScheme}. */
        public Builder auth(AuthScheme auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** The organisation to post to; without it (and without a name) the only connected one is used. */
        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /** Chooses the organisation by name among those {@code /Connections} lists. */
        public Builder tenantName(String tenantName) {
            this.tenantName = tenantName;
            return this;
        }

        /** Which documents journals become; manual journals by default. */
        public Builder style(XeroPostingStyle style) {
            this.style = Objects.requireNonNull(style, "style");
            return this;
        }

        /** The style for a posting mode, see {@link XeroPostingStyle#forMode}. */
        public Builder mode(PostingMode mode) {
            return style(XeroPostingStyle.forMode(mode));
        }

        /** The contact invoices and bank transactions are made out to. */
        public Builder contactName(String contactName) {
            this.contactName = Objects.requireNonNull(contactName, "contactName");
            return this;
        }

        /** An account (besides bank accounts) that settles documents, e.g. a payment-provider clearing account. */
        public Builder settlementAccount(String accountCode) {
            settlementAccounts.add(Objects.requireNonNull(accountCode, "accountCode"));
            return this;
        }

        /** The organisation's base currency, to refuse foreign-currency manual journals before calling Xero. */
        public Builder baseCurrency(Currency currency) {
            this.baseCurrency = currency;
            return this;
        }

        /** How many documents one create call carries (1 to 100); 50 by default. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100) {
                throw new ConfigurationException("batchSize must be 1 to 100, was " + batchSize, ErrorContext.empty());
            }
            this.batchSize = batchSize;
            return this;
        }

        public XeroLedger build() {
            if (auth == null) {
                throw new ConfigurationException("XeroLedger needs auth (an OAuth2AuthScheme for the connection)",
                        ErrorContext.builder().platform(Platform.XERO).build());
            }
            return new XeroLedger(this);
        }

        private HttpTransport transport(String url) {
            return newTransport(HttpTransport.builder().platform(Platform.XERO).baseUrl(url).auth(auth)
                    .rateLimitHeaderReader(new XeroRateLimitHeaderReader()).errorMapper(new XeroErrorMapper())
                    .userAgent("patternhub-java xero"));
        }
    }
}
