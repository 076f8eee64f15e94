package io.patternhub.testkit.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.RouteHandler;
import io.patternhub.testkit.SandboxError;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.OAuthTokenServer;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.limit.LimitAlgorithm;
import io.patternhub.testkit.limit.RateLimiter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful sandbox of the QuickBooks Online Accounting API v3 and of Intuit's token endpoint.
 *
 * <ul>
 *   <li>Companies ({@code realmId}) with accounts, tax codes and rates, items, and the transactions a
 *       ledger posts: {@code JournalEntry}, {@code Deposit}, {@code SalesReceipt}, {@code RefundReceipt}
 *       (JSON shapes of Finance.xsd), checked like QuickBooks checks them (balanced journal entries, known
 *       active accounts, tax codes and items, {@code DocNumber} of at most 21 characters). Duplicate
 *       document numbers are accepted, as QuickBooks does by default: idempotency is the client's job.</li>
 *   <li>{@code GET /v3/company/{realmId}/query} with {@code SELECT * FROM X WHERE F = 'v' AND G IN (...)}
 *       and {@code STARTPOSITION}/{@code MAXRESULTS}; {@code POST .../batch} of at most 10 items, run in
 *       order, each answered with its entity or its {@code Fault}.</li>
 *   <li>Every call needs {@code minorversion} of at least 75 and a bearer token (with
 *       {@link Builder#strictTokens()}, one this sandbox issued and not expired); errors are
 *       {@code Fault} documents.</li>
 *   <li>Limits per company: 500 calls a minute and 10 in progress at once; beyond, 429 with a
 *       {@code ThrottleExceeded} fault and no {@code Retry-After}.</li>
 *   <li>{@code POST /oauth2/v1/tokens/bearer}: refresh tokens rotate on every refresh; a used or revoked
 *       one is answered {@code invalid_grant}; with {@link Builder#oauthClient} the app's credentials
 *       are required as HTTP Basic ({@code invalid_client} otherwise).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class QuickBooksSandbox extends SandboxServer {
    /** The token endpoint path. */
    public static final String TOKEN_PATH = "/oauth2/v1/tokens/bearer";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String COMPANY = "/v3/company/{realmId}";
    private static final List<String> TRANSACTIONS = List.of("JournalEntry", "Deposit", "SalesReceipt", "RefundReceipt");

    private final Map<String, Company> companies = new LinkedHashMap<>();
    private final String defaultRealm;
    private final int maxConcurrent;
    private final Duration processingDelay;
    private final boolean strictTokens;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger peakConcurrency = new AtomicInteger();
    private final OAuthTokenServer tokens;

    /** One company's data; guarded by its own monitor. */
    private static final class Company {
        final String realmId;
        final Map<String, Map<String, ObjectNode>> entities = new LinkedHashMap<>();
        int nextId = 100;

        Company(String realmId) {
            this.realmId = realmId;
        }

        Map<String, ObjectNode> of(String entity) {
            return entities.computeIfAbsent(entity, k -> new LinkedHashMap<>());
        }

        ObjectNode add(String entity, ObjectNode node) {
            String id = node.hasNonNull("Id") ? node.path("Id").asText() : Integer.toString(nextId++);
            node.put("Id", id);
            of(entity).put(id, node);
            return node;
        }
    }

    private QuickBooksSandbox(Builder b) {
        super(b.withLimiters());
        for (String realm : b.realms) {
            Company c = new Company(realm);
            seed(c);
            companies.put(realm, c);
        }
        this.defaultRealm = b.realms.get(0);
        this.maxConcurrent = b.maxConcurrent;
        this.processingDelay = b.processingDelay;
        this.strictTokens = b.strictTokens;
        // Intuit: access tokens live an hour; refresh tokens rotate and a used one is refused
        this.tokens = new OAuthTokenServer(clock(), "qb", Duration.ofHours(1), Duration.ZERO,
                Map.of("x_refresh_token_expires_in", 8_726_400));
        if (b.clientId != null) {
            tokens.requireClient(b.clientId, b.clientSecret);
        }
        route("POST", TOKEN_PATH, tokens::answer);
        api("GET", "/query", (r, c) -> SandboxResponse.json(withTime(JSON.objectNode()
                .set("QueryResponse", query(c, r.query("query").orElse(null))))));
        for (String entity : TRANSACTIONS) {
            api("POST", "/" + entity.toLowerCase(Locale.ROOT), (r, c) -> createOne(c, entity, r.json()));
            api("GET", "/" + entity.toLowerCase(Locale.ROOT) + "/{id}", (r, c) -> readOne(c, entity, r.pathParam("id")));
        }
        api("POST", "/batch", this::batch);
    }

    /**
     * A sandbox with one company (realm {@code 9130350000000001}) and QuickBooks' limits.
     *
     * @return the builder
     */
    public static Builder quickBooksBuilder() {
        return new Builder();
    }

    @Override
    public QuickBooksSandbox start() {
        super.start();
        return this;
    }

    /** The first company's realm id. */
    public String realmId() {
        return defaultRealm;
    }

    /** The highest number of calls one company had in progress at once. */
    public int peakConcurrency() {
        return peakConcurrency.get();
    }

    /** How many refresh grants succeeded. */
    public int refreshCount() {
        return tokens.refreshCount();
    }

    /**
     * The token server: expire or revoke tokens, see what the latest refresh returned.
     *
     * @return the token server
     */
    public OAuthTokenServer tokens() {
        return tokens;
    }

    /**
     * The first company's transactions of one type, oldest first.
     *
     * @param entity JournalEntry, Deposit, SalesReceipt or RefundReceipt
     * @return copies of the stored transactions
     */
    public List<ObjectNode> transactions(String entity) {
        Company c = companies.get(defaultRealm);
        synchronized (c) {
            List<ObjectNode> out = new ArrayList<>();
            c.of(entity).values().forEach(n -> out.add(n.deepCopy()));
            return out;
        }
    }

    /** The first company's journal entries. */
    public List<ObjectNode> journalEntries() {
        return transactions("JournalEntry");
    }

    /**
     * Adds an account to the first company.
     *
     * @param id the account id journal lines refer to
     * @param name the name
     * @param accountType QuickBooks' type: Bank, Income, Expense, Other Current Liability...
     * @return this sandbox
     */
    public QuickBooksSandbox addAccount(String id, String name, String accountType) {
        Company c = companies.get(defaultRealm);
        synchronized (c) {
            c.add("Account", account(id, name, accountType));
        }
        return this;
    }

    /**
     * Marks an account of the first company inactive.
     *
     * @param id the account id
     * @return this sandbox
     */
    public QuickBooksSandbox deactivateAccount(String id) {
        Company c = companies.get(defaultRealm);
        synchronized (c) {
            Objects.requireNonNull(c.of("Account").get(id), () -> "no account " + id).put("Active", false);
        }
        return this;
    }

    /**
     * Adds a tax code with one sales rate to the first company.
     *
     * @param id the tax code id journal lines refer to
     * @param name the name
     * @param percent the rate in percent, e.g. 19
     * @return this sandbox
     */
    public QuickBooksSandbox addTaxCode(String id, String name, BigDecimal percent) {
        Company c = companies.get(defaultRealm);
        synchronized (c) {
            String rateId = "rate-" + id;
            c.add("TaxRate", JSON.objectNode().put("Id", rateId).put("Name", name).put("RateValue", percent)
                    .put("Active", true));
            ObjectNode code = JSON.objectNode().put("Id", id).put("Name", name).put("Active", true)
                    .put("Taxable", percent.signum() > 0);
            code.putObject("SalesTaxRateList").putArray("TaxRateDetail").addObject().putObject("TaxRateRef")
                    .put("value", rateId).put("name", name);
            c.add("TaxCode", code);
        }
        return this;
    }

    /**
     * Issues tokens as the authorization-code exchange would.
     *
     * @return fresh tokens valid for one hour by the sandbox clock
     */
    public QuickBooksTokens issueTokens() {
        OAuthTokenServer.Issued t = tokens.issue();
        return new QuickBooksTokens(t.accessToken(), t.refreshToken(), t.expiresAt());
    }

    // ---- seeding

    private static void seed(Company c) {
        c.add("Account", account("1", "Checking", "Bank"));
        c.add("Account", account("2", "Payout Clearing", "Bank"));
        c.add("Account", account("10", "Pattern Sales", "Income"));
        c.add("Account", account("11", "Refunds", "Income"));
        c.add("Account", account("20", "Merchant Fees", "Expense"));
        c.add("Account", account("21", "Advertising", "Expense"));
        c.add("Account", account("30", "Sales Tax Payable", "Other Current Liability"));
        c.add("Account", account("31", "Rounding", "Other Current Liability"));
        ObjectNode rate = JSON.objectNode().put("Id", "5").put("Name", "Standard 20%").put("RateValue", 20)
                .put("Active", true);
        c.add("TaxRate", rate);
        ObjectNode vat = JSON.objectNode().put("Id", "3").put("Name", "20.0% S").put("Active", true)
                .put("Taxable", true);
        vat.putObject("SalesTaxRateList").putArray("TaxRateDetail").addObject().putObject("TaxRateRef")
                .put("value", "5").put("name", "Standard 20%");
        c.add("TaxCode", vat);
        ObjectNode none = JSON.objectNode().put("Id", "4").put("Name", "No VAT").put("Active", true)
                .put("Taxable", false);
        none.putObject("SalesTaxRateList").putArray("TaxRateDetail");
        c.add("TaxCode", none);
        ObjectNode item = JSON.objectNode().put("Id", "1").put("Name", "Digital pattern").put("Type", "Service")
                .put("Active", true);
        item.putObject("IncomeAccountRef").put("value", "10");
        c.add("Item", item);
        ObjectNode fee = JSON.objectNode().put("Id", "2").put("Name", "Marketplace fee").put("Type", "Service")
                .put("Active", true);
        fee.putObject("IncomeAccountRef").put("value", "20");
        c.add("Item", fee);
        ObjectNode tax = JSON.objectNode().put("Id", "3").put("Name", "Tax collected").put("Type", "Service")
                .put("Active", true);
        tax.putObject("IncomeAccountRef").put("value", "30");
        c.add("Item", tax);
    }

    private static ObjectNode account(String id, String name, String type) {
        ObjectNode a = JSON.objectNode().put("Id", id).put("Name", name).put("AccountType", type).put("Active", true)
                .put("SyncToken", "0");
        a.putObject("CurrencyRef").put("value", "USD");
        return a;
    }

    // ---- plumbing

    @FunctionalInterface
    private interface CompanyHandler {
        SandboxResponse handle(SandboxRequest request, Company company);
    }

    private void api(String method, String path, CompanyHandler handler) {
        route(method, COMPANY + path, guarded(handler));
    }

    private RouteHandler guarded(CompanyHandler handler) {
        return request -> {
            requireBearer(request);
            int minor;
            try {
                minor = Integer.parseInt(request.query("minorversion").orElse("0"));
            } catch (NumberFormatException e) {
                minor = 0;
            }
            if (minor < 75) {
                return fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property",
                        "minorversion " + request.query("minorversion").orElse("(missing)") + " is not supported;"
                                + " send minorversion=75 or later on every call", "minorversion");
            }
            Company company = companies.get(request.pathParam("realmId"));
            if (company == null) {
                return fault(403, "AuthorizationFault", "3100", "message=ApplicationAuthorizationFailed; errorCode=003100;"
                        + " statusCode=403", "The token is not authorised for company " + request.pathParam("realmId"), "");
            }
            AtomicInteger running = inFlight.computeIfAbsent(company.realmId, k -> new AtomicInteger());
            int now = running.incrementAndGet();
            try {
                if (now > maxConcurrent) {
                    return throttled();
                }
                peakConcurrency.accumulateAndGet(now, Math::max);
                pause();
                synchronized (company) {
                    return handler.handle(request, company);
                }
            } finally {
                running.decrementAndGet();
            }
        };
    }

    private void requireBearer(SandboxRequest request) {
        String auth = request.header("Authorization").orElse("");
        String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
        boolean ok = !token.isBlank();
        if (ok && strictTokens) {
            ok = tokens.accepts(token);
        }
        if (!ok) {
            throw new SandboxRejection(SandboxError.of(401, "3200",
                    "message=AuthenticationFailed; errorCode=003200; statusCode=401"));
        }
    }

    private void pause() {
        if (!processingDelay.isZero()) {
            try {
                Thread.sleep(processingDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ObjectNode withTime(ObjectNode body) {
        body.put("time", clock().instant().atOffset(ZoneOffset.UTC).toString());
        return body;
    }

    private static SandboxResponse throttled() {
        return fault(429, "SystemFault", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                "The request limit was reached.", "");
    }

    private static SandboxResponse fault(int status, String type, String code, String message, String detail,
            String element) {
        return SandboxResponse.json(status, faultBody(type, List.of(error(code, message, detail, element))));
    }

    private static ObjectNode faultBody(String type, List<ObjectNode> errors) {
        ObjectNode body = JSON.objectNode();
        ObjectNode fault = body.putObject("Fault");
        ArrayNode arr = fault.putArray("Error");
        errors.forEach(arr::add);
        fault.put("type", type);
        body.put("time", Instant.now().atOffset(ZoneOffset.UTC).toString());
        return body;
    }

    private static ObjectNode error(String code, String message, String detail, String element) {
        return JSON.objectNode().put("Message", message).put("Detail", detail).put("code", code)
                .put("element", element);
    }

    // ---- queries and transactions

    private ObjectNode query(Company company, String sql) {
        QboQuery q;
        try {
            q = QboQuery.parse(sql);
        } catch (IllegalArgumentException e) {
            throw new SandboxRejection(new SandboxError(400, "4000", e.getMessage(),
                    List.of(new ValidationError("query", "4000", e.getMessage()))));
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode row : company.of(q.entity).values()) {
            if (q.matches(row)) {
                rows.add(row);
            }
        }
        ObjectNode response = JSON.objectNode();
        int from = Math.min(rows.size(), Math.max(0, q.startPosition - 1));
        List<ObjectNode> page = rows.subList(from, Math.min(rows.size(), from + q.maxResults));
        if (!page.isEmpty()) {
            ArrayNode arr = response.putArray(q.entity);
            page.forEach(r -> arr.add(r.deepCopy()));
            response.put("startPosition", q.startPosition);
            response.put("maxResults", page.size());
        }
        return response;
    }

    private SandboxResponse readOne(Company company, String entity, String id) {
        ObjectNode txn = company.of(entity).get(id);
        if (txn == null) {
            return fault(400, "ValidationFault", "610", "Object Not Found",
                    "Object Not Found : Something you're trying to use has been made inactive. Check the fields with"
                            + " accounts, customers, items, vendors or employees.", "");
        }
        return SandboxResponse.json(withTime(JSON.objectNode().set(entity, txn.deepCopy())));
    }

    private SandboxResponse createOne(Company company, String entity, JsonNode body) {
        ObjectNode txn = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.objectNode();
        List<ObjectNode> errors = check(company, entity, txn);
        if (!errors.isEmpty()) {
            return SandboxResponse.json(400, faultBody("ValidationFault", errors));
        }
        return SandboxResponse.json(withTime(JSON.objectNode().set(entity, store(company, entity, txn).deepCopy())));
    }

    private SandboxResponse batch(SandboxRequest request, Company company) {
        JsonNode items = request.json().path("BatchItemRequest");
        if (!items.isArray() || items.isEmpty() || items.size() > 10) {
            return fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property",
                    "A batch carries 1 to 10 BatchItemRequest items, got " + items.size(), "BatchItemRequest");
        }
        ArrayNode responses = JSON.arrayNode();
        for (JsonNode item : items) {
            ObjectNode r = responses.addObject();
            r.put("bId", item.path("bId").asText());
            if (item.has("Query")) {
                try {
                    r.set("QueryResponse", query(company, item.path("Query").asText()));
                } catch (SandboxRejection e) {
                    r.set("Fault", faultBody("ValidationFault", List.of(error("4000", e.getMessage(), "", "")))
                            .path("Fault"));
                }
                continue;
            }
            String entity = TRANSACTIONS.stream().filter(item::has).findFirst().orElse(null);
            if (entity == null || !"create".equals(item.path("operation").asText())) {
                r.set("Fault", faultBody("ValidationFault", List.of(error("2010",
                        "Request has invalid or unsupported property", "The sandbox supports create of "
                                + TRANSACTIONS + " and Query items", ""))).path("Fault"));
                continue;
            }
            ObjectNode txn = ((ObjectNode) item.path(entity)).deepCopy();
            List<ObjectNode> errors = check(company, entity, txn);
            if (errors.isEmpty()) {
                r.set(entity, store(company, entity, txn).deepCopy());
            } else {
                r.set("Fault", faultBody("ValidationFault", errors).path("Fault"));
            }
        }
        return SandboxResponse.json(withTime(JSON.objectNode().set("BatchItemResponse", responses)));
    }

    private ObjectNode store(Company company, String entity, ObjectNode txn) {
        txn.remove("Id");
        txn.put("SyncToken", "0");
        txn.put("domain", "QBO");
        txn.put("sparse", false);
        txn.put("TxnDate", txn.path("TxnDate").asText(LocalDate.now(clock()).toString()));
        txn.put("TotalAmt", total(entity, txn));
        String now = clock().instant().atOffset(ZoneOffset.UTC).toString();
        txn.putObject("MetaData").put("CreateTime", now).put("LastUpdatedTime", now);
        int lineId = 1;
        for (JsonNode line : txn.path("Line")) {
            ((ObjectNode) line).put("Id", Integer.toString(lineId++));
        }
        return company.add(entity, txn);
    }

    private static BigDecimal total(String entity, JsonNode txn) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : txn.path("Line")) {
            boolean counts = !"JournalEntry".equals(entity)
                    || "Debit".equals(line.path("JournalEntryLineDetail").path("PostingType").asText());
            if (counts) {
                total = total.add(line.path("Amount").decimalValue());
            }
        }
        return total;
    }

    private List<ObjectNode> check(Company company, String entity, ObjectNode txn) {
        List<ObjectNode> errors = new ArrayList<>();
        String docNumber = txn.path("DocNumber").asText("");
        if (docNumber.length() > 21) {
            errors.add(error("6000", "A business validation error has occurred while processing your request",
                    "Business Validation Error: DocNumber '" + docNumber + "' is longer than 21 characters", "DocNumber"));
        }
        JsonNode lines = txn.path("Line");
        if (!lines.isArray() || lines.isEmpty()) {
            errors.add(error("2020", "Required param missing, need to supply the required value for the API",
                    "Required parameter Line is missing in the request", "Line"));
            return errors;
        }
        String detailType = switch (entity) {
            case "JournalEntry" -> "JournalEntryLineDetail";
            case "Deposit" -> "DepositLineDetail";
            default -> "SalesItemLineDetail";
        };
        if (!"JournalEntry".equals(entity)) {
            requireAccount(company, txn.path("DepositToAccountRef"), "DepositToAccountRef", errors);
        }
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            if (!detailType.equals(line.path("DetailType").asText())) {
                errors.add(error("2010", "Request has invalid or unsupported property", "Line.DetailType must be "
                        + detailType + " for a " + entity, "Line.DetailType"));
                continue;
            }
            if (!line.path("Amount").isNumber()) {
                errors.add(error("2020", "Required param missing, need to supply the required value for the API",
                        "Required parameter Line.Amount is missing in the request", "Line.Amount"));
                continue;
            }
            JsonNode detail = line.path(detailType);
            BigDecimal amount = line.path("Amount").decimalValue();
            if ("SalesItemLineDetail".equals(detailType)) {
                String item = detail.path("ItemRef").path("value").asText("");
                if (!company.of("Item").containsKey(item)) {
                    errors.add(invalidReference("ItemRef", item));
                }
            } else {
                requireAccount(company, detail.path("AccountRef"), "Line.AccountRef", errors);
            }
            String taxCode = detail.path("TaxCodeRef").path("value").asText("");
            if (!taxCode.isEmpty() && !company.of("TaxCode").containsKey(taxCode)) {
                errors.add(invalidReference("TaxCodeRef", taxCode));
            }
            if ("JournalEntryLineDetail".equals(detailType)) {
                String posting = detail.path("PostingType").asText("");
                if (amount.signum() < 0) {
                    errors.add(error("6000", "A business validation error has occurred while processing your request",
                            "Business Validation Error: journal entry line amounts cannot be negative", "Line.Amount"));
                }
                if ("Debit".equals(posting)) {
                    debits = debits.add(amount);
                } else if ("Credit".equals(posting)) {
                    credits = credits.add(amount);
                } else {
                    errors.add(error("2010", "Request has invalid or unsupported property",
                            "PostingType must be Debit or Credit", "Line.JournalEntryLineDetail.PostingType"));
                }
            } else {
                debits = debits.add(amount);
            }
        }
        if ("JournalEntry".equals(entity) && errors.isEmpty() && debits.compareTo(credits) != 0) {
            errors.add(error("6000", "A business validation error has occurred while processing your request",
                    "Business Validation Error: Your debits (" + debits.toPlainString() + ") and credits ("
                            + credits.toPlainString() + ") must be equal", "Line"));
        }
        if (!"JournalEntry".equals(entity) && errors.isEmpty() && debits.signum() < 0) {
            errors.add(error("6000", "A business validation error has occurred while processing your request",
                    "Business Validation Error: the transaction total cannot be negative", "Line"));
        }
        return errors;
    }

    private static void requireAccount(Company company, JsonNode ref, String element, List<ObjectNode> errors) {
        String id = ref.path("value").asText("");
        ObjectNode account = company.of("Account").get(id);
        if (account == null || !account.path("Active").asBoolean(true)) {
            errors.add(invalidReference(element, id));
        }
    }

    private static ObjectNode invalidReference(String element, String id) {
        return error("2500", "Invalid Reference Id", "Invalid Reference Id : " + element + " " + id
                + " does not exist or is inactive", element);
    }

    /** QuickBooks-shaped faults for what the base server rejects. */
    static SandboxResponse format(SandboxError error) {
        return switch (error.status()) {
            case 401 -> fault(401, "AuthenticationFault", "3200", error.message(), "Token expired or invalid", "");
            case 429 -> throttled();
            case 404, 405 -> fault(error.status(), "ValidationFault", "2010", "Unsupported operation", error.message(), "");
            default -> error.status() >= 500
                    ? fault(error.status(), "SystemFault", "10000", "An application error has occurred while"
                            + " processing your request", error.message(), "")
                    : fault(error.status(), "ValidationFault", error.code(), error.message(),
                            error.details().isEmpty() ? error.message() : error.details().get(0).message(), "");
        };
    }

    /** Configures a {@link QuickBooksSandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private final List<String> realms = new ArrayList<>();
        private long perMinute = 500;
        private int maxConcurrent = 10;
        private Duration processingDelay = Duration.ZERO;
        private boolean strictTokens;
        private String clientId;
        private String clientSecret;
        private Clock limitClock = Clock.systemUTC();

        private Builder() {
            errorFormatter(QuickBooksSandbox::format);
        }

        /**
         * Adds a company; the first is the default. Without any, realm {@code 9130350000000001}.
         *
         * @param realmId the company id
         * @return this builder
         */
        public Builder company(String realmId) {
            realms.add(Objects.requireNonNull(realmId, "realmId"));
            return this;
        }

        /**
         * Calls per company per minute (500).
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder perMinute(long limit) {
            this.perMinute = limit;
            return this;
        }

        /**
         * Calls in progress at once per company (10).
         *
         * @param max the cap
         * @return this builder
         */
        public Builder maxConcurrent(int max) {
            this.maxConcurrent = max;
            return this;
        }

        /**
         * How long each API call takes inside the sandbox.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder processingDelay(Duration delay) {
            this.processingDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Accepts only access tokens this sandbox issued and that have not expired.
         *
         * @return this builder
         */
        public Builder strictTokens() {
            this.strictTokens = true;
            return this;
        }

        /**
         * Requires the app's client id and secret (HTTP Basic) on the token endpoint, as Intuit does;
         * without this any client may refresh.
         *
         * @param clientId     the app's client id
         * @param clientSecret the app's client secret
         * @return this builder
         */
        public Builder oauthClient(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            super.clock(clock);
            this.limitClock = clock;
            return this;
        }

        /**
         * Builds the sandbox (not started).
         *
         * @return the sandbox
         */
        @Override
        public QuickBooksSandbox build() {
            if (realms.isEmpty()) {
                realms.add("9130350000000001");
            }
            return new QuickBooksSandbox(this);
        }

        private Builder withLimiters() {
            limiter(RateLimiter.builder("minute", LimitAlgorithm.slidingWindow(perMinute, Duration.ofMinutes(1)))
                    .appliesTo(r -> r.path().startsWith("/v3/company/"))
                    .partitionBy(r -> r.path().split("/").length > 3 ? r.path().split("/")[3] : "")
                    .clock(limitClock)
                    .throttleResponse((r, s) -> throttled()).build());
            return this;
        }
    }
}
