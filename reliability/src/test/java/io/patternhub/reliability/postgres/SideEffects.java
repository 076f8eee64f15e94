package io.patternhub.reliability.postgres;

import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.access.ProvisioningRequest;
import io.patternhub.hub.ingest.OrderChange;
import io.patternhub.hub.ingest.OrderChangeHandler;
import io.patternhub.hub.notify.Notification;
import io.patternhub.hub.notify.Notifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the order-change handlers of both hub instances did, counted in one place: a repeat by either
 * instance (or by both) shows up as a count above one.
 */
final class SideEffects {
    /** Order change id to how often the recording handler received it (over both instances). */
    final Map<String, AtomicInteger> changeDeliveries = new ConcurrentHashMap<>();
    /** Order change id to the instance that received it last. */
    final Map<String, String> changeDeliveredBy = new ConcurrentHashMap<>();
    /** Entitlement id to how often portal access was granted for it. */
    final Map<String, AtomicInteger> grants = new ConcurrentHashMap<>();
    /** Entitlement id to how often portal access was revoked for it. */
    final Map<String, AtomicInteger> revokes = new ConcurrentHashMap<>();
    final AtomicInteger emails = new AtomicInteger();

    /** A handler that counts every order change it receives, as instance {@code instance}. */
    OrderChangeHandler recorder(String instance) {
        return new OrderChangeHandler() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void onOrderChange(OrderChange change) {
                changeDeliveries.computeIfAbsent(change.id(), k -> new AtomicInteger()).incrementAndGet();
                changeDeliveredBy.put(change.id(), instance);
            }
        };
    }

    /** Counts the purchase emails (the real {@code BuyerNotifications} decides when to send). */
    Notifier notifier() {
        return (Notification n) -> emails.incrementAndGet();
    }

    /** Counts portal grants and revocations per entitlement. */
    Provisioner provisioner() {
        return new Provisioner() {
            @Override
            public void grant(ProvisioningRequest request) {
                grants.computeIfAbsent(request.entitlementId(), k -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void revoke(ProvisioningRequest request) {
                revokes.computeIfAbsent(request.entitlementId(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
    }
}
