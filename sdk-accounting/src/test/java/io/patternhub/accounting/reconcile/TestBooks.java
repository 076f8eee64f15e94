package io.patternhub.accounting.reconcile;

import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The chart of accounts and tax codes the worked examples use, and small builders. */
final class TestBooks {
    static final String MAPPING = """
            account.*.bank = 090
            account.*.rounding = 860
            account.*.fx_gain_loss = 861
            account.*.adjustments = 862
            account.*.fee_tax = 820
            account.etsy.sales = 200
            account.etsy.discounts = 210
            account.etsy.refunds = 220
            account.etsy.clearing = 610
            account.etsy.marketplace_tax = 825
            account.etsy.fee.transaction = 404
            account.etsy.fee.payment_processing = 405
            account.etsy.fee.listing = 406
            account.etsy.fee.ads = 407
            account.shopify.sales = 201
            account.shopify.discounts = 211
            account.shopify.refunds = 221
            account.shopify.clearing = 611
            account.shopify.seller_tax = 826
            account.shopify.fee.payment_processing = 415
            tax.etsy.*.* = NONE
            tax.shopify.DE.digital = OSS-DE
            tax.shopify.FR.digital = OSS-FR
            tax.shopify.*.* = OUTPUT
            """;

    private TestBooks() {
    }

    static MappingFile mapping() {
        return MappingFile.load(new StringReader(MAPPING));
    }

    static Reconciler engine(FxRates rates) {
        MappingFile m = mapping();
        return Reconciler.builder().accounts(m.accounts()).taxes(m.taxes()).rates(rates).build();
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static CustomerRef buyer(Platform p, String country) {
        return CustomerRef.builder().platform(p).externalId("buyer-" + country).country(country).build();
    }

    static LineItem line(String price, String currency) {
        return LineItem.builder().externalId("l1").sku("SOCK-1").title("Sock pattern").quantity(1)
                .unitPrice(Money.of(price, currency)).build();
    }

    static TaxLine tax(String amount, String currency, String country, TaxCollector by) {
        return TaxLine.builder().amount(Money.of(amount, currency)).country(country).collectedBy(by).build();
    }

    static Fee fee(FeeKind kind, String amount, String tax, String currency) {
        var b = Fee.builder().kind(kind).amount(Money.of(amount, currency));
        if (tax != null) {
            b.tax(Money.of(tax, currency));
        }
        return b.build();
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static OrderStatus paid() {
        return OrderStatus.PAID;
    }

    /** A journal line as "D 090 6.69" or "C 200 8.00 NONE 1.52" (tax code and amount when present). */
    static String describe(JournalLine l) {
        StringBuilder sb = new StringBuilder(l.isDebit() ? "D " : "C ").append(l.accountCode()).append(' ')
                .append(l.amount().amount().toPlainString());
        l.taxCode().ifPresent(c -> sb.append(' ').append(c));
        l.taxAmount().ifPresent(t -> sb.append(' ').append(t.amount().toPlainString()));
        return sb.toString();
    }

    static List<String> describe(Journal j) {
        List<String> out = new ArrayList<>();
        j.lines().forEach(l -> out.add(describe(l)));
        return out;
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }
}
