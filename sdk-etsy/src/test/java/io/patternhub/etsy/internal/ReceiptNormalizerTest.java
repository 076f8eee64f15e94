package io.patternhub.etsy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalization of spec-shaped ShopReceipt and Payment JSON. */
class ReceiptNormalizerTest {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();
    private final ReceiptNormalizer normalizer = new ReceiptNormalizer();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String money(long amount, int divisor, String currency) {
        return "{\"amount\":" + amount + ",\"divisor\":" + divisor + ",\"currency_code\":\"" + currency + "\"}";
    }

    /** EUR receipt: three transactions (one of two units), a coupon, VAT collected by Etsy, a partial refund. */
    private static final String EUR_RECEIPT = """
            {"receipt_id": 1001, "receipt_type": 0, "seller_user_id": 5, "buyer_user_id": 77, "buyer_email": null,
             "name": "Anna Schmidt", "country_iso": "de", "status": "paid", "is_paid": true, "is_shipped": false,
             "create_timestamp": 1700000000, "created_timestamp": 1700000000,
             "update_timestamp": 1700003600, "updated_timestamp": 1700003600,
             "grandtotal": %s, "subtotal": %s, "total_price": %s, "total_shipping_cost": %s,
             "total_tax_cost": %s, "total_vat_cost": %s, "discount_amt": %s,
             "transactions": [
               {"transaction_id": 1, "title": "Raglan Tee Pattern", "quantity": 1, "receipt_id": 1001,
                "is_digital": true, "listing_id": 501, "sku": "TEE-01", "product_id": 9001, "price": %s},
               {"transaction_id": 2, "title": "Sock Pattern", "quantity": 2, "receipt_id": 1001,
                "is_digital": true, "listing_id": 502, "sku": "SOCK-02", "product_id": 9002, "price": %s},
               {"transaction_id": 3, "title": "Hat Pattern", "quantity": 1, "receipt_id": 1001,
                "is_digital": true, "listing_id": 503, "sku": null, "product_id": 9003, "price": %s}
             ],
             "refunds": [
               {"amount": %s, "created_timestamp": 1700100000, "reason": "wrong size", "note_from_issuer": null,
                "status": "complete"}
             ]}
            """.formatted(
                    money(3094, 100, "EUR"),  // grandtotal = 28.90 - 2.89 + 4.93 VAT
                    money(2601, 100, "EUR"),  // subtotal = total_price - discount
                    money(2890, 100, "EUR"),  // total_price = 12.50 + 2 * 4.95 + 6.50
                    money(0, 100, "EUR"),
                    money(0, 100, "EUR"),
                    money(493, 100, "EUR"),
                    money(289, 100, "EUR"),
                    money(1250, 100, "EUR"),
                    money(495, 100, "EUR"),
                    money(650, 100, "EUR"),
                    money(495, 100, "EUR"));

    @Test
    void normalizesTransactionsDiscountVatAndRefundExactly() throws Exception {
        Order order = normalizer.toOrder(json(EUR_RECEIPT), List.of());

        assertThat(order.platform()).isEqualTo(Platform.ETSY);
        assertThat(order.externalId()).isEqualTo("1001");
        assertThat(order.currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(order.createdAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(order.updatedAt()).contains(Instant.ofEpochSecond(1700003600));
        assertThat(order.lineItems()).extracting(LineItem::externalId).containsExactly(
                java.util.Optional.of("1"), java.util.Optional.of("2"), java.util.Optional.of("3"));
        LineItem socks = order.lineItems().get(1);
        assertThat(socks.sku()).contains("SOCK-02");
        assertThat(socks.listingExternalId()).contains("502");
        assertThat(socks.quantity()).isEqualTo(2);
        assertThat(socks.unitPrice().amount().toPlainString()).isEqualTo("4.95");
        assertThat(socks.total()).isEqualTo(Money.of("9.90", "EUR"));
        assertThat(order.lineItems().get(2).sku()).isEmpty();
        // The lines add up exactly to Etsy's total_price.
        Money lines = order.lineItems().stream().map(LineItem::total).reduce(Money::plus).orElseThrow();
        assertThat(lines).isEqualTo(order.subtotal());
        assertThat(order.subtotal().amount().toPlainString()).isEqualTo("28.90");
        assertThat(order.discountsTotal().amount().toPlainString()).isEqualTo("2.89");
        assertThat(order.total().amount().toPlainString()).isEqualTo("30.94");
        // subtotal - discount + marketplace VAT = grand total, to the cent
        assertThat(order.subtotal().minus(order.discountsTotal()).plus(order.totalTax())).isEqualTo(order.total());

        assertThat(order.taxes()).hasSize(1);
        assertThat(order.taxes().get(0).collectedBy()).isEqualTo(TaxCollector.MARKETPLACE);
        assertThat(order.taxes().get(0).amount().amount().toPlainString()).isEqualTo("4.93");
        assertThat(order.taxes().get(0).country()).contains("DE");
        assertThat(order.taxCollectedBy(TaxCollector.SELLER).isZero()).isTrue();

        assertThat(order.refunds()).hasSize(1);
        assertThat(order.refunds().get(0).amount()).isEqualTo(Money.of("4.95", "EUR"));
        assertThat(order.refunds().get(0).reason()).contains("wrong size");
        assertThat(order.refunds().get(0).createdAt()).isEqualTo(Instant.ofEpochSecond(1700100000));
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);

        assertThat(order.buyer()).isPresent();
        assertThat(order.buyer().get().email()).isEmpty();
        assertThat(order.buyer().get().externalId()).contains("77");
        assertThat(order.buyer().get().country()).contains("DE");
        assertThat(order.raw().path("receipt_id").asLong()).isEqualTo(1001);
    }

    @Test
    void aQuantityBeyondAnIntIsAMalformedPayload() throws Exception {
        // found by fuzzing: this was an ArithmeticException from Math.toIntExact
        String receipt = EUR_RECEIPT.replaceFirst("\"quantity\": 1,", "\"quantity\": 1111111111112,");
        assertThat(receipt).contains("1111111111112");
        assertThatThrownBy(() -> normalizer.toOrder(json(receipt), List.of())).isInstanceOf(ApiException.class)
                .hasMessageContaining("quantity 1111111111112");
    }

    @Test
    void refundIdsAreStableAcrossReReads() throws Exception {
        Order first = normalizer.toOrder(json(EUR_RECEIPT), List.of());
        Order again = normalizer.toOrder(json(EUR_RECEIPT), List.of());
        assertThat(first.refunds().get(0).externalId()).isEqualTo(again.refunds().get(0).externalId())
                .startsWith("1001:");
    }

    @Test
    void usSalesTaxIsMarketplaceCollectedAndFeesComeFromPayments() throws Exception {
        String receipt = """
                {"receipt_id": 2002, "buyer_user_id": 8, "buyer_email": "buyer@example.com", "country_iso": "US",
                 "state": "CA", "status": "completed", "is_paid": true, "created_timestamp": 1700000000,
                 "updated_timestamp": 1700000100, "grandtotal": %s, "total_price": %s, "total_tax_cost": %s,
                 "total_vat_cost": %s, "discount_amt": %s,
                 "transactions": [{"transaction_id": 21, "title": "Quilt", "quantity": 1, "price": %s, "listing_id": 7}],
                 "refunds": []}
                """.formatted(money(1086, 100, "USD"), money(1000, 100, "USD"), money(86, 100, "USD"),
                money(0, 100, "USD"), money(0, 100, "USD"), money(1000, 100, "USD"));
        String payment = """
                {"payment_id": 31, "receipt_id": 2002, "amount_gross": %s, "amount_fees": %s, "amount_net": %s,
                 "adjusted_fees": null, "currency": "USD", "status": "settled"}
                """.formatted(money(1086, 100, "USD"), money(58, 100, "USD"), money(1028, 100, "USD"));

        Order order = normalizer.toOrder(json(receipt), List.of(json(payment)));

        assertThat(order.buyer().get().email()).contains("buyer@example.com");
        assertThat(order.taxes()).singleElement().satisfies(t -> {
            assertThat(t.collectedBy()).isEqualTo(TaxCollector.MARKETPLACE);
            assertThat(t.amount()).isEqualTo(Money.of("0.86", "USD"));
            assertThat(t.region()).contains("CA");
        });
        assertThat(order.fees()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FeeKind.PAYMENT_PROCESSING);
            assertThat(f.amount().amount().toPlainString()).isEqualTo("0.58");
        });
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        // What the seller keeps: 10.86 - 0.86 tax Etsy remits - 0.58 fee
        assertThat(order.net()).isEqualTo(Money.of("9.42", "USD"));
    }

    @Test
    void adjustedFeesReplaceOriginalFeesAfterARefund() throws Exception {
        String payment = """
                {"payment_id": 32, "amount_fees": %s, "adjusted_fees": %s, "currency": "USD"}
                """.formatted(money(58, 100, "USD"), money(12, 100, "USD"));
        String receipt = """
                {"receipt_id": 2003, "buyer_user_id": 8, "status": "fully refunded", "created_timestamp": 1700000000,
                 "grandtotal": %s, "total_price": %s,
                 "transactions": [{"transaction_id": 22, "title": "Quilt", "quantity": 1, "price": %s}],
                 "refunds": [{"amount": %s, "created_timestamp": 1700050000}]}
                """.formatted(money(1000, 100, "USD"), money(1000, 100, "USD"), money(1000, 100, "USD"),
                money(1000, 100, "USD"));
        Order order = normalizer.toOrder(json(receipt), List.of(json(payment)));
        assertThat(order.fees()).singleElement().satisfies(f -> assertThat(f.amount()).isEqualTo(Money.of("0.12", "USD")));
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.totalRefunded()).isEqualTo(order.total());
    }

    @Test
    void zeroAndThreeDecimalCurrenciesAreExactToTheMinorUnit() throws Exception {
        String jpy = """
                {"receipt_id": 3003, "buyer_user_id": 9, "status": "paid", "created_timestamp": 1700000000,
                 "grandtotal": %s, "total_price": %s, "discount_amt": %s,
                 "transactions": [{"transaction_id": 31, "title": "Kimono", "quantity": 3, "price": %s}]}
                """.formatted(money(1350, 1, "JPY"), money(1500, 1, "JPY"), money(150, 1, "JPY"), money(500, 1, "JPY"));
        Order yen = normalizer.toOrder(json(jpy), List.of());
        assertThat(yen.total().amount().toPlainString()).isEqualTo("1350");
        assertThat(yen.total().toMinorUnits()).isEqualTo(1350);
        assertThat(yen.lineItems().get(0).total()).isEqualTo(Money.of("1500", "JPY"));
        assertThat(yen.discountsTotal()).isEqualTo(Money.of("150", "JPY"));

        String bhd = """
                {"receipt_id": 3004, "buyer_user_id": 9, "status": "paid", "created_timestamp": 1700000000,
                 "grandtotal": %s, "total_price": %s,
                 "transactions": [{"transaction_id": 32, "title": "Abaya", "quantity": 1, "price": %s}]}
                """.formatted(money(1234, 1000, "BHD"), money(1234, 1000, "BHD"), money(1234, 1000, "BHD"));
        Order dinar = normalizer.toOrder(json(bhd), List.of());
        assertThat(dinar.total().amount().toPlainString()).isEqualTo("1.234");
        assertThat(dinar.total().toMinorUnits()).isEqualTo(1234);

        // A divisor of 100 on GBP with an odd amount stays exact, no float drift.
        String gbp = """
                {"receipt_id": 3005, "buyer_user_id": 9, "status": "paid", "created_timestamp": 1700000000,
                 "grandtotal": %s, "total_price": %s,
                 "transactions": [{"transaction_id": 33, "title": "Cardigan", "quantity": 3, "price": %s}]}
                """.formatted(money(30, 100, "GBP"), money(30, 100, "GBP"), money(10, 100, "GBP"));
        Order pounds = normalizer.toOrder(json(gbp), List.of());
        assertThat(pounds.lineItems().get(0).total().amount().toPlainString()).isEqualTo("0.30");
    }

    @Test
    void canceledAndUnpaidReceiptsMapToTheirStatus() throws Exception {
        String template = """
                {"receipt_id": 4004, "buyer_user_id": 9, "status": "%s", "is_paid": %s, "created_timestamp": 1700000000,
                 "grandtotal": %s, "total_price": %s,
                 "transactions": [{"transaction_id": 41, "title": "Bag", "quantity": 1, "price": %s}]}
                """;
        String m = money(500, 100, "USD");
        assertThat(normalizer.toOrder(json(template.formatted("canceled", "false", m, m, m)), List.of()).status())
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(normalizer.toOrder(json(template.formatted("open", "false", m, m, m)), List.of()).status())
                .isEqualTo(OrderStatus.PENDING);
        assertThat(normalizer.toOrder(json(template.formatted("payment processing", "false", m, m, m)), List.of())
                .status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void malformedMoneyIsATypedError() throws Exception {
        String receipt = """
                {"receipt_id": 5005, "created_timestamp": 1700000000, "grandtotal": {"amount": 10.5, "divisor": 100,
                 "currency_code": "USD"}}
                """;
        assertThatThrownBy(() -> normalizer.toOrder(json(receipt), List.of()))
                .isInstanceOf(ApiException.class).hasMessageContaining("Money");
    }
}
