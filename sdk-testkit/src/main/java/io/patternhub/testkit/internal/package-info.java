/** Implementation details of the sandbox base; not part of the public API. */
package io.patternhub.testkit.internal;
