package io.patternhub.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.PrivacyEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Lease;
import io.patternhub.hub.store.LeaseLostException;
import io.patternhub.hub.store.LeaseQueue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook inbox: a delivery is verified, its events are stored, and only then is it acknowledged;
 * processing happens afterwards, under row leases shared by every hub instance.
 *
 * <pre>{@code
 * // in the HTTP endpoint for Etsy:
 * try {
 *     inbox.receive("etsy", WebhookRequest.of(headers, body, Instant.now()));
 *     return 200;                      // stored: safe to acknowledge
 * } catch (WebhookVerificationException e) {
 *     return 401;
 * }
 * // in a worker loop:
 * inbox.processPending(50);
 * }</pre>
 *
 * <p>Events are deduplicated by (source, event id), so a platform's redelivery is stored once. Order
 * events go to {@link OrderIngest} in the same transaction that marks the inbox row done; an order
 * event without the order (Etsy's {@code order.paid} names only the receipt) is completed by fetching
 * the order from the source's storefront. Privacy events go to the privacy consumer (see
 * {@code PrivacyService::handle}), everything else to the other-events consumer. Once processed, an
 * event's payload is cleared: the inbox keeps only ids. Thread-safe.
 */
public final class WebhookInbox {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookInbox.class);
    static final String TABLE = "webhook_inbox";

    private final HubStore store;
    private final OrderIngest ingest;
    private final Map<String, Source> sources;
    private final Consumer<PrivacyEvent> privacy;
    private final Consumer<StorefrontEvent> other;
    private final LeaseQueue queue;
    private final ObjectMapper json = PatternHubJson.newMapper();
    private final String owner;
    private final Duration leaseFor;
    private final int maxAttempts;
    private final Duration retryBackoff;

    private WebhookInbox(Builder b) {
        this.store = b.store;
        this.ingest = Objects.requireNonNull(b.ingest, "orderIngest");
        this.sources = Map.copyOf(b.sources);
        this.privacy = b.privacy;
        this.other = b.other;
        this.queue = store.leaseQueue(TABLE);
        this.owner = b.owner;
        this.leaseFor = b.leaseFor;
        this.maxAttempts = b.maxAttempts;
        this.retryBackoff = b.retryBackoff;
    }

    /**
     * Starts an inbox.
     *
     * @param store  the hub store
     * @param ingest where order events go
     * @return the builder
     */
    public static Builder builder(HubStore store, OrderIngest ingest) {
        return new Builder(store, ingest);
    }

    /**
     * Verifies a delivery and stores its events; when it returns, acknowledge the delivery.
     *
     * @param source  the registered source the delivery came to
     * @param request the delivery as received
     * @return how many events were stored and how many were duplicates
     * @throws io.patternhub.core.error.WebhookVerificationException if it is not authentic: answer 401
     * @throws ConfigurationException if no source has that name
     */
    public InboxReceipt receive(String source, WebhookRequest request) {
        Source s = sources.get(source);
        if (s == null) {
            throw new ConfigurationException("No webhook source named '" + source + "' is registered with the inbox; known: "
                    + sources.keySet(), ErrorContext.empty());
        }
        List<StorefrontEvent> events = s.parser.parse(request);
        return store.inTransaction(tx -> {
            int stored = 0;
            for (StorefrontEvent event : events) {
                stored += tx.update("INSERT INTO " + TABLE + " (lane, event_id, event_type, payload, received_at, status,"
                        + " attempts, available_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?) ON CONFLICT (lane, event_id) DO NOTHING",
                        source, event.eventId(), typeOf(event), write(event), request.receivedAt(), tx.now());
            }
            return new InboxReceipt(stored, events.size() - stored);
        });
    }

    /**
     * Processes up to {@code max} stored events, then delivers the order changes they caused to the
     * handlers.
     *
     * @param max most events to claim in this call
     * @return how many events were processed
     */
    public int processPending(int max) {
        int done = 0;
        for (Lease lease : queue.claim(null, owner, max, leaseFor)) {
            if (process(lease)) {
                done++;
            }
        }
        ingest.dispatchAll();
        return done;
    }

    /**
     * Processes until nothing claimable is left.
     *
     * @return how many events were processed
     */
    public int processAll() {
        int total = 0;
        int round;
        do {
            round = processPending(100);
            total += round;
        } while (round > 0);
        return total;
    }

    /**
     * Events stored but not yet processed (for health checks and tests).
     *
     * @return the count
     */
    public long pendingCount() {
        return store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM " + TABLE + " WHERE status = 'PENDING'",
                rs -> rs.getLong(1)).orElse(0L));
    }

    private boolean process(Lease lease) {
        try {
            StorefrontEvent event = store.inTransaction(tx -> tx.queryOne("SELECT payload FROM " + TABLE + " WHERE id = ?",
                    rs -> rs.getString(1), lease.id())).map(this::read)
                    .orElseThrow(() -> new IllegalStateException("inbox row " + lease.id() + " has no payload"));
            if (event instanceof OrderEvent orderEvent) {
                Order order = orderEvent.order().orElseGet(() -> fetch(lease.lane(), orderEvent));
                store.inTransaction(tx -> {
                    ingest.ingest(tx, order, event.eventId());
                    complete(tx, lease);
                    return null;
                });
            } else {
                if (event instanceof PrivacyEvent privacyEvent) {
                    privacy.accept(privacyEvent);
                } else {
                    other.accept(event);
                }
                store.inTransaction(tx -> {
                    complete(tx, lease);
                    return null;
                });
            }
            return true;
        } catch (LeaseLostException e) {
            LOG.warn("Lease on inbox row {} ran out; another worker processes it", lease.id());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Inbox row {} failed (attempt {}): {}", lease.id(), lease.attempts(), e.toString());
            try {
                store.inTransaction(tx -> {
                    if (lease.attempts() >= maxAttempts) {
                        queue.giveUp(tx, lease, e.toString());
                    } else {
                        long factor = 1L << Math.min(lease.attempts() - 1, 16);
                        queue.retryLater(tx, lease, tx.now().plus(retryBackoff.multipliedBy(factor)), e.toString());
                    }
                    return null;
                });
            } catch (LeaseLostException lost) {
                LOG.debug("lease lost while recording a failure", lost);
            }
            return false;
        }
    }

    private void complete(io.patternhub.hub.store.Tx tx, Lease lease) throws java.sql.SQLException {
        queue.complete(tx, lease);
        tx.update("UPDATE " + TABLE + " SET payload = NULL, processed_at = ? WHERE id = ?", tx.now(), lease.id());
    }

    private Order fetch(String source, OrderEvent event) {
        Source s = sources.get(source);
        if (s == null || s.storefront == null) {
            throw new InvalidRequestException("Order event " + event.eventId() + " carries no order and source '" + source
                    + "' has no storefront to fetch it from", ErrorContext.empty());
        }
        return s.storefront.order(event.orderExternalId());
    }

    private static String typeOf(StorefrontEvent event) {
        if (event instanceof OrderEvent o) {
            return "order." + o.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        return event.getClass().getSimpleName().replace("Immutable", "");
    }

    private String write(StorefrontEvent event) {
        try {
            return json.writerFor(StorefrontEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Event " + event.eventId() + " cannot be stored as JSON: " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
    }

    private StorefrontEvent read(String payload) {
        try {
            return json.readValue(payload, StorefrontEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored inbox event is not readable: " + e.getMessage(), e);
        }
    }

    private record Source(WebhookParser parser, Storefront storefront) {
    }

    /** Configures a {@link WebhookInbox}. */
    public static final class Builder {
        private final HubStore store;
        private final OrderIngest ingest;
        private final Map<String, Source> sources = new LinkedHashMap<>();
        private Consumer<PrivacyEvent> privacy = e -> {
            throw new ConfigurationException("A privacy event (" + e.kind() + ") arrived but no privacy handler is"
                    + " registered with the inbox; register PrivacyService::handle", ErrorContext.empty());
        };
        private Consumer<StorefrontEvent> other = e -> LOG.debug("ignoring {} event {}", e.platform(), e.eventId());
        private String owner = "hub-" + UUID.randomUUID().toString().substring(0, 8);
        private Duration leaseFor = Duration.ofMinutes(5);
        private int maxAttempts = 20;
        private Duration retryBackoff = Duration.ofSeconds(30);

        private Builder(HubStore store, OrderIngest ingest) {
            this.store = Objects.requireNonNull(store, "store");
            this.ingest = Objects.requireNonNull(ingest, "ingest");
        }

        /**
         * Registers a storefront: its webhooks are verified and parsed by it, and orders that events only
         * name are fetched from it.
         *
         * @param name       the source name used in {@link #receive} (e.g. {@code "etsy"}, {@code "shopify-main"})
         * @param storefront the storefront
         * @return this builder
         */
        public Builder storefront(String name, Storefront storefront) {
            Objects.requireNonNull(storefront, "storefront");
            return add(name, new Source(storefront::parseWebhook, storefront));
        }

        /**
         * Registers a parser with no storefront behind it (order events must carry their order).
         *
         * @param name   the source name
         * @param parser verifies and parses deliveries
         * @return this builder
         */
        public Builder source(String name, WebhookParser parser) {
            return add(name, new Source(Objects.requireNonNull(parser, "parser"), null));
        }

        /**
         * Where privacy events go, e.g. {@code privacyService::handle}.
         *
         * @param privacy the consumer
         * @return this builder
         */
        public Builder onPrivacyEvent(Consumer<PrivacyEvent> privacy) {
            this.privacy = Objects.requireNonNull(privacy, "privacy");
            return this;
        }

        /**
         * Where listing and app-uninstalled events go (ignored by default).
         *
         * @param other the consumer
         * @return this builder
         */
        public Builder onOtherEvent(Consumer<StorefrontEvent> other) {
            this.other = Objects.requireNonNull(other, "other");
            return this;
        }

        /**
         * This instance's name in leases.
         *
         * @param owner e.g. the host name
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * How long a claimed event stays with this instance (5 min).
         *
         * @param leaseFor the lease
         * @return this builder
         */
        public Builder leaseFor(Duration leaseFor) {
            this.leaseFor = Objects.requireNonNull(leaseFor, "leaseFor");
            return this;
        }

        /**
         * Attempts before an event is kept as DEAD (20).
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new ConfigurationException("maxAttempts must be at least 1", ErrorContext.empty());
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The wait after the first failure, doubled after each further one (30 s).
         *
         * @param retryBackoff the first wait
         * @return this builder
         */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        /** Builds the inbox. */
        public WebhookInbox build() {
            if (sources.isEmpty()) {
                throw new ConfigurationException("Register at least one webhook source with the inbox", ErrorContext.empty());
            }
            return new WebhookInbox(this);
        }

        private Builder add(String name, Source source) {
            if (name == null || !name.matches("[a-z0-9_\\-]{1,64}")) {
                throw new ConfigurationException("Webhook source name must be 1-64 of a-z, 0-9, '-', '_', was '" + name + "'",
                        ErrorContext.empty());
            }
            if (sources.putIfAbsent(name, source) != null) {
                throw new ConfigurationException("Two webhook sources are named '" + name + "'", ErrorContext.empty());
            }
            return this;
        }
    }
}
