/** Catalog internals; not part of the public API. */
package io.patternhub.hub.catalog.internal;
