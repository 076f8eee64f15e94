package io.patternhub.core.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Fixtures;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.PayoutStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestValuesTest {
    private final ObjectMapper mapper = PatternHubJson.newMapper();

    @Test
    void draftFromPatternTakesThePriceInTheStorefrontsCurrency() throws Exception {
        ImmutableListingDraft draft = ListingDraft.fromPattern(Fixtures.pattern(), Currency.getInstance("USD"))
                .putPlatformAttribute("who_made", "i_did").build();
        assertThat(draft.sku()).isEqualTo("TEE-01");
        assertThat(draft.price()).isEqualTo(Money.of("13.50", "USD"));
        assertThat(draft.tags()).containsExactly("tee", "raglan");
        assertThat(draft.initialState()).isEqualTo(ListingState.DRAFT);
        assertThat(mapper.readValue(mapper.writeValueAsString(draft), ListingDraft.class)).isEqualTo(draft);
        assertThatThrownBy(() -> ListingDraft.fromPattern(Fixtures.pattern(), Currency.getInstance("JPY")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("no price in JPY");
        assertThatThrownBy(() -> draft.withInitialState(ListingState.REMOVED))
                .isInstanceOf(InvalidModelException.class);
    }

    @Test
    void updatesMustChangeSomething() throws Exception {
        assertThatThrownBy(() -> ListingUpdate.builder().build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("changes nothing");
        assertThatThrownBy(() -> ListingUpdate.state(ListingState.REMOVED)).isInstanceOf(InvalidModelException.class);
        ListingUpdate update = ListingUpdate.fromPattern(Fixtures.pattern(), Money.of("12.00", "EUR")).build();
        assertThat(update.tags()).contains(List.of("tee", "raglan"));
        assertThat(update.state()).isEmpty();
        assertThat(mapper.readValue(mapper.writeValueAsString(update), ListingUpdate.class)).isEqualTo(update);
    }

    @Test
    void orderQueryAppliesTheRescanWindow() throws Exception {
        Instant since = Instant.parse("2026-03-10T00:00:00Z");
        ImmutableOrderQuery query = OrderQuery.builder().updatedSince(since).rescanWindow(Duration.ofDays(3))
                .addStatuses(OrderStatus.PAID, OrderStatus.REFUNDED).pageSize(100).build();
        assertThat(query.effectiveUpdatedSince()).contains(Instant.parse("2026-03-07T00:00:00Z"));
        assertThat(query.wants(OrderStatus.REFUNDED)).isTrue();
        assertThat(query.wants(OrderStatus.PENDING)).isFalse();
        assertThat(OrderQuery.all().wants(OrderStatus.PENDING)).isTrue();
        assertThat(OrderQuery.all().effectiveUpdatedSince()).isEmpty();
        assertThat(mapper.readValue(mapper.writeValueAsString(query), OrderQuery.class)).isEqualTo(query);
        assertThatThrownBy(() -> query.withRescanWindow(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("rescanWindow");
        assertThatThrownBy(() -> query.withUntil(since.minusSeconds(1)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("until");
        assertThatThrownBy(() -> query.withPageSize(0)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void payoutQueryChecksItsRange() throws Exception {
        ImmutablePayoutQuery query = PayoutQuery.builder().since(Instant.EPOCH).until(Instant.EPOCH.plusSeconds(60))
                .addStatus(PayoutStatus.PAID).build();
        assertThat(mapper.readValue(mapper.writeValueAsString(query), PayoutQuery.class)).isEqualTo(query);
        assertThatThrownBy(() -> query.withUntil(Instant.EPOCH)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void webhookHeadersAreCaseInsensitive() {
        WebhookRequest request = WebhookRequest.of(
                Map.of("X-Shopify-Hmac-SHA256", "abc=", "X-Shopify-Topic", "orders/paid"),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        assertThat(request.header("x-shopify-hmac-sha256")).contains("abc=");
        assertThat(request.header("X-SHOPIFY-TOPIC")).contains("orders/paid");
        assertThat(request.header("X-Missing")).isEmpty();
        assertThat(request.headers()).containsOnlyKeys("x-shopify-hmac-sha256", "x-shopify-topic");
        assertThat(request.bodyAsString()).isEqualTo("{\"id\":1}");

        WebhookRequest merged = WebhookRequest.builder().body(new byte[0]).receivedAt(Instant.EPOCH)
                .putHeader("Webhook-Id", List.of("a")).putHeader("webhook-id", List.of("b")).build();
        assertThat(merged.headerValues("WEBHOOK-ID")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void webhookBodyIsCopiedNotShared() throws Exception {
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = WebhookRequest.of(Map.of("A", "1"), body, Instant.EPOCH);
        body[0] = 'X';
        request.body()[1] = 'Y';
        assertThat(request.bodyAsString()).isEqualTo("{\"id\":1}");
        WebhookRequest read = mapper.readValue(mapper.writeValueAsString(request), WebhookRequest.class);
        assertThat(read).isEqualTo(request);
        assertThat(read.body()).isEqualTo("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
    }
}
