package io.patternhub.accounting.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.accounting.internal.LedgerMapping;
import io.patternhub.accounting.internal.MappingCache;
import io.patternhub.accounting.internal.SettlementLine;
import io.patternhub.accounting.quickbooks.internal.QuickBooksErrorMapper;
import io.patternhub.accounting.quickbooks.internal.QuickBooksPayloads;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostedEntry;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.ledger.TaxRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Ledger} over the QuickBooks Online Accounting API v3 for one company ({@code realmId}).
 *
 * <ul>
 *   <li>Calls go to {@code /v3/company/{realmId}/...} with {@code minorversion} (75 or later) on every one.</li>
 *   <li>Each journal is posted under a deterministic {@code DocNumber} ({@link QuickBooksDocNumbers}) with
 *       the full reference in {@code PrivateNote}. Before creating, the ledger queries for it
 *       ({@code SELECT * FROM JournalEntry WHERE DocNumber = '...'}); after an uncertain failure (a lost
 *       response, a 5xx) it queries again before retrying, so nothing is posted twice.</li>
 *   <li>Several journals are created through {@code POST /batch}, at most 10 items a request; each
 *       item's {@code Fault} is reported as structured {@link ValidationError}s.</li>
 *   <li>Limits: 500 calls a minute and 10 at once per company; a 429 waits 60 seconds (configurable).</li>
 *   <li>Accounts and tax codes are checked against the company before anything is posted.</li>
 * </ul>
 *
 * <p>Thread-safe. Build with {@link #builder()}; close to release the HTTP resources it created.
 */
public final class QuickBooksLedger implements Ledger, AutoCloseable {
    /** The production API root. */
    public static final String PRODUCTION_BASE_URL = "https://quickbooks.api.intuit.com";
    /** Intuit's development sandbox API root. */
    public static final String SANDBOX_BASE_URL = "https://sandbox-quickbooks.api.intuit.com";
    /** The oldest minor version still supported (1 to 74 were retired on 1 August 2025). */
    public static final int MIN_MINOR_VERSION = 75;
    /** Items per {@code POST /batch}. */
    public static final int MAX_BATCH_ITEMS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(QuickBooksLedger.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String JOURNAL_ENTRY = "JournalEntry";

    private final HttpTransport api;
    private final String realmId;
    private final String minorVersion;
    private final QuickBooksPostingStyle style;
    private final Map<String, String> items;
    private final Set<String> settlementAccounts;
    private final Duration throttleWait;
    private final int maxCreateAttempts;
    private final MappingCache mappings;

    private QuickBooksLedger(Builder b) {
        this.realmId = b.realmId;
        this.minorVersion = Integer.toString(b.minorVersion);
        this.style = b.style;
        this.items = Map.copyOf(b.items);
        this.settlementAccounts = Set.copyOf(b.settlementAccounts);
        this.throttleWait = b.throttleWait;
        this.maxCreateAttempts = b.maxCreateAttempts;
        this.api = b.transport();
        this.mappings = new MappingCache(() -> new LedgerMapping(Platform.QUICKBOOKS, chartOfAccounts(), taxRates()));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Platform platform() {
        return Platform.QUICKBOOKS;
    }

    /** The company this ledger posts to. */
    public String realmId() {
        return realmId;
    }

    public QuickBooksPostingStyle style() {
        return style;
    }

    @Override
    public List<Account> chartOfAccounts() {
        List<Account> out = new ArrayList<>();
        queryAll("SELECT * FROM Account", "Account").forEach(a -> out.add(QuickBooksPayloads.account(a)));
        return out;
    }

    @Override
    public List<TaxRate> taxRates() {
        Map<String, BigDecimal> rates = new HashMap<>();
        for (JsonNode r : queryAll("SELECT * FROM TaxRate", "TaxRate")) {
            rates.put(r.path("Id").asText(), r.path("RateValue").isNumber() ? r.path("RateValue").decimalValue()
                    : BigDecimal.ZERO);
        }
        List<TaxRate> out = new ArrayList<>();
        queryAll("SELECT * FROM TaxCode", "TaxCode").forEach(c -> out.add(QuickBooksPayloads.taxRate(c, rates)));
        return out;
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
     * Posts journals, each once: those already in QuickBooks are returned as
     * {@link PostResult.Outcome#ALREADY_EXISTED}; the others are created, in batches of at most 10.
     *
     * @throws InvalidRequestException before any call when an account or tax code is not mapped; after
     *         posting, when QuickBooks refused some transactions (the others are posted)
     */
    @Override
    public List<PostResult> postAll(List<Journal> journals) {
        Map<String, Journal> byRef = new LinkedHashMap<>();
        for (Journal j : journals) {
            Journal earlier = byRef.putIfAbsent(j.reference(), j);
            if (earlier != null && !earlier.equals(j)) {
                throw invalid("Two different journals share the reference " + j.reference()
                        + "; references identify postings and must be unique.", List.of());
            }
        }
        LedgerMapping mapping = mappings.requireMapped(byRef.values());
        Map<String, Planned> plans = new LinkedHashMap<>();
        byRef.values().forEach(j -> plans.put(j.reference(), plan(j, mapping)));
        requireUniqueDocNumbers(plans.values());

        Map<String, PostResult> results = new HashMap<>();
        List<ValidationError> rejected = new ArrayList<>();
        List<Planned> all = new ArrayList<>(plans.values());
        for (int i = 0; i < all.size(); i += MAX_BATCH_ITEMS) {
            List<Planned> chunk = all.subList(i, Math.min(all.size(), i + MAX_BATCH_ITEMS));
            Map<String, JsonNode> existing = findExisting(chunk);
            List<Planned> missing = new ArrayList<>();
            for (Planned p : chunk) {
                JsonNode found = existing.get(p.journal.reference());
                if (found != null) {
                    results.put(p.journal.reference(), PostResult.alreadyExisted(entry(found, p.journal)));
                } else {
                    missing.add(p);
                }
            }
            if (!missing.isEmpty()) {
                createOnce(missing, results, rejected);
            }
        }
        if (!rejected.isEmpty()) {
            throw invalid("QuickBooks refused " + rejected.stream().map(ValidationError::field).distinct().count()
                    + " of " + byRef.size() + " journal(s); the other " + results.size() + " are posted. "
                    + rejected.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "))
                    + ". Fix them and post again: journals already posted are not posted twice.", rejected);
        }
        List<PostResult> out = new ArrayList<>(journals.size());
        journals.forEach(j -> out.add(results.get(j.reference())));
        return out;
    }

    @Override
    public Optional<PostedEntry> findByReference(String reference) {
        String docNumber = QuickBooksDocNumbers.of(reference);
        for (String entity : entitiesToSearch()) {
            for (JsonNode txn : query("SELECT * FROM " + entity + " WHERE DocNumber = '" + docNumber + "'", entity)) {
                if (isPostingOf(txn, reference)) {
                    return Optional.of(QuickBooksPayloads.postedEntry(txn, reference,
                            java.util.Currency.getInstance("USD")));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        api.close();
    }

    // ---- posting

    /** One journal, with the transaction it becomes. */
    private record Planned(Journal journal, String entity, ObjectNode payload) {
    }

    private Planned plan(Journal journal, LedgerMapping mapping) {
        Optional<SettlementLine> split = Optional.empty();
        if (style != QuickBooksPostingStyle.JOURNAL_ENTRY) {
            try {
                split = Optional.of(SettlementLine.of(journal, mapping, settlementAccounts, style.name()));
            } catch (InvalidRequestException notFitting) {
                LOG.debug("journal {} has no single settlement line; posting it as a JournalEntry", journal.reference());
            }
        }
        if (style == QuickBooksPostingStyle.DEPOSIT && split.isPresent() && split.get().inflow()) {
            return new Planned(journal, "Deposit", QuickBooksPayloads.deposit(journal, split.get()));
        }
        if (style == QuickBooksPostingStyle.SALES_RECEIPT && split.isPresent()) {
            List<String> unmapped = split.get().others().stream().map(JournalLine::accountCode)
                    .filter(code -> !items.containsKey(code)).distinct().toList();
            if (!unmapped.isEmpty()) {
                throw invalid("Journal " + journal.reference() + " is posted as a sales or refund receipt, whose lines"
                        + " are items: map accounts " + unmapped + " to QuickBooks items with"
                        + " QuickBooksLedger.Builder.item(accountCode, itemId).", unmapped.stream()
                                .map(c -> new ValidationError("accountCode", "unmapped_item", "account '" + c
                                        + "' has no item (used by " + journal.reference() + ")")).toList());
            }
            String entity = split.get().inflow() ? "SalesReceipt" : "RefundReceipt";
            return new Planned(journal, entity, QuickBooksPayloads.receipt(journal, split.get(), items));
        }
        return new Planned(journal, JOURNAL_ENTRY, QuickBooksPayloads.journalEntry(journal));
    }

    /**
     * Creates the missing journals; after an uncertain failure looks them up again and creates only
     * those still missing, up to {@code maxCreateAttempts} times; after a 429 waits and resends.
     */
    private void createOnce(List<Planned> missing, Map<String, PostResult> results, List<ValidationError> rejected) {
        List<Planned> pending = new ArrayList<>(missing);
        for (int attempt = 1; ; attempt++) {
            try {
                create(pending, results, rejected);
                return;
            } catch (RateLimitException e) {
                if (attempt >= maxCreateAttempts) {
                    throw e;
                }
                sleep(e.retryAfter().orElse(throttleWait)); // a 429 was not processed: resend as is
            } catch (ConnectionException | ApiException e) {
                if (!uncertain(e)) {
                    throw e;
                }
                LOG.info("creating {} QuickBooks transaction(s) had an uncertain outcome ({}); looking them up"
                        + " before retrying (attempt {} of {})", pending.size(), e.getMessage(), attempt,
                        maxCreateAttempts);
                Map<String, JsonNode> found = findExisting(pending);
                List<Planned> still = new ArrayList<>();
                for (Planned p : pending) {
                    JsonNode txn = found.get(p.journal.reference());
                    if (txn != null) {
                        results.put(p.journal.reference(), PostResult.created(entry(txn, p.journal)));
                    } else {
                        still.add(p);
                    }
                }
                if (still.isEmpty()) {
                    return;
                }
                if (attempt >= maxCreateAttempts) {
                    throw e;
                }
                pending = still;
            }
        }
    }

    private static boolean uncertain(PatternHubException e) {
        if (e instanceof ConnectionException) {
            return true;
        }
        return !(e instanceof RateLimitException) && e.httpStatus().orElse(0) >= 500;
    }

    private void create(List<Planned> pending, Map<String, PostResult> results, List<ValidationError> rejected) {
        if (pending.size() == 1) {
            Planned p = pending.get(0);
            try {
                JsonNode body = api.execute(ApiRequest.builder(HttpMethod.POST, "/" + p.entity.toLowerCase(
                        java.util.Locale.ROOT)).query("minorversion", minorVersion).jsonBody(p.payload).build()).json();
                results.put(p.journal.reference(), PostResult.created(entry(body.path(p.entity), p.journal)));
            } catch (InvalidRequestException e) {
                e.validationErrors().forEach(v -> rejected.add(new ValidationError(p.journal.reference(), v.code(),
                        v.message())));
                if (e.validationErrors().isEmpty()) {
                    rejected.add(new ValidationError(p.journal.reference(), "", e.getMessage()));
                }
            }
            return;
        }
        ObjectNode batch = JSON.objectNode();
        ArrayNode requests = batch.putArray("BatchItemRequest");
        for (int i = 0; i < pending.size(); i++) {
            Planned p = pending.get(i);
            requests.addObject().put("bId", Integer.toString(i)).put("operation", "create").set(p.entity, p.payload);
        }
        JsonNode answer = api.execute(ApiRequest.builder(HttpMethod.POST, "/batch").query("minorversion", minorVersion)
                .jsonBody(batch).build()).json();
        Map<String, JsonNode> byId = new HashMap<>();
        answer.path("BatchItemResponse").forEach(r -> byId.put(r.path("bId").asText(), r));
        for (int i = 0; i < pending.size(); i++) {
            Planned p = pending.get(i);
            JsonNode item = byId.get(Integer.toString(i));
            if (item == null) {
                rejected.add(new ValidationError(p.journal.reference(), "missing", "no answer for this batch item"));
            } else if (item.has("Fault")) {
                QuickBooksErrorMapper.faultErrors(item.path("Fault")).forEach(v -> rejected.add(
                        new ValidationError(p.journal.reference(), v.code(), v.message())));
            } else {
                results.put(p.journal.reference(), PostResult.created(entry(item.path(p.entity), p.journal)));
            }
        }
    }

    /** Transactions already posted for these journals, by reference (one query per transaction type). */
    private Map<String, JsonNode> findExisting(List<Planned> chunk) {
        Map<String, List<Planned>> byEntity = chunk.stream()
                .collect(Collectors.groupingBy(Planned::entity, LinkedHashMap::new, Collectors.toList()));
        Map<String, JsonNode> found = new HashMap<>();
        for (Map.Entry<String, List<Planned>> e : byEntity.entrySet()) {
            String in = e.getValue().stream().map(p -> "'" + QuickBooksDocNumbers.of(p.journal.reference()) + "'")
                    .distinct().collect(Collectors.joining(","));
            for (JsonNode txn : query("SELECT * FROM " + e.getKey() + " WHERE DocNumber IN (" + in + ")", e.getKey())) {
                for (Planned p : e.getValue()) {
                    if (isPostingOf(txn, p.journal.reference())) {
                        found.putIfAbsent(p.journal.reference(), txn);
                    }
                }
            }
        }
        return found;
    }

    private static boolean isPostingOf(JsonNode txn, String reference) {
        if (!txn.path("DocNumber").asText().equals(QuickBooksDocNumbers.of(reference))) {
            return false;
        }
        String note = txn.path("PrivateNote").asText("");
        return note.isEmpty() || note.equals(reference); // a DocNumber typed by hand has no matching note
    }

    private List<String> entitiesToSearch() {
        return switch (style) {
            case JOURNAL_ENTRY -> List.of(JOURNAL_ENTRY);
            case DEPOSIT -> List.of("Deposit", JOURNAL_ENTRY);
            case SALES_RECEIPT -> List.of("SalesReceipt", "RefundReceipt", JOURNAL_ENTRY);
        };
    }

    private PostedEntry entry(JsonNode txn, Journal journal) {
        return QuickBooksPayloads.postedEntry(txn, journal.reference(), journal.currency());
    }

    private static void requireUniqueDocNumbers(Collection<Planned> plans) {
        Map<String, String> seen = new HashMap<>();
        for (Planned p : plans) {
            String doc = QuickBooksDocNumbers.of(p.journal.reference());
            String other = seen.putIfAbsent(doc, p.journal.reference());
            if (other != null) {
                throw invalid("References " + other + " and " + p.journal.reference() + " map to the same QuickBooks"
                        + " DocNumber " + doc + "; make them differ in their first 21 characters.", List.of());
            }
        }
    }

    // ---- queries

    private List<JsonNode> query(String sql, String entity) {
        JsonNode body = api.execute(ApiRequest.builder(HttpMethod.GET, "/query").query("query", sql)
                .query("minorversion", minorVersion).build()).json();
        List<JsonNode> out = new ArrayList<>();
        body.path("QueryResponse").path(entity).forEach(out::add);
        return out;
    }

    private List<JsonNode> queryAll(String sql, String entity) {
        List<JsonNode> out = new ArrayList<>();
        int page = 1000;
        for (int start = 1; ; start += page) {
            List<JsonNode> rows = query(sql + " STARTPOSITION " + start + " MAXRESULTS " + page, entity);
            out.addAll(rows);
            if (rows.size() < page) {
                return out;
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting out a QuickBooks 429; nothing more was sent.",
                    ErrorContext.builder().platform(Platform.QUICKBOOKS).build(), e);
        }
    }

    private static InvalidRequestException invalid(String message, List<ValidationError> errors) {
        return new InvalidRequestException(message, ErrorContext.builder().platform(Platform.QUICKBOOKS)
                .validationErrors(errors).build());
    }

    /**
     * Builds a {@link QuickBooksLedger}. Not thread-safe; the ledger it builds is. Transport settings
     * ({@link #retry}, {@link #rateLimit}, {@link #maxConcurrentCalls}, {@link #listener}, {@link #okHttpClient},
     * {@link #transport}) default to QuickBooks' limits per company: 500 calls a minute and 10 at once.
     */
    public static final class Builder extends TransportClientBuilder<Builder> {
        private String baseUrl = PRODUCTION_BASE_URL;
        private String realmId;
        private AuthScheme auth;
        private int minorVersion = MIN_MINOR_VERSION;
        private QuickBooksPostingStyle style = QuickBooksPostingStyle.JOURNAL_ENTRY;
        private final Map<String, String> items = new HashMap<>();
        private final Set<String> settlementAccounts = new LinkedHashSet<>();
        private Duration throttleWait = Duration.ofSeconds(60);
        private int maxCreateAttempts = 3;

        private Builder() {
            // QuickBooks' limits per company: 500 calls a minute, 10 at once
            super(RetrySettings.defaults(), RateLimitSettings.of(500, Duration.ofMinutes(1)), 10);
        }

        /** The API root: {@link #PRODUCTION_BASE_URL} (default), {@link #SANDBOX_BASE_URL} or a local sandbox. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
            return this;
        }

        /** The company id returned with the authorization code (required). */
        public Builder realmId(String realmId) {
            this.realmId = realmId;
            return this;
        }

        /** The credentials (required), usually an {@link io.patternhub.core.auth.OAuth2AuthScheme}. */
        public Builder auth(AuthScheme auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** The minor version sent on every call; at least {@link #MIN_MINOR_VERSION}. */
        public Builder minorVersion(int minorVersion) {
            if (minorVersion < MIN_MINOR_VERSION) {
                throw new ConfigurationException("QuickBooks minor versions below " + MIN_MINOR_VERSION
                        + " are no longer supported, was " + minorVersion, ErrorContext.builder()
                                .platform(Platform.QUICKBOOKS).build());
            }
            this.minorVersion = minorVersion;
            return this;
        }

        public Builder style(QuickBooksPostingStyle style) {
            this.style = Objects.requireNonNull(style, "style");
            return this;
        }

        /** The style for a posting mode, see {@link QuickBooksPostingStyle#forMode}. */
        public Builder mode(PostingMode mode) {
            return style(QuickBooksPostingStyle.forMode(mode));
        }

        /** The item sales or refund receipt lines on {@code accountCode} use (for {@link QuickBooksPostingStyle#SALES_RECEIPT}). */
        public Builder item(String accountCode, String itemId) {
            items.put(Objects.requireNonNull(accountCode, "accountCode"), Objects.requireNonNull(itemId, "itemId"));
            return this;
        }

        /** An account (besides bank accounts) deposits and receipts may settle into, e.g. a clearing account. */
        public Builder settlementAccount(String accountId) {
            settlementAccounts.add(Objects.requireNonNull(accountId, "accountId"));
            return this;
        }

        /** How long to wait after a 429; 60 seconds as Intuit asks. */
        public Builder throttleWait(Duration wait) {
            this.throttleWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** Create attempts after lost responses or 429s (each preceded by a look-up); 3 by default. */
        public Builder maxCreateAttempts(int attempts) {
            if (attempts < 1) {
                throw new ConfigurationException("maxCreateAttempts must be at least 1", ErrorContext.empty());
            }
            this.maxCreateAttempts = attempts;
            return this;
        }

        private HttpTransport transport() {
            return newTransport(HttpTransport.builder().platform(Platform.QUICKBOOKS)
                    .baseUrl(baseUrl + "/v3/company/" + realmId).auth(auth)
                    .errorMapper(new QuickBooksErrorMapper(throttleWait)).requestIdHeader("intuit_tid")
                    .userAgent("patternhub-java quickbooks"));
        }

        public QuickBooksLedger build() {
            ErrorContext ctx = ErrorContext.builder().platform(Platform.QUICKBOOKS).build();
            if (realmId == null || !realmId.matches("[0-9A-Za-z]+")) {
                throw new ConfigurationException("QuickBooksLedger needs the company's realmId (letters and digits),"
                        + " was '" + realmId + "'", ctx);
            }
            if (auth == null) {
                throw new ConfigurationException("QuickBooksLedger needs auth (an OAuth2AuthScheme)", ctx);
            }
            return new QuickBooksLedger(this);
        }
    }
}
