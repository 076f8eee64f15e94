package io.patternhub.hub.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who gets (or loses) access to what.
 *
 * @param entitlementId the hub's entitlement id (stable: use it to deduplicate)
 * @param customerId    the hub's customer id
 * @param email         the buyer's email, when the platform shared it
 * @param name          the buyer's name, when known
 * @param sku           the pattern bought
 * @param orderId       the hub's order id
 */
public record ProvisioningRequest(String entitlementId, String customerId, Optional<String> email,
                                  Optional<String> name, String sku, String orderId) {
    /** Checks that ids are present. */
    public ProvisioningRequest {
        Objects.requireNonNull(entitlementId, "entitlementId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(orderId, "orderId");
    }
}
