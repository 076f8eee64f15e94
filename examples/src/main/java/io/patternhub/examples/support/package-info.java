/**
 * The support assistant wired to the hub: {@link io.patternhub.examples.support.HubOrderTools}.
 */
package io.patternhub.examples.support;
