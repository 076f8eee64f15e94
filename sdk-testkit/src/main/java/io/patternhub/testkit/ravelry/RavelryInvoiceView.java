package io.patternhub.testkit.ravelry;

import java.time.Instant;
import java.util.Optional;

/**
 * A sale invoice as the Ravelry sandbox holds it.
 *
 * @param id            the invoice id
 * @param invoiceNumber the invoice number
 * @param storeId       its store
 * @param invoiceDate   when it was created
 * @param paidAt        when it was paid, if it was
 * @param total         the sum of its line amounts, as a decimal string
 * @param currency      its currency
 */
public record RavelryInvoiceView(long id, long invoiceNumber, long storeId, Instant invoiceDate,
        Optional<Instant> paidAt, String total, String currency) {
}
