/** Implementation details of webhook verification; not part of the public API. */
package io.patternhub.core.webhook.internal;
