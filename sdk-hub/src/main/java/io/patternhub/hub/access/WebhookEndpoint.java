package io.patternhub.hub.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.access.internal.FileResponses;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.WebhookInbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of a {@link WebhookInbox}: {@code POST <path><source>} (e.g. {@code /webhooks/shopify})
 * verifies the delivery and stores it through {@link WebhookInbox#receive}, and only then answers
 * {@code 200} (body {@code {"stored":n,"duplicates":m}}); processing happens later, in the inbox's
 * worker. Answers:
 * <ul>
 * <li>{@code 200}: stored, or a redelivery of events already stored (nothing new is stored);</li>
 * <li>{@code 401}: the signature does not verify (Shopify requires 401 for its mandatory privacy
 * topics); nothing is stored;</li>
 * <li>{@code 400}: signed, but the body is malformed;</li>
 * <li>{@code 413}: the body is larger than {@link Builder#maxBodyBytes} (1 MiB by default);</li>
 * <li>{@code 405} with {@code Allow: POST}: any other method; {@code 404}: a source not registered here;</li>
 * <li>{@code 503} with {@code Retry-After}: the delivery could not be stored, or a platform call made
 * while parsing it (Etsy's receipt) failed; the platform redelivers later;</li>
 * <li>{@code 500}: the hub is misconfigured (see its log).</li>
 * </ul>
 * It is a plain {@link HttpHandler}: mount it on {@link HubFileServer.Builder#webhooks} or on any JDK
 * {@code HttpServer} context. Thread-safe.
 *
 * <pre>{@code
 * WebhookEndpoint endpoint = WebhookEndpoint.builder(inbox).source("etsy").source("shopify").build();
 * HubFileServer server = HubFileServer.builder(store).webhooks(endpoint, "/webhooks/").start();
 * }</pre>
 */
public final class WebhookEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    /** The default body cap: far above any order payload, small enough to refuse floods. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final WebhookInbox inbox;
    private final Set<String> sources;
    private final int maxBodyBytes;
    private final Clock clock;
    private final Listener listener;

    /** Hears what the endpoint did with each delivery, e.g. to wake the inbox worker. Called on request threads. */
    public interface Listener {
        /** Does nothing. */
        Listener NONE = new Listener() {
        };

        /**
         * A delivery was stored (or was a redelivery) and is acknowledged.
         *
         * @param source  the source it came to
         * @param receipt what was stored
         */
        default void stored(String source, InboxReceipt receipt) {
        }

        /**
         * A delivery was refused.
         *
         * @param source the source in the path (may be unknown)
         * @param status the status answered
         * @param reason why
         */
        default void refused(String source, int status, String reason) {
        }
    }

    private WebhookEndpoint(Builder b) {
        this.inbox = b.inbox;
        this.sources = Set.copyOf(b.sources);
        this.maxBodyBytes = b.maxBodyBytes;
        this.clock = b.clock;
        this.listener = b.listener;
    }

    /**
     * Starts an endpoint in front of an inbox.
     *
     * @param inbox verifies and stores deliveries
     * @return the builder
     */
    public static Builder builder(WebhookInbox inbox) {
        return new Builder(inbox);
    }

    /** @return the source names this endpoint accepts, the last path segment of each route */
    public Set<String> sources() {
        return sources;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String source = source(ex);
            if (!sources.contains(source)) {
                refuse(ex, source, 404, "No webhook route here for '" + source + "'; known: " + sources);
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().set("Allow", "POST");
                refuse(ex, source, 405, "Webhooks are delivered with POST");
                return;
            }
            byte[] body = readCapped(ex);
            if (body == null) {
                refuse(ex, source, 413, "The delivery is larger than " + maxBodyBytes + " bytes");
                return;
            }
            receive(ex, source, body);
        }
    }

    private void receive(HttpExchange ex, String source, byte[] body) throws IOException {
        InboxReceipt receipt;
        try {
            receipt = inbox.receive(source, WebhookRequest.of(headers(ex), body, clock.instant()));
        } catch (WebhookVerificationException e) {
            refuse(ex, source, 401, "The signature does not verify: " + e.getMessage());
            return;
        } catch (InvalidRequestException e) {
            if (e.context().httpStatus().isPresent()) {
                // the platform refused a call made while parsing (Etsy's receipt): not the sender's fault
                unavailable(ex, source, e);
            } else {
                refuse(ex, source, 400, "The delivery is malformed: " + e.getMessage());
            }
            return;
        } catch (ConfigurationException e) {
            LOG.error("webhook source '{}' is misconfigured: {}", source, e.getMessage());
            refuse(ex, source, 500, "This hub cannot take " + source + " webhooks yet; the shop was told (see its log)");
            return;
        } catch (PatternHubException e) {
            unavailable(ex, source, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("webhook for '{}' failed", source, e);
            refuse(ex, source, 500, "The hub could not take this delivery; the shop was told (see its log)");
            return;
        }
        listener.stored(source, receipt);
        byte[] answer = ("{\"stored\":" + receipt.stored() + ",\"duplicates\":" + receipt.duplicates() + "}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, answer.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer);
        }
    }

    private void unavailable(HttpExchange ex, String source, PatternHubException e) throws IOException {
        LOG.warn("webhook for '{}' not stored, the platform will redeliver: {}", source, e.toString());
        ex.getResponseHeaders().set("Retry-After", "60");
        refuse(ex, source, 503, "The delivery could not be stored right now; deliver it again later");
    }

    private void refuse(HttpExchange ex, String source, int status, String reason) throws IOException {
        listener.refused(source, status, reason);
        FileResponses.plain(ex, status, reason);
    }

    /** The last path segment after the context's path, e.g. {@code shopify} of {@code /webhooks/shopify}. */
    private static String source(HttpExchange ex) {
        String rest = ex.getRequestURI().getPath().substring(ex.getHttpContext().getPath().length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest;
    }

    /** The body, or {@code null} when it exceeds the cap (checked on the declared length first, so it is not read). */
    private byte[] readCapped(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private static Map<String, String> headers(HttpExchange ex) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
        }
        return headers;
    }

    /** Configures a {@link WebhookEndpoint}. */
    public static final class Builder {
        private final WebhookInbox inbox;
        private final Set<String> sources = new LinkedHashSet<>();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Clock clock = Clock.systemUTC();
        private Listener listener = Listener.NONE;

        private Builder(WebhookInbox inbox) {
            this.inbox = Objects.requireNonNull(inbox, "inbox");
        }

        /**
         * Accepts deliveries for one of the inbox's sources, on {@code <path><name>}.
         *
         * @param name the source's name in the inbox, e.g. {@code shopify}
         * @return this builder
         */
        public Builder source(String name) {
            if (name == null || !name.matches("[a-z0-9_\\-]{1,64}")) {
                throw new ConfigurationException("A webhook source name is 1-64 of a-z, 0-9, '-', '_', was '" + name + "'",
                        ErrorContext.empty());
            }
            sources.add(name);
            return this;
        }

        /**
         * The largest body accepted (1 MiB); larger deliveries get 413 and are not read.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxBodyBytes(int max) {
            if (max < 1) {
                throw new ConfigurationException("The webhook body cap must be at least 1 byte, was " + max,
                        ErrorContext.empty());
            }
            this.maxBodyBytes = max;
            return this;
        }

        /**
         * Stamps the time each delivery was received.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param listener hears every delivery's outcome
         * @return this builder
         */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the endpoint
         * @throws ConfigurationException if no source was given
         */
        public WebhookEndpoint build() {
            if (sources.isEmpty()) {
                throw new ConfigurationException("The webhook endpoint needs at least one source(...)", ErrorContext.empty());
            }
            return new WebhookEndpoint(this);
        }
    }
}
