/**
 * The HTTP transport shared by every platform module: {@link io.patternhub.core.http.HttpTransport}
 * with its requests, responses, rate-limit state, error mapping, redaction and listener SPI.
 * Types under {@code internal} are not API.
 */
package io.patternhub.core.http;
