/** Internals of the Shopify sandbox: schema wiring, state, cost, bulk results. Not API. */
package io.patternhub.testkit.shopify.internal;
