package io.patternhub.testkit.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * One failure the sandbox can inject. Some answer instead of the handler (the request changes
 * nothing); others let the handler run and then spoil its response (the state change happens, the
 * client sees a failure), see {@link #runsHandler()}. Immutable.
 */
public final class Fault {
    /** The kinds of fault. */
    public enum Kind {
        /** 429 with {@code Retry-After}; the handler does not run. */
        TOO_MANY_REQUESTS,
        /** A 5xx in the platform's error shape; the handler does not run. */
        SERVER_ERROR,
        /** The handler runs; headers and body are sent late. */
        SLOW,
        /** The handler runs; the connection is cut half-way through the response body. */
        DISCONNECT_MID_BODY,
        /** The handler runs; its status is kept but the body is cut-off, invalid JSON. */
        MALFORMED_JSON,
        /** The handler runs (state changes), then the connection closes before any response. */
        PROCESS_THEN_DROP,
        /** The connection closes after the request is read; the handler does not run. */
        DROP_BEFORE_PROCESSING
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final Duration headersDelay;
    private final Duration bodyDelay;

    private Fault(Kind kind, int status, Duration retryAfter, Duration headersDelay, Duration bodyDelay) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.headersDelay = headersDelay;
        this.bodyDelay = bodyDelay;
    }

    /**
     * 429 with {@code Retry-After} (whole seconds, rounded up).
     *
     * @param retryAfter how long the client is asked to wait
     * @return the fault
     */
    public static Fault tooManyRequests(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new Fault(Kind.TOO_MANY_REQUESTS, 429, retryAfter, Duration.ZERO, Duration.ZERO);
    }

    /**
     * A server error.
     *
     * @param status 500..599
     * @return the fault
     */
    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("A server error status is 500..599, was " + status);
        }
        return new Fault(Kind.SERVER_ERROR, status, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * A slow response: headers after {@code headersDelay}, the body after a further
     * {@code bodyDelay}.
     *
     * @param headersDelay delay before the headers
     * @param bodyDelay delay before the body
     * @return the fault
     */
    public static Fault slow(Duration headersDelay, Duration bodyDelay) {
        return new Fault(Kind.SLOW, 0, Duration.ZERO, Objects.requireNonNull(headersDelay, "headersDelay"),
                Objects.requireNonNull(bodyDelay, "bodyDelay"));
    }

    /**
     * The connection is reset half-way through the response body.
     *
     * @return the fault
     */
    public static Fault disconnectMidBody() {
        return new Fault(Kind.DISCONNECT_MID_BODY, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The body is replaced by truncated JSON.
     *
     * @return the fault
     */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The request is processed, then the connection is closed without a response: the state
     * changed but the client sees an I/O error. Tests idempotent retries.
     *
     * @return the fault
     */
    public static Fault processThenDrop() {
        return new Fault(Kind.PROCESS_THEN_DROP, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The connection is closed after the request is read, before processing.
     *
     * @return the fault
     */
    public static Fault dropBeforeProcessing() {
        return new Fault(Kind.DROP_BEFORE_PROCESSING, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the route handler runs (and so changes state) under this fault. */
    public boolean runsHandler() {
        return kind == Kind.SLOW || kind == Kind.DISCONNECT_MID_BODY || kind == Kind.MALFORMED_JSON
                || kind == Kind.PROCESS_THEN_DROP;
    }

    /** The status of a {@link Kind#SERVER_ERROR} or {@link Kind#TOO_MANY_REQUESTS} fault; 0 otherwise. */
    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Duration headersDelay() {
        return headersDelay;
    }

    public Duration bodyDelay() {
        return bodyDelay;
    }

    @Override
    public String toString() {
        return kind == Kind.SERVER_ERROR ? kind + "(" + status + ")" : kind.toString();
    }
}
