/**
 * The {@link io.patternhub.core.ledger.Ledger} SPI accounting modules implement, and the balanced
 * {@link io.patternhub.core.ledger.Journal} they post.
 */
package io.patternhub.core.ledger;
