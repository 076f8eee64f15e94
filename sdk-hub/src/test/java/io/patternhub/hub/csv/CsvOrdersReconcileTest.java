package io.patternhub.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.Reconciler;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Imported orders feed the accounting engine unchanged and give balanced journals. */
class CsvOrdersReconcileTest {
    private static final String ACCOUNTS = """
            account.*.bank = 090
            account.*.rounding = 860
            account.*.fx_gain_loss = 861
            account.*.adjustments = 862
            account.*.fee_tax = 820
            account.csv.sales = 230
            account.csv.discounts = 231
            account.csv.refunds = 232
            account.csv.clearing = 630
            account.csv.seller_tax = 826
            account.csv.marketplace_tax = 825
            account.csv.fee.transaction = 430
            account.csv.fee.payment_processing = 431
            tax.csv.*.* = NONE
            """;

    @Test
    void everyShippedFormatReconcilesIntoBalancedJournalsWhoseClearingIsTheNet() {
        List<Order> orders = new ArrayList<>();
        orders.addAll(Samples.load(CsvMappings.generic(), "generic.csv").ordersOrThrow());
        orders.addAll(Samples.load(CsvMappings.gumroad(), "gumroad.csv").ordersOrThrow());
        orders.addAll(Samples.load(CsvMappings.creativeMarket(), "creative-market.csv").ordersOrThrow());
        orders.addAll(Samples.load(CsvMappings.etsySoldOrders(), "etsy-sold-orders.csv").ordersOrThrow());
        orders.addAll(Samples.load(CsvMappings.payhip().toBuilder().numberLocale(Locale.GERMANY).build(),
                "payhip.csv").ordersOrThrow());
        MappingFile mapping = MappingFile.load(new StringReader(ACCOUNTS));
        Reconciler engine = Reconciler.builder().accounts(mapping.accounts()).taxes(mapping.taxes()).build();

        ReconcileResult result = engine.reconcile(ReconcileInput.builder().addOrders(orders).build(),
                PostingMode.PER_ORDER);

        long refunds = orders.stream().mapToLong(o -> o.refunds().size()).sum();
        assertThat(result.journals()).hasSize(orders.size() + (int) refunds);
        for (Journal journal : result.journals()) {
            assertThat(journal.totalDebits()).as(journal.reference()).isEqualTo(journal.totalCredits());
        }
        for (Order order : orders) {
            Money clearing = Money.zero(order.currency());
            for (Journal journal : result.journals()) {
                // The engine's references carry the order id with anything but letters, digits, '_' and '.' as '_'.
                String id = order.externalId().replaceAll("[^A-Za-z0-9_.]", "_");
                if (!journal.reference().contains("-ORDER-" + id + "-") && !journal.reference().contains("-REFUND-" + id + "-")) {
                    continue;
                }
                for (JournalLine line : journal.lines()) {
                    if (line.accountCode().equals("630")) {
                        clearing = clearing.plus(line.debit().orElse(Money.zero(order.currency())))
                                .minus(line.credit().orElse(Money.zero(order.currency())));
                    }
                }
            }
            assertThat(clearing).as(order.externalId()).isEqualTo(order.net());
        }
    }
}
