package io.patternhub.hub.access;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Objects;

/**
 * Provisioning by signed HTTP callback: {@code access.granted} and {@code access.revoked} events are
 * published (usually through {@link SignedCallbacks}) for Zapier, Make or the seller's own portal to
 * act on. The event id is derived from the entitlement, so a repeated call is deduplicated by the
 * receiver.
 */
public final class WebhookProvisioner implements Provisioner {
    private final HubEventPublisher publisher;
    private final Clock clock;

    /**
     * A provisioner publishing through {@code publisher}.
     *
     * @param publisher where the callbacks go
     * @param clock     the clock stamping the events
     */
    public WebhookProvisioner(HubEventPublisher publisher, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void grant(ProvisioningRequest request) {
        publisher.publish(new HubEvent("grant_" + request.entitlementId(), HubEvent.ACCESS_GRANTED, clock.instant(),
                data(request)));
    }

    @Override
    public void revoke(ProvisioningRequest request) {
        publisher.publish(new HubEvent("revoke_" + request.entitlementId(), HubEvent.ACCESS_REVOKED, clock.instant(),
                data(request)));
    }

    private static ObjectNode data(ProvisioningRequest r) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("entitlement_id", r.entitlementId());
        node.put("customer_id", r.customerId());
        r.email().ifPresent(e -> node.put("email", e));
        r.name().ifPresent(n -> node.put("name", n));
        node.put("sku", r.sku());
        node.put("order_id", r.orderId());
        return node;
    }
}
