package io.patternhub.hub.access;

/**
 * Gives buyers access beyond their files: a private portal, a support group, a course. Called when an
 * entitlement is granted and when it is revoked (refund, cancellation, erasure). Implementations are
 * idempotent on {@link ProvisioningRequest#entitlementId()}: the hub may call again after a crash.
 * {@link WebhookProvisioner} forwards both as signed HTTP callbacks.
 */
public interface Provisioner {
    /** A provisioner that does nothing, for shops with nothing beyond files. */
    Provisioner NONE = new Provisioner() {
        @Override
        public void grant(ProvisioningRequest request) {
        }

        @Override
        public void revoke(ProvisioningRequest request) {
        }
    };

    /**
     * Grants access.
     *
     * @param request who gets access to what
     */
    void grant(ProvisioningRequest request);

    /**
     * Removes access granted earlier.
     *
     * @param request whose access to what
     */
    void revoke(ProvisioningRequest request);
}
