/** Implementation of the Etsy sandbox (state, routes, spec validation); not part of the public API. */
package io.patternhub.testkit.etsy.internal;
