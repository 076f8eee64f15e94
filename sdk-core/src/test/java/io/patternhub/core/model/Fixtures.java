package io.patternhub.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.json.PatternHubJson;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/** Realistic, fully populated model values shared by tests in several packages. */
public final class Fixtures {
    public static final Currency EUR = Currency.getInstance("EUR");
    public static final String SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private Fixtures() {
    }

    public static JsonNode json(String text) {
        try {
            return PatternHubJson.newMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ImmutablePatternFile patternFile() {
        return PatternFile.builder()
                .name("raglan-tee-a4.pdf").mediaType("application/pdf").sizeBytes(3)
                .sha256(SHA_ABC).version("1.2").printFormat(PrintFormat.A4)
                .language("en").sizeRange("XS-4XL").location(URI.create("https://cdn.example.com/tee-a4.pdf"))
                .build();
    }

    public static ImmutablePattern pattern() {
        return Pattern.builder()
                .sku("TEE-01").title("Raglan Tee").description("A relaxed raglan tee.\nSizes XS-4XL.")
                .addTags("tee", "raglan").craft(Craft.SEWING)
                .addPrice(Money.of("12.00", "EUR")).addPrice(Money.of("13.50", "USD"))
                .addImage(URI.create("https://cdn.example.com/tee.jpg"))
                .addFile(patternFile())
                .addFile(patternFile().withName("raglan-tee-projector.pdf").withPrintFormat(PrintFormat.PROJECTOR))
                .version("2.1").changeNotes("Fixed sleeve notch on size L.")
                .build();
    }

    public static ImmutableListing listing() {
        return Listing.builder()
                .platform(Platform.ETSY).externalId("1234567890").sku("TEE-01")
                .title("Raglan Tee sewing pattern PDF").description("PDF pattern")
                .price(Money.ofFraction(1200, 100, "EUR")).state(ListingState.ACTIVE)
                .addFile(ListingFile.builder().externalId("f-1").name("raglan-tee-a4.pdf").sizeBytes(3)
                        .sha256(SHA_ABC).raw(json("{\"listing_file_id\":1,\"filesize\":\"3 B\"}")).build())
                .url(URI.create("https://www.etsy.com/listing/1234567890"))
                .contentHash("c0ffee").addTag("sewing pattern")
                .updatedAt(Instant.parse("2026-03-01T10:15:30Z"))
                .raw(json("{\"listing_id\":1234567890,\"price\":{\"amount\":1200,\"divisor\":100,\"currency_code\":\"EUR\"}}"))
                .build();
    }

    public static ImmutableOrder order() {
        return Order.builder()
                .platform(Platform.ETSY).externalId("3001").orderNumber("3001")
                .createdAt(Instant.parse("2026-03-02T08:00:00Z")).updatedAt(Instant.parse("2026-03-03T09:30:00.123456Z"))
                .buyer(CustomerRef.builder().platform(Platform.ETSY).externalId("buyer-9").name("Ada").country("DE").build())
                .addLineItem(LineItem.builder().externalId("t-1").sku("TEE-01").listingExternalId("1234567890")
                        .title("Raglan Tee").quantity(2).unitPrice(Money.of("12.00", "EUR"))
                        .discount(Money.of("2.00", "EUR")).raw(json("{\"transaction_id\":1}")).build())
                .addTax(TaxLine.builder().amount(Money.of("4.18", "EUR")).rate(new BigDecimal("0.19"))
                        .country("DE").collectedBy(TaxCollector.MARKETPLACE).title("VAT").build())
                .addFee(Fee.builder().kind(FeeKind.TRANSACTION).amount(Money.of("1.43", "EUR"))
                        .tax(Money.of("0.27", "EUR")).description("Transaction fee").build())
                .addFee(Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(Money.of("0.97", "EUR")).build())
                .addRefund(Refund.builder().externalId("r-1").amount(Money.of("5.00", "EUR"))
                        .createdAt(Instant.parse("2026-03-04T12:00:00Z")).reason("wrong size").addLineRef("t-1").build())
                .currency(EUR)
                .discountsTotal(Money.of("2.00", "EUR"))
                .subtotal(Money.of("22.00", "EUR"))
                .total(Money.of("26.18", "EUR"))
                .payoutReference("po-77")
                .status(OrderStatus.PARTIALLY_REFUNDED)
                .raw(json("{\"receipt_id\":3001,\"grandtotal\":{\"amount\":2618,\"divisor\":100,\"currency_code\":\"EUR\"},"
                        + "\"buyer_email\":null,\"nested\":[1,2.50,{\"x\":true}]}"))
                .build();
    }

    public static ImmutablePayout payout() {
        return Payout.builder()
                .platform(Platform.ETSY).externalId("po-77")
                .periodStart(Instant.parse("2026-03-01T00:00:00Z")).periodEnd(Instant.parse("2026-03-08T00:00:00Z"))
                .arrivalDate(LocalDate.of(2026, 3, 10)).currency(EUR)
                .gross(Money.of("100.00", "EUR")).fees(Money.of("6.50", "EUR")).refunds(Money.of("5.00", "EUR"))
                .adjustments(Money.of("-1.00", "EUR"))
                .addOrderIds("3001", "3002").status(PayoutStatus.PAID)
                .raw(json("{\"payout_id\":77}"))
                .build();
    }
}
