/** The order actions the support assistant may take (look up an order, resend download links). */
package io.patternhub.support.tools;
