package io.patternhub.core.http;

/** The HTTP methods the transport sends, with whether repeating them is safe by definition. */
public enum HttpMethod {
    GET(true, false),
    HEAD(true, false),
    DELETE(true, false),
    PUT(true, true),
    POST(false, true),
    PATCH(false, true);

    private final boolean idempotent;
    private final boolean hasBody;

    HttpMethod(boolean idempotent, boolean hasBody) {
        this.idempotent = idempotent;
        this.hasBody = hasBody;
    }

    /** Whether RFC 9110 defines the method as idempotent (safe to send twice). */
    public boolean idempotent() {
        return idempotent;
    }

    /** Whether the method carries a request body. */
    public boolean permitsBody() {
        return hasBody;
    }
}
