package io.patternhub.testkit;

/**
 * Answers requests on one route. Runs on MockWebServer's threads, possibly concurrently: keep
 * sandbox state in thread-safe structures. Throw {@link SandboxRejection} to answer with the
 * platform's error shape.
 */
@FunctionalInterface
public interface RouteHandler {
    /**
     * Handles one request.
     *
     * @param request the parsed request with its path variables
     * @return the response to send
     */
    SandboxResponse handle(SandboxRequest request);
}
