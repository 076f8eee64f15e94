package io.patternhub.accounting.xero;

import java.util.Objects;

/**
 * One organisation a Xero token may act on, as {@code GET /Connections} lists it.
 *
 * @param connectionId the connection's id (for disconnecting)
 * @param tenantId     the value of the {@code xero-tenant-id} header
 * @param tenantType   {@code ORGANISATION} for accounting tenants
 * @param tenantName   the organisation's name
 */
public record XeroTenant(String connectionId, String tenantId, String tenantType, String tenantName) {
    public XeroTenant {
        Objects.requireNonNull(tenantId, "tenantId");
        tenantType = Objects.requireNonNullElse(tenantType, "");
        tenantName = Objects.requireNonNullElse(tenantName, "");
        connectionId = Objects.requireNonNullElse(connectionId, "");
    }
}
