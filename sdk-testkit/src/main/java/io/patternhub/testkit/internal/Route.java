package io.patternhub.testkit.internal;

import io.patternhub.testkit.RouteHandler;

/**
 * A registered route. Not public API.
 *
 * @param method the HTTP method, upper case
 * @param template the compiled path template
 * @param handler the handler
 */
public record Route(String method, RouteTemplate template, RouteHandler handler) {
}
