package io.patternhub.testkit.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.testkit.ErrorFormatter;
import io.patternhub.testkit.RouteHandler;
import io.patternhub.testkit.SandboxError;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.OAuthTokenServer;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.limit.LimitAlgorithm;
import io.patternhub.testkit.limit.LimitHeaders;
import io.patternhub.testkit.limit.RateLimiter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful sandbox of the Xero Accounting API 2.0 and of {@code GET /Connections}.
 *
 * <ul>
 *   <li>Organisations (tenants) with a chart of accounts, tax rates, contacts, invoices, payments, bank
 *       transactions and manual journals; documents are checked like Xero checks them (balanced manual
 *       journals, known and active account codes and tax types, payments to bank accounts and no larger
 *       than the amount due) and stored with Xero's ids, totals and {@code /Date(...)/} dates.</li>
 *   <li>Every Accounting API request is validated against xero_accounting.yaml ({@link XeroSpecValidator});
 *       a request that breaks the spec is answered 400 with Xero's error document, and never handled.</li>
 *   <li>{@code xero-tenant-id} must name a connected organisation (403 otherwise); a bearer token is
 *       required (401 otherwise; with {@link Builder#strictTokens()}, one this sandbox issued and not
 *       expired).</li>
 *   <li>{@code POST /connect/token} (identity.xero.com): the {@code refresh_token} grant; access tokens
 *       live 30 minutes, each refresh rotates the refresh token and the old one still works for a
 *       30-minute grace period, then (or once revoked) it is {@code invalid_grant}. With
 *       {@link Builder#oauthClient} the app's credentials are required as HTTP Basic.</li>
 *   <li>Limits per organisation: 60 calls in any minute, 5,000 in any day, 5 in progress at once; 10,000
 *       per minute per app. Every response carries {@code X-MinLimit-Remaining},
 *       {@code X-DayLimit-Remaining} and {@code X-AppMinLimit-Remaining}; a throttled call gets 429 with
 *       {@code Retry-After} and {@code X-Rate-Limit-Problem}.</li>
 *   <li>{@code summarizeErrors=false} answers 200 with each invalid element carrying its
 *       {@code ValidationErrors}; otherwise one invalid element fails the whole call with a 400
 *       {@code ValidationException}.</li>
 *   <li>{@code Idempotency-Key}: a repeated key on the same route of the same organisation gets the
 *       first answer again and creates nothing. (Xero's retention window is not documented; the sandbox
 *       keeps keys for its lifetime, and does not compare bodies.)</li>
 * </ul>
 *
 * <p>Thread-safe. Start it, point {@code XeroLedger} at {@link #apiBaseUrl()} and {@link #baseUrl()}.
 */
public final class XeroSandbox extends SandboxServer {
    /** The Accounting API path prefix. */
    public static final String API = XeroSpecValidator.BASE_PATH;
    /** The token endpoint path (on identity.xero.com in production). */
    public static final String TOKEN_PATH = "/connect/token";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, XeroOrganisation> organisations = new LinkedHashMap<>();
    private final String defaultTenantId;
    private final int maxConcurrent;
    private final Duration processingDelay;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger peakConcurrency = new AtomicInteger();
    private final Map<String, SandboxResponse> idempotent = new ConcurrentHashMap<>();
    private final boolean strictTokens;
    private final OAuthTokenServer tokens;

    private XeroSandbox(Builder b) {
        super(b.limiters(b));
        for (String[] org : b.organisations) {
            organisations.put(org[0], new XeroOrganisation(org[0], org[1], org[2]));
        }
        this.defaultTenantId = b.organisations.get(0)[0];
        this.maxConcurrent = b.maxConcurrent;
        this.processingDelay = b.processingDelay;
        organisations.values().forEach(XeroSandbox::seed);
        this.strictTokens = b.strictTokens;
        this.tokens = new OAuthTokenServer(clock(), "xero", Duration.ofMinutes(30), Duration.ofMinutes(30), Map.of());
        if (b.clientId != null) {
            tokens.requireClient(b.clientId, b.clientSecret);
        }
        route("POST", TOKEN_PATH, tokens::answer);
        route("GET", "/Connections", this::connections);
        route("GET", "/connections", this::connections);
        api("GET", "/Accounts", (r, o) -> list(r, o, o.accounts, "Accounts"));
        api("GET", "/TaxRates", (r, o) -> list(r, o, o.taxRates, "TaxRates"));
        api("GET", "/Contacts", (r, o) -> list(r, o, o.contacts, "Contacts"));
        api("GET", "/ManualJournals", (r, o) -> list(r, o, o.manualJournals, "ManualJournals"));
        api("GET", "/ManualJournals/{ManualJournalID}", (r, o) -> one(o.manualJournals, "ManualJournals", r.pathParam("ManualJournalID")));
        api("GET", "/Invoices", (r, o) -> list(r, o, o.invoices, "Invoices"));
        api("GET", "/Invoices/{InvoiceID}", (r, o) -> one(o.invoices, "Invoices", r.pathParam("InvoiceID")));
        api("GET", "/Payments", (r, o) -> list(r, o, o.payments, "Payments"));
        api("GET", "/BankTransactions", (r, o) -> list(r, o, o.bankTransactions, "BankTransactions"));
        api("GET", "/BankTransactions/{BankTransactionID}", (r, o) -> one(o.bankTransactions, "BankTransactions", r.pathParam("BankTransactionID")));
        for (String method : new String[] {"PUT", "POST"}) {
            api(method, "/ManualJournals", (r, o) -> create(r, o, "ManualJournals", this::manualJournal));
            api(method, "/Invoices", (r, o) -> create(r, o, "Invoices", this::invoice));
            api(method, "/Payments", (r, o) -> create(r, o, "Payments", this::payment));
            api(method, "/BankTransactions", (r, o) -> create(r, o, "BankTransactions", this::bankTransaction));
            api(method, "/Contacts", (r, o) -> create(r, o, "Contacts", this::contact));
        }
    }

    /**
     * A sandbox with one organisation ("PatternHub Demo", base currency USD), the spec validator loaded
     * afresh, and Xero's limits.
     *
     * @return the builder
     */
    public static Builder xeroBuilder() {
        return new Builder();
    }

    @Override
    public XeroSandbox start() {
        super.start();
        return this;
    }

    /** The Accounting API root to give {@code XeroLedger.Builder.baseUrl}. */
    public String apiBaseUrl() {
        return baseUrl() + API;
    }

    /** The first organisation's tenant id. */
    public String tenantId() {
        return defaultTenantId;
    }

    /** The highest number of requests one organisation had in progress at once. */
    public int peakConcurrency() {
        return peakConcurrency.get();
    }

    /**
     * The token server: issue, expire or revoke tokens, count refreshes.
     *
     * @return the token server
     */
    public OAuthTokenServer tokens() {
        return tokens;
    }

    /** The manual journals of the first organisation, as Xero would return them. */
    public List<ObjectNode> manualJournals() {
        return org(defaultTenantId).snapshot(org(defaultTenantId).manualJournals);
    }

    /** The invoices of the first organisation. */
    public List<ObjectNode> invoices() {
        return org(defaultTenantId).snapshot(org(defaultTenantId).invoices);
    }

    /** The payments of the first organisation. */
    public List<ObjectNode> payments() {
        return org(defaultTenantId).snapshot(org(defaultTenantId).payments);
    }

    /** The bank transactions of the first organisation. */
    public List<ObjectNode> bankTransactions() {
        return org(defaultTenantId).snapshot(org(defaultTenantId).bankTransactions);
    }

    /** The contacts of the first organisation. */
    public List<ObjectNode> contacts() {
        return org(defaultTenantId).snapshot(org(defaultTenantId).contacts);
    }

    /**
     * Adds an account to the first organisation's chart.
     *
     * @param code the account code
     * @param name the name
     * @param type Xero's type: BANK, CURRENT, CURRLIAB, REVENUE, SALES, DIRECTCOSTS, EXPENSE, OVERHEADS...
     * @return this sandbox
     */
    public XeroSandbox addAccount(String code, String name, String type) {
        XeroOrganisation o = org(defaultTenantId);
        synchronized (o) {
            putAccount(o, code, name, type, "ACTIVE");
        }
        return this;
    }

    /**
     * Archives an account of the first organisation: journals may no longer use it.
     *
     * @param code the account code
     * @return this sandbox
     */
    public XeroSandbox archiveAccount(String code) {
        XeroOrganisation o = org(defaultTenantId);
        synchronized (o) {
            o.accountByCode(code).orElseThrow(() -> new IllegalArgumentException("no account " + code))
                    .put("Status", "ARCHIVED");
        }
        return this;
    }

    /**
     * Adds a tax rate to the first organisation.
     *
     * @param taxType the code journal lines use
     * @param name the name
     * @param percent the rate in percent, e.g. 20
     * @return this sandbox
     */
    public XeroSandbox addTaxRate(String taxType, String name, BigDecimal percent) {
        XeroOrganisation o = org(defaultTenantId);
        synchronized (o) {
            putTaxRate(o, taxType, name, percent);
        }
        return this;
    }

    // ---- seeding

    private static void seed(XeroOrganisation o) {
        putAccount(o, "090", "Business Bank Account", "BANK", "ACTIVE").put("BankAccountNumber", "0000000001");
        putAccount(o, "091", "Payout Clearing", "BANK", "ACTIVE").put("BankAccountNumber", "0000000002");
        putAccount(o, "200", "Sales", "REVENUE", "ACTIVE");
        putAccount(o, "260", "Other Revenue", "REVENUE", "ACTIVE");
        putAccount(o, "400", "Advertising", "OVERHEADS", "ACTIVE");
        putAccount(o, "404", "Bank Fees", "OVERHEADS", "ACTIVE");
        putAccount(o, "610", "Accounts Receivable", "CURRENT", "ACTIVE").put("SystemAccount", "DEBTORS");
        putAccount(o, "800", "Accounts Payable", "CURRLIAB", "ACTIVE").put("SystemAccount", "CREDITORS");
        putAccount(o, "820", "Sales Tax", "CURRLIAB", "ACTIVE");
        putAccount(o, "860", "Rounding", "CURRLIAB", "ACTIVE");
        putTaxRate(o, "NONE", "No Tax", BigDecimal.ZERO);
        putTaxRate(o, "OUTPUT", "Sales Tax on Income", new BigDecimal("20"));
        putTaxRate(o, "EXEMPTOUTPUT", "Exempt Income", BigDecimal.ZERO);
    }

    private static ObjectNode putAccount(XeroOrganisation o, String code, String name, String type, String status) {
        ObjectNode a = JSON.objectNode();
        a.put("AccountID", UUID.randomUUID().toString());
        a.put("Code", code);
        a.put("Name", name);
        a.put("Type", type);
        a.put("Status", status);
        a.put("TaxType", "NONE");
        a.put("EnablePaymentsToAccount", "BANK".equals(type));
        if ("BANK".equals(type)) {
            a.put("BankAccountType", "BANK");
            a.put("CurrencyCode", o.baseCurrency);
        }
        o.accounts.put(a.path("AccountID").asText(), a);
        return a;
    }

    private static void putTaxRate(XeroOrganisation o, String taxType, String name, BigDecimal percent) {
        ObjectNode t = JSON.objectNode();
        t.put("Name", name);
        t.put("TaxType", taxType);
        t.put("Status", "ACTIVE");
        t.put("ReportTaxType", "OUTPUT");
        t.put("CanApplyToRevenue", true);
        t.put("DisplayTaxRate", percent);
        t.put("EffectiveRate", percent);
        t.putArray("TaxComponents").addObject().put("Name", name).put("Rate", percent).put("IsCompound", false);
        o.taxRates.put(taxType, t);
    }

    // ---- plumbing

    /** A handler that runs inside one organisation. */
    @FunctionalInterface
    private interface OrgHandler {
        SandboxResponse handle(SandboxRequest request, XeroOrganisation org);
    }

    private void api(String method, String path, OrgHandler handler) {
        route(method, API + path, guarded(handler));
    }

    private RouteHandler guarded(OrgHandler handler) {
        return request -> {
            requireBearer(request);
            String tenant = request.header("xero-tenant-id").orElse("");
            XeroOrganisation org = organisations.get(tenant);
            if (org == null) {
                return problem(403, "Forbidden", "AuthenticationUnsuccessful: xero-tenant-id '" + tenant
                        + "' is not an organisation this token is connected to");
            }
            AtomicInteger running = inFlight.computeIfAbsent(tenant, k -> new AtomicInteger());
            int now = running.incrementAndGet();
            try {
                if (now > maxConcurrent) {
                    return problem(429, "Too Many Requests", "More than " + maxConcurrent
                            + " calls in progress for this organisation")
                            .withHeader("Retry-After", "1").withHeader("X-Rate-Limit-Problem", "concurrent");
                }
                peakConcurrency.accumulateAndGet(now, Math::max);
                pause();
                Optional<String> key = request.isWrite() ? request.header("Idempotency-Key") : Optional.empty();
                if (key.isEmpty()) {
                    synchronized (org) {
                        return handler.handle(request, org);
                    }
                }
                String slot = tenant + "|" + request.method() + " " + request.path() + "|" + key.get();
                synchronized (org) {
                    SandboxResponse earlier = idempotent.get(slot);
                    if (earlier != null) {
                        return earlier;
                    }
                    SandboxResponse answer = handler.handle(request, org);
                    idempotent.put(slot, answer);
                    return answer;
                }
            } finally {
                running.decrementAndGet();
            }
        };
    }

    private void pause() {
        if (processingDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(processingDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireBearer(SandboxRequest request) {
        String auth = request.header("Authorization").orElse("");
        if (!auth.startsWith("Bearer ") || auth.length() <= 7) {
            throw new SandboxRejection(SandboxError.of(401, "Unauthorized", "AuthenticationUnsuccessful: no bearer token"));
        }
        if (strictTokens && !tokens.accepts(auth.substring(7))) {
            throw new SandboxRejection(SandboxError.of(401, "Unauthorized",
                    "AuthenticationUnsuccessful: the access token is expired or was not issued here"));
        }
    }

    private XeroOrganisation org(String tenantId) {
        return Objects.requireNonNull(organisations.get(tenantId), () -> "no organisation " + tenantId);
    }

    private SandboxResponse connections(SandboxRequest request) {
        requireBearer(request);
        ArrayNode out = JSON.arrayNode();
        for (XeroOrganisation o : organisations.values()) {
            ObjectNode c = out.addObject();
            c.put("id", UUID.nameUUIDFromBytes(("connection-" + o.tenantId).getBytes()).toString());
            c.put("authEventId", UUID.nameUUIDFromBytes(("auth-" + o.tenantId).getBytes()).toString());
            c.put("tenantId", o.tenantId);
            c.put("tenantType", "ORGANISATION");
            c.put("tenantName", o.name);
            c.put("createdDateUtc", clock().instant().toString());
            c.put("updatedDateUtc", clock().instant().toString());
        }
        return SandboxResponse.json(out);
    }

    private ObjectNode envelope() {
        ObjectNode env = JSON.objectNode();
        env.put("Id", UUID.randomUUID().toString());
        env.put("Status", "OK");
        env.put("ProviderName", "PatternHub Xero sandbox");
        env.put("DateTimeUTC", "/Date(" + clock().millis() + ")/");
        return env;
    }

    private SandboxResponse list(SandboxRequest request, XeroOrganisation org, Map<String, ObjectNode> items,
            String collection) {
        XeroQuery where = XeroQuery.parse(request.query("where").orElse(null));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode item : items.values()) {
            if (where.matches(item)) {
                matching.add(item);
            }
        }
        int page = request.query("page").map(Integer::parseInt).orElse(0);
        int pageSize = request.query("pageSize").map(Integer::parseInt).orElse(100);
        ObjectNode env = envelope();
        List<ObjectNode> shown = matching;
        if (page > 0) {
            int from = Math.min(matching.size(), (page - 1) * pageSize);
            shown = matching.subList(from, Math.min(matching.size(), from + pageSize));
            env.putObject("pagination").put("page", page).put("pageSize", pageSize)
                    .put("pageCount", (matching.size() + pageSize - 1) / pageSize).put("itemCount", matching.size());
        }
        ArrayNode arr = env.putArray(collection);
        shown.forEach(i -> arr.add(i.deepCopy()));
        return SandboxResponse.json(env);
    }

    private SandboxResponse one(Map<String, ObjectNode> items, String collection, String id) {
        ObjectNode item = items.get(id);
        if (item == null) {
            return problem(404, "Not Found", "The resource you're looking for cannot be found");
        }
        ObjectNode env = envelope();
        env.putArray(collection).add(item.deepCopy());
        return SandboxResponse.json(env);
    }

    /** Checks one element and, when valid, stores it; returns the problems found. */
    @FunctionalInterface
    private interface ElementCreator {
        List<String> create(XeroOrganisation org, ObjectNode element, boolean store);
    }

    private SandboxResponse create(SandboxRequest request, XeroOrganisation org, String collection,
            ElementCreator creator) {
        JsonNode body = request.json();
        JsonNode elements = body.path(collection);
        if (!elements.isArray()) {
            elements = JSON.arrayNode().add(body); // a single object is accepted too
        }
        boolean summarize = !"false".equalsIgnoreCase(request.query("summarizeErrors").orElse("true"));
        List<ObjectNode> copies = new ArrayList<>();
        List<List<String>> problems = new ArrayList<>();
        boolean anyInvalid = false;
        for (JsonNode e : elements) {
            ObjectNode copy = ((ObjectNode) e).deepCopy();
            List<String> p = creator.create(org, copy, false);
            anyInvalid |= !p.isEmpty();
            copies.add(copy);
            problems.add(p);
        }
        if (summarize && anyInvalid) {
            ObjectNode err = JSON.objectNode();
            err.put("ErrorNumber", 10);
            err.put("Type", "ValidationException");
            err.put("Message", "A validation exception occurred");
            ArrayNode els = err.putArray("Elements");
            for (int i = 0; i < copies.size(); i++) {
                els.add(withErrors(copies.get(i), problems.get(i)));
            }
            return SandboxResponse.json(400, err);
        }
        ObjectNode env = envelope();
        ArrayNode out = env.putArray(collection);
        for (int i = 0; i < copies.size(); i++) {
            if (problems.get(i).isEmpty()) {
                creator.create(org, copies.get(i), true);
                out.add(copies.get(i).deepCopy());
            } else {
                out.add(withErrors(copies.get(i), problems.get(i)));
            }
        }
        return SandboxResponse.json(env);
    }

    private static ObjectNode withErrors(ObjectNode element, List<String> problems) {
        ObjectNode e = element.deepCopy();
        if (!problems.isEmpty()) {
            e.put("StatusAttributeString", "ERROR");
            e.put("HasErrors", true);
            ArrayNode errs = e.putArray("ValidationErrors");
            problems.forEach(p -> errs.addObject().put("Message", p));
        }
        return e;
    }

    // ---- documents

    private List<String> manualJournal(XeroOrganisation org, ObjectNode mj, boolean store) {
        List<String> problems = new ArrayList<>();
        if (mj.path("Narration").asText("").isBlank()) {
            problems.add("Narration cannot be empty");
        }
        JsonNode lines = mj.path("JournalLines");
        if (lines.size() < 2) {
            problems.add("A manual journal must have at least two journal lines");
        }
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (JsonNode l : lines) {
            checkAccount(org, l.path("AccountCode").asText(""), problems);
            checkTaxType(org, l, problems);
            BigDecimal amt = l.path("LineAmount").decimalValue();
            if (amt.signum() >= 0) {
                debits = debits.add(amt);
            } else {
                credits = credits.add(amt.negate());
            }
        }
        if (debits.compareTo(credits) != 0) {
            problems.add("The total debits (" + debits.toPlainString() + ") must equal total credits ("
                    + credits.toPlainString() + ")");
        }
        if (store && problems.isEmpty()) {
            String id = UUID.randomUUID().toString();
            mj.put("ManualJournalID", id);
            mj.put("Date", xeroDate(mj.path("Date").asText(null)));
            mj.put("Status", mj.path("Status").asText("DRAFT"));
            mj.put("LineAmountTypes", mj.path("LineAmountTypes").asText("NoTax"));
            mj.put("UpdatedDateUTC", "/Date(" + clock().millis() + "+0000)/");
            mj.put("HasAttachments", false);
            org.manualJournals.put(id, mj.deepCopy());
        }
        return problems;
    }

    private List<String> invoice(XeroOrganisation org, ObjectNode inv, boolean store) {
        List<String> problems = new ArrayList<>();
        String type = inv.path("Type").asText("");
        if (!type.equals("ACCREC") && !type.equals("ACCPAY")) {
            problems.add("Invoice Type must be ACCREC or ACCPAY");
        }
        JsonNode contact = inv.path("Contact");
        if (contact.path("Name").asText("").isBlank() && contact.path("ContactID").asText("").isBlank()) {
            problems.add("A Contact must be specified for this type of transaction");
        }
        checkCurrency(inv, problems);
        BigDecimal total = lineItems(org, inv.path("LineItems"), problems);
        if (total.signum() < 0) {
            problems.add("Invoice total cannot be negative");
        }
        if (store && problems.isEmpty()) {
            String id = UUID.randomUUID().toString();
            inv.put("InvoiceID", id);
            inv.set("Contact", contactFor(org, contact));
            inv.put("Date", xeroDate(inv.path("Date").asText(null)));
            inv.put("DueDate", xeroDate(inv.path("DueDate").asText(inv.path("Date").asText(null))));
            inv.put("CurrencyCode", inv.path("CurrencyCode").asText(org.baseCurrency));
            inv.put("SubTotal", total);
            inv.put("TotalTax", BigDecimal.ZERO);
            inv.put("Total", total);
            inv.put("AmountDue", total);
            inv.put("AmountPaid", BigDecimal.ZERO);
            inv.put("Status", total.signum() == 0 ? "PAID" : inv.path("Status").asText("DRAFT"));
            inv.putArray("Payments");
            if (!inv.has("InvoiceNumber")) {
                inv.put("InvoiceNumber", "INV-" + String.format("%04d", org.invoices.size() + 1));
            }
            inv.put("UpdatedDateUTC", "/Date(" + clock().millis() + "+0000)/");
            org.invoices.put(id, inv.deepCopy());
        }
        return problems;
    }

    private List<String> payment(XeroOrganisation org, ObjectNode p, boolean store) {
        List<String> problems = new ArrayList<>();
        ObjectNode invoice = org.invoices.get(p.path("Invoice").path("InvoiceID").asText(""));
        if (invoice == null) {
            problems.add("Invoice could not be found");
        }
        Optional<ObjectNode> account = org.accountByCode(p.path("Account").path("Code").asText(""));
        if (account.isEmpty()) {
            problems.add("Account could not be found");
        } else if (!account.get().path("EnablePaymentsToAccount").asBoolean(false)
                && !"BANK".equals(account.get().path("Type").asText())) {
            problems.add("Payments can only be made to BANK accounts or accounts with payments enabled");
        }
        BigDecimal amount = p.path("Amount").decimalValue();
        if (amount.signum() <= 0) {
            problems.add("Payment amount must be greater than zero");
        }
        if (invoice != null && amount.compareTo(invoice.path("AmountDue").decimalValue()) > 0) {
            problems.add("Payment amount exceeds the amount outstanding on this document");
        }
        if (store && problems.isEmpty()) {
            String id = UUID.randomUUID().toString();
            p.put("PaymentID", id);
            p.put("Date", xeroDate(p.path("Date").asText(null)));
            p.put("Status", "AUTHORISED");
            p.put("PaymentType", "ACCREC".equals(invoice.path("Type").asText()) ? "ACCRECPAYMENT" : "ACCPAYPAYMENT");
            BigDecimal due = invoice.path("AmountDue").decimalValue().subtract(amount);
            invoice.put("AmountDue", due);
            invoice.put("AmountPaid", invoice.path("AmountPaid").decimalValue().add(amount));
            if (due.signum() == 0) {
                invoice.put("Status", "PAID");
                invoice.put("FullyPaidOnDate", p.path("Date").asText());
            }
            ((ArrayNode) invoice.withArray("Payments")).addObject().put("PaymentID", id).put("Amount", amount);
            p.set("Invoice", JSON.objectNode().put("InvoiceID", invoice.path("InvoiceID").asText())
                    .put("InvoiceNumber", invoice.path("InvoiceNumber").asText()));
            org.payments.put(id, p.deepCopy());
        }
        return problems;
    }

    private List<String> bankTransaction(XeroOrganisation org, ObjectNode bt, boolean store) {
        List<String> problems = new ArrayList<>();
        String type = bt.path("Type").asText("");
        if (!type.equals("RECEIVE") && !type.equals("SPEND")) {
            problems.add("Type must be RECEIVE or SPEND");
        }
        Optional<ObjectNode> bank = org.accountByCode(bt.path("BankAccount").path("Code").asText(""));
        if (bank.isEmpty() || !"BANK".equals(bank.get().path("Type").asText())) {
            problems.add("BankAccount must be a valid bank account");
        }
        checkCurrency(bt, problems);
        BigDecimal total = lineItems(org, bt.path("LineItems"), problems);
        if (store && problems.isEmpty()) {
            String id = UUID.randomUUID().toString();
            bt.put("BankTransactionID", id);
            bt.set("Contact", contactFor(org, bt.path("Contact")));
            bt.put("Date", xeroDate(bt.path("Date").asText(null)));
            bt.put("CurrencyCode", bt.path("CurrencyCode").asText(org.baseCurrency));
            bt.put("SubTotal", total);
            bt.put("TotalTax", BigDecimal.ZERO);
            bt.put("Total", total);
            bt.put("IsReconciled", false);
            bt.put("Status", "AUTHORISED");
            bt.put("UpdatedDateUTC", "/Date(" + clock().millis() + "+0000)/");
            org.bankTransactions.put(id, bt.deepCopy());
        }
        return problems;
    }

    private List<String> contact(XeroOrganisation org, ObjectNode c, boolean store) {
        List<String> problems = new ArrayList<>();
        if (c.path("Name").asText("").isBlank()) {
            problems.add("The contact name must be specified");
        }
        if (store && problems.isEmpty()) {
            c.setAll(contactFor(org, c));
        }
        return problems;
    }

    /** The stored contact with this name or id; Xero creates a contact named on a document. */
    private static ObjectNode contactFor(XeroOrganisation org, JsonNode ref) {
        String id = ref.path("ContactID").asText("");
        if (!id.isEmpty() && org.contacts.containsKey(id)) {
            return org.contacts.get(id).deepCopy();
        }
        String name = ref.path("Name").asText("");
        for (ObjectNode c : org.contacts.values()) {
            if (c.path("Name").asText().equals(name)) {
                return c.deepCopy();
            }
        }
        ObjectNode c = JSON.objectNode();
        c.put("ContactID", UUID.randomUUID().toString());
        c.put("Name", name);
        c.put("ContactStatus", "ACTIVE");
        org.contacts.put(c.path("ContactID").asText(), c);
        return c.deepCopy();
    }

    private BigDecimal lineItems(XeroOrganisation org, JsonNode items, List<String> problems) {
        if (!items.isArray() || items.isEmpty()) {
            problems.add("At least one line item is required");
            return BigDecimal.ZERO;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode li : items) {
            if (li.path("Description").asText("").isBlank()) {
                problems.add("Description is required for each line item");
            }
            checkAccount(org, li.path("AccountCode").asText(""), problems);
            checkTaxType(org, li, problems);
            BigDecimal amount = li.has("LineAmount") ? li.path("LineAmount").decimalValue()
                    : li.path("UnitAmount").decimalValue().multiply(li.path("Quantity").decimalValue());
            total = total.add(amount);
        }
        return total;
    }

    private static void checkAccount(XeroOrganisation org, String code, List<String> problems) {
        Optional<ObjectNode> account = org.accountByCode(code);
        if (account.isEmpty()) {
            problems.add("Account code '" + code + "' is not a valid code for this document.");
        } else if (!"ACTIVE".equals(account.get().path("Status").asText())) {
            problems.add("Account code '" + code + "' has been archived, or deleted. Each line item must reference"
                    + " a valid account.");
        }
    }

    private static void checkTaxType(XeroOrganisation org, JsonNode line, List<String> problems) {
        String taxType = line.path("TaxType").asText("");
        if (!taxType.isEmpty() && org.activeTaxRate(taxType).isEmpty()) {
            problems.add("The TaxType code '" + taxType + "' does not exist or cannot be used for this type of"
                    + " transaction.");
        }
    }

    private static void checkCurrency(JsonNode doc, List<String> problems) {
        String code = doc.path("CurrencyCode").asText("");
        if (!code.isEmpty()) {
            try {
                Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                problems.add("The currency '" + code + "' is not valid");
            }
        }
    }

    private String xeroDate(String date) {
        LocalDate d;
        try {
            d = date == null || date.isBlank() ? LocalDate.now(clock()) : LocalDate.parse(date.substring(0, 10));
        } catch (RuntimeException e) {
            return date;
        }
        return "/Date(" + d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/";
    }

    /** Xero's problem-details shape for 401, 403, 404 and 429. */
    private static SandboxResponse problem(int status, String title, String detail) {
        ObjectNode p = JSON.objectNode();
        p.putNull("Type");
        p.put("Title", title);
        p.put("Status", status);
        p.put("Detail", detail);
        p.putNull("Instance");
        p.putObject("Extensions");
        return SandboxResponse.json(status, p);
    }

    /** Xero-shaped errors for what the base server and validators reject. */
    static SandboxResponse format(SandboxError error) {
        if (error.status() == 400) {
            ObjectNode err = JSON.objectNode();
            boolean spec = SandboxError.INVALID_REQUEST.equals(error.code());
            err.put("ErrorNumber", spec ? 14 : 10);
            err.put("Type", spec ? "PostDataInvalidException" : "ValidationException");
            err.put("Message", error.message());
            if (!error.details().isEmpty()) {
                ArrayNode ve = err.putArray("Elements").addObject().putArray("ValidationErrors");
                error.details().forEach(d -> ve.addObject().put("Message",
                        d.field().isEmpty() ? d.message() : d.field() + ": " + d.message()));
            }
            return SandboxResponse.json(400, err);
        }
        String title = switch (error.status()) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
        return problem(error.status(), title, error.message());
    }

    /** Configures a {@link XeroSandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private final List<String[]> organisations = new ArrayList<>();
        private XeroSpecValidator validator;
        private boolean validate = true;
        private long minuteLimit = 60;
        private long dayLimit = 5_000;
        private long appMinuteLimit = 10_000;
        private int maxConcurrent = 5;
        private Duration processingDelay = Duration.ZERO;
        private Clock limitClock;
        private boolean strictTokens;
        private String clientId;
        private String clientSecret;

        private Builder() {
            errorFormatter(XeroSandbox::format);
        }

        /**
         * Adds an organisation; the first added is the default. Without any, one named "PatternHub Demo" in USD.
         *
         * @param tenantId the tenant id
         * @param name the organisation name
         * @param baseCurrency its base currency code
         * @return this builder
         */
        public Builder organisation(String tenantId, String name, String baseCurrency) {
            organisations.add(new String[] {tenantId, name, baseCurrency});
            return this;
        }

        /**
         * The spec validator to share (loading one takes seconds).
         *
         * @param validator a loaded validator
         * @return this builder
         */
        public Builder specValidator(XeroSpecValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * Turns spec validation off (it is on by default).
         *
         * @param validate whether to validate requests against the spec
         * @return this builder
         */
        public Builder validateAgainstSpec(boolean validate) {
            this.validate = validate;
            return this;
        }

        /**
         * Calls per organisation in any minute (60) and any day (5,000).
         *
         * @param perMinute the minute limit
         * @param perDay the day limit
         * @return this builder
         */
        public Builder limits(long perMinute, long perDay) {
            this.minuteLimit = perMinute;
            this.dayLimit = perDay;
            return this;
        }

        /**
         * Calls in progress at once per organisation (5).
         *
         * @param max the cap
         * @return this builder
         */
        public Builder maxConcurrent(int max) {
            this.maxConcurrent = max;
            return this;
        }

        /**
         * How long each API call takes inside the sandbox, so concurrency can be observed.
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
         * Requires the app's client id and secret (HTTP Basic) on the token endpoint, as Xero does;
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
        public XeroSandbox build() {
            if (organisations.isEmpty()) {
                organisation(UUID.nameUUIDFromBytes("patternhub-demo".getBytes()).toString(), "PatternHub Demo", "USD");
            }
            return new XeroSandbox(this);
        }

        private Builder limiters(Builder b) {
            Clock c = limitClock != null ? limitClock : Clock.systemUTC();
            java.util.function.Predicate<SandboxRequest> api = r -> r.path().startsWith(API + "/");
            limiter(RateLimiter.builder("minute", LimitAlgorithm.slidingWindow(minuteLimit, Duration.ofMinutes(1)))
                    .appliesTo(api).partitionBy(r -> r.header("xero-tenant-id").orElse("")).clock(c)
                    .headers(LimitHeaders.remaining("X-MinLimit-Remaining"))
                    .throttleResponse((r, s) -> throttled("minute", s.retryAfterSeconds())).build());
            limiter(RateLimiter.builder("day", LimitAlgorithm.slidingWindow(dayLimit, Duration.ofDays(1)))
                    .appliesTo(api).partitionBy(r -> r.header("xero-tenant-id").orElse("")).clock(c)
                    .headers(LimitHeaders.remaining("X-DayLimit-Remaining"))
                    .throttleResponse((r, s) -> throttled("day", s.retryAfterSeconds())).build());
            limiter(RateLimiter.builder("appminute", LimitAlgorithm.slidingWindow(appMinuteLimit, Duration.ofMinutes(1)))
                    .appliesTo(api).clock(c)
                    .headers(LimitHeaders.remaining("X-AppMinLimit-Remaining"))
                    .throttleResponse((r, s) -> throttled("appminute", s.retryAfterSeconds())).build());
            if (validate) {
                validator(validator != null ? validator : XeroSpecValidator.load());
            }
            return b;
        }

        private static SandboxResponse throttled(String problem, long retryAfterSeconds) {
            return problem(429, "Too Many Requests", "The " + problem + " rate limit was exceeded")
                    .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)))
                    .withHeader("X-Rate-Limit-Problem", problem);
        }
    }
}
