/** Zendesk sandbox internals: state and routes. Not public API. */
package io.patternhub.testkit.zendesk.internal;
