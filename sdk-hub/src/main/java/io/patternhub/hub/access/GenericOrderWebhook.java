package io.patternhub.hub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.StandardWebhookVerifier;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.hub.ingest.WebhookParser;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An inbound order webhook for shops without an API (a hand-built site, a form, a Zap): a
 * Standard-Webhooks-signed JSON POST that the hub verifies and turns into an order event. Register it
 * with {@code WebhookInbox.Builder.source("my-site", new GenericOrderWebhook(secret, clock))}.
 * Orders arrive as platform {@link Platform#CSV} (shops without an API).
 *
 * <p>The body:
 * <pre>{@code
 * {
 *   "order_id": "A-1001",                   // required, unique in the shop
 *   "status": "paid",                       // pending | paid | partially_refunded | refunded | cancelled
 *   "currency": "EUR",                      // required
 *   "created_at": "2025-01-01T10:00:00Z",   // required
 *   "updated_at": "2025-01-01T10:05:00Z",   // orders the deliveries: an older one never overrides a newer one
 *   "total": "12.00",                       // required
 *   "customer": {"id": "c-7", "email": "ann@example.com", "name": "Ann", "country": "DE"},
 *   "lines": [{"sku": "TEE-01", "title": "Tee pattern", "quantity": 1, "unit_price": "12.00"}]
 * }
 * }</pre>
 * The {@code webhook-id} header is the event id (redeliveries with the same id are stored once).
 */
public final class GenericOrderWebhook implements WebhookParser {
    private final StandardWebhookVerifier verifier;
    private final ObjectMapper json = PatternHubJson.newMapper();

    /**
     * A parser verifying with {@code secret}.
     *
     * @param secret the {@code whsec_...} secret shared with the shop
     * @param clock  the clock timestamps are checked against
     */
    public GenericOrderWebhook(String secret, Clock clock) {
        this.verifier = StandardWebhookVerifier.builder(secret).clock(Objects.requireNonNull(clock, "clock")).build();
    }

    @Override
    public List<StorefrontEvent> parse(WebhookRequest request) {
        verifier.verify((WebhookHeaders) request::header, request.body());
        String eventId = request.header(StandardWebhookVerifier.ID_HEADER).orElseThrow();
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            throw bad("the body is not JSON: " + e.getMessage());
        }
        Order order = order(body);
        OrderEvent.Kind kind = switch (order.status()) {
            case PENDING -> OrderEvent.Kind.CREATED;
            case PAID -> OrderEvent.Kind.PAID;
            case PARTIALLY_REFUNDED, REFUNDED -> OrderEvent.Kind.REFUNDED;
            case CANCELLED -> OrderEvent.Kind.CANCELLED;
        };
        return List.of(OrderEvent.builder().eventId("generic:" + eventId).platform(Platform.CSV)
                .occurredAt(order.updatedAt().orElse(order.createdAt())).kind(kind)
                .orderExternalId(order.externalId()).order(order).build());
    }

    private Order order(JsonNode body) {
        Currency currency;
        try {
            currency = Currency.getInstance(text(body, "currency"));
        } catch (IllegalArgumentException e) {
            throw bad("currency is not an ISO 4217 code");
        }
        OrderStatus status;
        try {
            status = OrderStatus.valueOf(body.path("status").asText("paid").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("status must be pending, paid, partially_refunded, refunded or cancelled");
        }
        Money total = Money.of(text(body, "total"), currency);
        var b = Order.builder().platform(Platform.CSV).externalId(text(body, "order_id")).currency(currency)
                .createdAt(instant(text(body, "created_at"))).status(status).total(total);
        if (body.hasNonNull("updated_at")) {
            b.updatedAt(instant(body.get("updated_at").asText()));
        }
        Money subtotal = Money.zero(currency);
        for (JsonNode line : body.path("lines")) {
            LineItem item = LineItem.builder().sku(text(line, "sku")).title(line.path("title").asText(text(line, "sku")))
                    .quantity(line.path("quantity").asInt(1)).unitPrice(Money.of(text(line, "unit_price"), currency)).build();
            subtotal = subtotal.plus(item.total());
            b.addLineItems(item);
        }
        b.subtotal(subtotal);
        JsonNode c = body.path("customer");
        if (c.isObject()) {
            var buyer = CustomerRef.builder().platform(Platform.CSV);
            if (c.hasNonNull("id")) {
                buyer.externalId(c.get("id").asText());
            }
            if (c.hasNonNull("email")) {
                buyer.email(c.get("email").asText());
            }
            if (c.hasNonNull("name")) {
                buyer.name(c.get("name").asText());
            }
            if (c.hasNonNull("country")) {
                buyer.country(c.get("country").asText());
            }
            b.buyer(buyer.build());
        }
        try {
            return b.build();
        } catch (RuntimeException e) {
            throw bad(e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw bad("'" + field + "' is required");
        }
        return v.asText();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw bad("'" + text + "' is not an ISO-8601 instant such as 2025-01-01T10:00:00Z");
        }
    }

    private static InvalidRequestException bad(String why) {
        return new InvalidRequestException("Generic order webhook rejected: " + why + "; answer 400", ErrorContext.empty());
    }
}
