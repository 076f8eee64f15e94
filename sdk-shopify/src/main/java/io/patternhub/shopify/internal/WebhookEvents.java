package io.patternhub.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.event.AppUninstalledEvent;
import io.patternhub.core.event.ListingEvent;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.PrivacyEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.storefront.WebhookRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a verified Shopify webhook (REST-shaped JSON body, topic in {@code X-Shopify-Topic}) into
 * core events. The event id is the {@code X-Shopify-Webhook-Id}, so redeliveries share it.
 */
public final class WebhookEvents {
    private final ObjectMapper mapper;

    /**
     * @param mapper parses bodies
     */
    public WebhookEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param request the delivery (already verified)
     * @param eventId the event id to use
     * @return the events; empty for topics the hub does not use
     */
    public List<StorefrontEvent> events(WebhookRequest request, String eventId) {
        String topic = request.header("X-Shopify-Topic").orElse("").toLowerCase(Locale.ROOT);
        String shop = request.header("X-Shopify-Shop-Domain").orElse("");
        JsonNode body;
        try {
            body = request.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(request.body());
        } catch (IOException e) {
            throw new InvalidRequestException("Shopify webhook " + topic + " has a body that is not JSON: "
                    + e.getMessage(), ErrorContext.builder().platform(Platform.SHOPIFY).build(), e);
        }
        Instant at = occurredAt(request, body);
        List<StorefrontEvent> events = new ArrayList<>();
        switch (topic) {
            case "orders/create" -> events.add(order(eventId, at, OrderEvent.Kind.CREATED, orderGid(body), body));
            case "orders/paid" -> events.add(order(eventId, at, OrderEvent.Kind.PAID, orderGid(body), body));
            case "orders/updated" -> events.add(order(eventId, at, OrderEvent.Kind.UPDATED, orderGid(body), body));
            case "orders/cancelled" -> events.add(order(eventId, at, OrderEvent.Kind.CANCELLED, orderGid(body), body));
            case "refunds/create" -> events.add(order(eventId, at, OrderEvent.Kind.REFUNDED,
                    "gid://shopify/Order/" + requireNumber(body, "order_id", topic), body));
            case "products/create" -> events.add(listing(eventId, at, ListingEvent.Kind.CREATED, body));
            case "products/update" -> events.add(listing(eventId, at, ListingEvent.Kind.UPDATED, body));
            case "products/delete" -> events.add(listing(eventId, at, ListingEvent.Kind.DELETED, body));
            case "app/uninstalled" -> events.add(AppUninstalledEvent.builder().eventId(eventId)
                    .platform(Platform.SHOPIFY).occurredAt(at)
                    .shop(shop.isEmpty() ? body.path("myshopify_domain").asText() : shop).raw(body).build());
            case "customers/data_request" -> events.add(privacy(eventId, at, PrivacyEvent.Kind.DATA_REQUEST, shop, body,
                    "orders_requested"));
            case "customers/redact" -> events.add(privacy(eventId, at, PrivacyEvent.Kind.CUSTOMER_REDACT, shop, body,
                    "orders_to_redact"));
            case "shop/redact" -> events.add(privacy(eventId, at, PrivacyEvent.Kind.SHOP_REDACT, shop, body, ""));
            default -> {
                // A topic the hub has no event for (the app may be subscribed to more): nothing to do.
            }
        }
        return events;
    }

    private static OrderEvent order(String eventId, Instant at, OrderEvent.Kind kind, String orderId, JsonNode body) {
        return OrderEvent.builder().eventId(eventId).platform(Platform.SHOPIFY).occurredAt(at).kind(kind)
                .orderExternalId(orderId).raw(body).build();
    }

    private static ListingEvent listing(String eventId, Instant at, ListingEvent.Kind kind, JsonNode body) {
        String id = ShopifyJson.text(body, "admin_graphql_api_id")
                .orElseGet(() -> "gid://shopify/Product/" + requireNumber(body, "id", "products"));
        return ListingEvent.builder().eventId(eventId).platform(Platform.SHOPIFY).occurredAt(at).kind(kind)
                .listingExternalId(id).raw(body).build();
    }

    private static PrivacyEvent privacy(String eventId, Instant at, PrivacyEvent.Kind kind, String shop, JsonNode body,
            String ordersField) {
        var b = PrivacyEvent.builder().eventId(eventId).platform(Platform.SHOPIFY).occurredAt(at).kind(kind)
                .shop(shop.isEmpty() ? body.path("shop_domain").asText() : shop).raw(body);
        JsonNode customer = body.path("customer");
        if (customer.isObject()) {
            var c = CustomerRef.builder().platform(Platform.SHOPIFY);
            if (customer.hasNonNull("id")) {
                c.externalId("gid://shopify/Customer/" + customer.get("id").asText());
            }
            ShopifyJson.text(customer, "email").ifPresent(c::email);
            b.addCustomers(c.build());
        }
        if (!ordersField.isEmpty()) {
            body.path(ordersField).forEach(o -> b.addOrderExternalIds("gid://shopify/Order/" + o.asText()));
        }
        return b.build();
    }

    private static String orderGid(JsonNode body) {
        return ShopifyJson.text(body, "admin_graphql_api_id")
                .orElseGet(() -> "gid://shopify/Order/" + requireNumber(body, "id", "orders"));
    }

    private static String requireNumber(JsonNode body, String field, String topic) {
        JsonNode v = body.path(field);
        if (!v.canConvertToLong() && !(v.isTextual() && v.asText().matches("\\d+"))) {
            throw new InvalidRequestException("Shopify webhook " + topic + " body has no numeric " + field,
                    ErrorContext.builder().platform(Platform.SHOPIFY).build());
        }
        return v.asText();
    }

    private static Instant occurredAt(WebhookRequest request, JsonNode body) {
        Optional<String> triggered = request.header("X-Shopify-Triggered-At")
                .or(() -> ShopifyJson.text(body, "updated_at"));
        if (triggered.isPresent()) {
            try {
                return java.time.OffsetDateTime.parse(triggered.get()).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the arrival time
            }
        }
        return request.receivedAt();
    }
}
