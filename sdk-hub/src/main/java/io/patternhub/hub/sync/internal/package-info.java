/** Sync internals; not part of the public API. */
package io.patternhub.hub.sync.internal;
