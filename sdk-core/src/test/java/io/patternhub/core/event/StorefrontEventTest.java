package io.patternhub.core.event;

import static io.patternhub.core.model.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fixtures;
import io.patternhub.core.model.InvalidModelException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorefrontEventTest {
    private static final Instant AT = Instant.parse("2026-03-05T10:00:00Z");
    private final ObjectMapper mapper = PatternHubJson.newMapper();

    private static List<StorefrontEvent> oneOfEach() {
        return List.of(
                OrderEvent.builder().eventId("wh-1").platform(Platform.ETSY).occurredAt(AT)
                        .kind(OrderEvent.Kind.PAID).orderExternalId("3001").order(Fixtures.order())
                        .raw(json("{\"event_type\":\"order.paid\",\"shop_id\":5}")).build(),
                ListingEvent.builder().eventId("wh-2").platform(Platform.ETSY).occurredAt(AT)
                        .kind(ListingEvent.Kind.UPDATED).listingExternalId("1234567890").listing(Fixtures.listing()).build(),
                AppUninstalledEvent.builder().eventId("wh-3").platform(Platform.SHOPIFY).occurredAt(AT)
                        .shop("tees.myshopify.com").build(),
                PrivacyEvent.builder().eventId("wh-4").platform(Platform.SHOPIFY).occurredAt(AT)
                        .kind(PrivacyEvent.Kind.CUSTOMER_REDACT).shop("tees.myshopify.com")
                        .addCustomer(CustomerRef.builder().platform(Platform.SHOPIFY).externalId("c-1")
                                .email("ada@example.com").build())
                        .addOrderExternalId("gid://shopify/Order/1").build());
    }

    @Test
    void everyEventKindRoundTripsThroughTheSealedType() throws Exception {
        for (StorefrontEvent event : oneOfEach()) {
            String text = mapper.writeValueAsString(event);
            StorefrontEvent read = mapper.readValue(text, StorefrontEvent.class);
            assertThat(read).isEqualTo(event);
            assertThat(read.getClass()).isEqualTo(event.getClass());
            assertThat(read.eventId()).isEqualTo(event.eventId());
        }
    }

    @Test
    void aListOfMixedEventsRoundTripsWithTypeTags() throws Exception {
        TypeReference<List<StorefrontEvent>> type = new TypeReference<>() { };
        String text = mapper.writerFor(type).writeValueAsString(oneOfEach());
        assertThat(mapper.readTree(text).findValuesAsText("type"))
                .containsExactly("order", "listing", "app_uninstalled", "privacy");
        List<StorefrontEvent> read = mapper.readValue(text, type);
        assertThat(read).isEqualTo(oneOfEach());
        OrderEvent paid = (OrderEvent) read.get(0);
        assertThat(paid.raw().path("event_type").asText()).isEqualTo("order.paid");
        assertThat(paid.order().orElseThrow().raw()).isEqualTo(Fixtures.order().raw());
    }

    @Test
    void eventsAreCheckedForConsistency() {
        assertThatThrownBy(() -> OrderEvent.builder().eventId("e").platform(Platform.ETSY).occurredAt(AT)
                .kind(OrderEvent.Kind.PAID).orderExternalId("other").order(Fixtures.order()).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("3001");
        assertThatThrownBy(() -> OrderEvent.builder().eventId(" ").platform(Platform.ETSY).occurredAt(AT)
                .kind(OrderEvent.Kind.PAID).orderExternalId("1").build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> ListingEvent.builder().eventId("e").platform(Platform.ETSY).occurredAt(AT)
                .kind(ListingEvent.Kind.DELETED).listingExternalId("1234567890").listing(Fixtures.listing()).build())
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> PrivacyEvent.builder().eventId("e").platform(Platform.SHOPIFY).occurredAt(AT)
                .kind(PrivacyEvent.Kind.DATA_REQUEST).shop("s").build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("customer");
        PrivacyEvent shopRedact = PrivacyEvent.builder().eventId("e").platform(Platform.SHOPIFY).occurredAt(AT)
                .kind(PrivacyEvent.Kind.SHOP_REDACT).shop("s").build();
        assertThat(shopRedact.customers()).isEmpty();
    }

    @Test
    void eventIdsAreDeterministicAndUnambiguous() {
        String a = EventIds.of(Platform.ETSY, "order", "3001", "PAID");
        assertThat(EventIds.of(Platform.ETSY, "order", "3001", "PAID")).isEqualTo(a);
        assertThat(a).startsWith("etsy:").hasSize("etsy:".length() + 32);
        assertThat(EventIds.of(Platform.ETSY, "order", "3001", "REFUNDED")).isNotEqualTo(a);
        assertThat(EventIds.of(Platform.RAVELRY, "order", "3001", "PAID")).isNotEqualTo(a).startsWith("ravelry:");
        assertThat(EventIds.of(Platform.ETSY, "ab", "c")).isNotEqualTo(EventIds.of(Platform.ETSY, "a", "bc"));
    }
}
