package io.patternhub.hub.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.ingest.CustomerRecord;
import io.patternhub.hub.ingest.OrderChange;
import io.patternhub.hub.ingest.OrderChangeHandler;
import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.store.HubStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order handler behind buyer access. On {@code PAID}: grant one entitlement per SKU, provision
 * portal access, email the buyer their links (once) and publish {@code order.paid}. On
 * {@code REFUNDED} or {@code CANCELLED}: revoke the entitlements (their links stop working),
 * de-provision and publish {@code order.refunded}. A partial refund keeps access.
 *
 * <p>Every step is idempotent (entitlements by order and SKU, the email by its notification key,
 * callbacks by a stable {@code webhook-id}), so a repeat after a crash does no harm.
 */
public final class BuyerAccess implements OrderChangeHandler {
    private final HubStore store;
    private final Entitlements entitlements;
    private final Orders orders;
    private final BuyerNotifications notifications;
    private final Provisioner provisioner;
    private final HubEventPublisher publisher;

    /**
     * The handler.
     *
     * @param store         the hub store
     * @param notifications sends the purchase email
     * @param provisioner   portal or group access, or {@link Provisioner#NONE}
     * @param publisher     outgoing hub events, or {@link HubEventPublisher#NONE}
     */
    public BuyerAccess(HubStore store, BuyerNotifications notifications, Provisioner provisioner,
                       HubEventPublisher publisher) {
        this.store = Objects.requireNonNull(store, "store");
        this.entitlements = new Entitlements(store);
        this.orders = new Orders(store);
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public String name() {
        return "buyer-access";
    }

    @Override
    public void onOrderChange(OrderChange change) {
        OrderStatus status = change.status();
        if (status == OrderStatus.PAID) {
            paid(change);
        } else if (status == OrderStatus.REFUNDED || status == OrderStatus.CANCELLED) {
            revoked(change);
        }
    }

    private void paid(OrderChange change) {
        OrderRecord order = change.order();
        if (order.status() == OrderStatus.REFUNDED || order.status() == OrderStatus.CANCELLED) {
            return; // refunded before we got to it: the REFUNDED change follows and grants nothing
        }
        List<Entitlement> granted = store.inTransaction(tx -> entitlements.grant(tx, order));
        Optional<CustomerRecord> buyer = order.customerId().flatMap(orders::customer);
        for (Entitlement e : granted) {
            provisioner.grant(request(e, buyer));
        }
        notifications.sendAccess(order, granted);
        publisher.publish(new HubEvent("order_paid_" + order.id(), HubEvent.ORDER_PAID, change.occurredAt(),
                orderData(order, granted)));
    }

    private void revoked(OrderChange change) {
        OrderRecord order = change.order();
        List<Entitlement> revoked = store.inTransaction(tx -> entitlements.revoke(tx, order.id(), change.status().name()));
        Optional<CustomerRecord> buyer = order.customerId().flatMap(orders::customer);
        for (Entitlement e : revoked) {
            provisioner.revoke(request(e, buyer));
        }
        publisher.publish(new HubEvent("order_refunded_" + order.id(), HubEvent.ORDER_REFUNDED, change.occurredAt(),
                orderData(order, entitlements.forOrder(order.id()))));
    }

    private static ProvisioningRequest request(Entitlement e, Optional<CustomerRecord> buyer) {
        return new ProvisioningRequest(e.id(), e.customerId().orElse(""), buyer.flatMap(CustomerRecord::email),
                buyer.flatMap(CustomerRecord::name), e.sku(), e.orderId());
    }

    private static ObjectNode orderData(OrderRecord order, List<Entitlement> ents) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("order_id", order.id());
        data.put("platform", order.platform().name().toLowerCase(java.util.Locale.ROOT));
        data.put("external_id", order.externalId());
        data.put("status", order.status().name());
        data.put("total", order.total().amount().toPlainString());
        data.put("currency", order.total().currencyCode());
        order.customerId().ifPresent(c -> data.put("customer_id", c));
        ArrayNode skus = data.putArray("entitlements");
        for (Entitlement e : ents) {
            skus.addObject().put("id", e.id()).put("sku", e.sku()).put("active", e.active());
        }
        return data;
    }
}
