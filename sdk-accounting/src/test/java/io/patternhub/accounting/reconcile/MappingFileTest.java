package io.patternhub.accounting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.model.FeeKind;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class MappingFileTest {

    @Test
    void channelMappingsWinOverDefaults() {
        MappingFile m = TestBooks.mapping();

        assertThat(m.accounts().accountFor(Platform.ETSY, AccountRole.SALES)).hasValue("200");
        assertThat(m.accounts().accountFor(Platform.SHOPIFY, AccountRole.BANK)).hasValue("090");
        assertThat(m.accounts().accountFor(Platform.ETSY, AccountRole.fee(FeeKind.ADS))).hasValue("407");
        assertThat(m.accounts().accountFor(Platform.WOOCOMMERCE, AccountRole.SALES)).isEmpty();
    }

    @Test
    void theMostSpecificTaxRuleWins() {
        TaxMapping taxes = TestBooks.mapping().taxes();

        assertThat(taxes.taxCodeFor(Platform.SHOPIFY, "DE", "digital")).hasValue("OSS-DE");
        assertThat(taxes.taxCodeFor(Platform.SHOPIFY, "DE", "printed")).hasValue("OUTPUT");
        assertThat(taxes.taxCodeFor(Platform.SHOPIFY, null, "digital")).hasValue("OUTPUT");
        assertThat(taxes.taxCodeFor(Platform.ETSY, "DE", "digital")).hasValue("NONE");
        assertThat(taxes.taxCodeFor(Platform.WOOCOMMERCE, "DE", "digital")).isEmpty();
    }

    @Test
    void everyBadLineIsReported() {
        String text = """
                account.amazon.sales = 200
                account.etsy.salez = 200
                tax.etsy.DE = X
                ledger.foo = 1
                account.etsy.sales = 200
                """;

        assertThatThrownBy(() -> MappingFile.load(new StringReader(text)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.validationErrors()).extracting(ValidationError::field).containsExactly(
                            "account.amazon.sales", "account.etsy.salez", "ledger.foo", "tax.etsy.DE");
                    assertThat(e.getMessage()).contains("unknown channel 'amazon'", "unknown account role 'salez'",
                            "fee.payment_processing", "tax.<channel|*>.<country|*>.<class|*>");
                });
    }

    @Test
    void roleKeysRoundTrip() {
        for (AccountRole role : AccountRole.values()) {
            assertThat(AccountRole.fromKey(role.key())).isEqualTo(role);
        }
        assertThat(AccountRole.FEE_PAYMENT_PROCESSING.key()).isEqualTo("fee.payment_processing");
        assertThat(AccountRole.FEE_TAX.key()).isEqualTo("fee_tax");
    }
}
