/**
 * The base every platform sandbox is built on: {@link io.patternhub.testkit.SandboxServer}, a
 * stateful MockWebServer dispatcher with routes by path template, rate limiters
 * ({@code limit}), fault injection ({@code fault}), request validation hooks and a request
 * journal ({@code journal}); plus webhook signing and delivery ({@code webhook}).
 */
package io.patternhub.testkit;
