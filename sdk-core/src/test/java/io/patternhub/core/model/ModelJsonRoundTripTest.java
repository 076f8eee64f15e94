package io.patternhub.core.model;

import static io.patternhub.core.model.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.json.PatternHubJson;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelJsonRoundTripTest {
    private final ObjectMapper mapper = PatternHubJson.newMapper();

    /** Writes, reads back, checks equality and that a second write gives identical JSON. */
    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        String json = mapper.writeValueAsString(value);
        T read = mapper.readValue(json, type);
        assertThat(read).isEqualTo(value);
        assertThat(mapper.writeValueAsString(read)).isEqualTo(json);
        return read;
    }

    @Test
    void patternRoundTrips() throws Exception {
        Pattern read = roundTrip(Fixtures.pattern(), Pattern.class);
        assertThat(read.files()).extracting(PatternFile::name)
                .containsExactly("raglan-tee-a4.pdf", "raglan-tee-projector.pdf");
        assertThat(read.priceIn(java.util.Currency.getInstance("USD"))).contains(Money.of("13.50", "USD"));
        JsonNode tree = mapper.valueToTree(Fixtures.pattern());
        assertThat(tree.path("prices").get(0).path("amount").asText()).isEqualTo("12.00");
        assertThat(tree.path("craft").asText()).isEqualTo("SEWING");
    }

    @Test
    void patternFileRoundTripsWithoutContent() throws Exception {
        PatternFile withContent = Fixtures.patternFile().withContent(
                FileContent.ofSupplier(() -> new java.io.ByteArrayInputStream("abc".getBytes())));
        String json = mapper.writeValueAsString(withContent);
        assertThat(mapper.readTree(json).has("content")).isFalse();
        PatternFile read = mapper.readValue(json, PatternFile.class);
        assertThat(read).isEqualTo(withContent); // content is auxiliary
        assertThat(read.content()).isEmpty();
        assertThat(read.location()).isEqualTo(withContent.location());
    }

    @Test
    void listingRoundTripsWithRawPayload() throws Exception {
        Listing read = roundTrip(Fixtures.listing(), Listing.class);
        assertThat(read.raw().path("price").path("divisor").asInt()).isEqualTo(100);
        assertThat(read.files().get(0).raw().path("filesize").asText()).isEqualTo("3 B");
        assertThat(read.price().amount()).isEqualTo(new BigDecimal("12.00"));
    }

    @Test
    void orderRoundTripsExactlyWithRawPayload() throws Exception {
        Order order = Fixtures.order();
        Order read = roundTrip(order, Order.class);
        assertThat(read.raw()).isEqualTo(order.raw());
        assertThat(read.raw().path("nested").get(1).decimalValue()).isEqualTo(new BigDecimal("2.50"));
        assertThat(read.raw().path("buyer_email").isNull()).isTrue();
        assertThat(read.updatedAt()).contains(Instant.parse("2026-03-03T09:30:00.123456Z"));
        assertThat(read.taxes().get(0).rate()).contains(new BigDecimal("0.19"));
        assertThat(read.lineItems().get(0).raw().path("transaction_id").asInt()).isEqualTo(1);
        JsonNode tree = mapper.readTree(mapper.writeValueAsString(order));
        assertThat(tree.path("total").path("amount").asText()).isEqualTo("26.18");
        assertThat(tree.path("createdAt").asText()).isEqualTo("2026-03-02T08:00:00Z");
    }

    @Test
    void payoutRoundTrips() throws Exception {
        Payout read = roundTrip(Fixtures.payout(), Payout.class);
        assertThat(read.net()).isEqualTo(Money.of("87.50", "EUR"));
    }

    @Test
    void handBuiltValuesHaveNoRawAndStayThatWayThroughJson() throws Exception {
        CustomerRef ref = CustomerRef.builder().platform(Platform.SHOPIFY).email("ada@example.com").build();
        roundTrip(ref, CustomerRef.class);
        Fee fee = Fee.builder().kind(FeeKind.ADS).amount(Money.of("3", "EUR")).build();
        assertThat(fee.hasRaw()).isFalse();
        assertThat(fee.raw().path("anything").isMissingNode()).isTrue();
        String json = mapper.writeValueAsString(fee);
        assertThat(mapper.readTree(json).has("raw")).isFalse();
        Fee read = roundTrip(fee, Fee.class);
        assertThat(read.hasRaw()).isFalse();
    }

    @Test
    void emptyObjectRawIsKeptDistinctFromNoRaw() throws Exception {
        Fee fee = Fee.builder().kind(FeeKind.ADS).amount(Money.of("3", "EUR")).raw(json("{}")).build();
        Fee read = roundTrip(fee, Fee.class);
        assertThat(read.hasRaw()).isTrue();
        assertThat(read.raw().isObject()).isTrue();
    }

    @Test
    void unknownPropertiesFromNewerVersionsAreIgnored() throws Exception {
        String json = mapper.writeValueAsString(Fixtures.payout());
        String extended = json.replaceFirst("\\{", "{\"addedLater\":42,");
        assertThat(mapper.readValue(extended, Payout.class)).isEqualTo(Fixtures.payout());
    }

    @Test
    void missingRequiredFieldInJsonIsATypedError() {
        assertThatThrownBy(() -> mapper.readValue("{\"kind\":\"ADS\"}", Fee.class))
                .satisfies(e -> assertThat(rootCauses(e)).anyMatch(c -> c instanceof InvalidModelException
                        && c.getMessage().contains("amount")));
    }

    @Test
    void copiesWithToBuilderAndWithers() {
        ImmutableOrder order = Fixtures.order();
        Order paid = order.withStatus(OrderStatus.PAID);
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        ImmutableOrder renumbered = order.toBuilder().orderNumber("#9").build();
        assertThat(renumbered).isNotEqualTo(order);
        assertThat(renumbered.withOrderNumber("3001")).isEqualTo(order);
    }

    private static java.util.List<Throwable> rootCauses(Throwable t) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.add(c);
        }
        return all;
    }
}
