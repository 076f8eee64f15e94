package io.patternhub.accounting.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tenant discovery: {@code GET https://api.xero.com/Connections} lists the organisations the token was
 * granted. Thread-safe.
 */
public final class XeroConnections {
    /** The identity API root where {@code /Connections} lives. */
    public static final String DEFAULT_BASE_URL = "https://api.xero.com";

    private final HttpTransport transport;

    /**
     * @param transport a transport whose base URL is the identity API root and whose auth carries the token
     */
    public XeroConnections(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Every tenant the token may act on, in Xero's order. */
    public List<XeroTenant> list() {
        JsonNode body = transport.execute(ApiRequest.get("/Connections")).json();
        List<XeroTenant> out = new ArrayList<>();
        for (JsonNode c : body) {
            out.add(new XeroTenant(c.path("id").asText(""), c.path("tenantId").asText(),
                    c.path("tenantType").asText(""), c.path("tenantName").asText("")));
        }
        return out;
    }
}
