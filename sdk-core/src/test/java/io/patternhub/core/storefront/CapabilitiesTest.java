package io.patternhub.core.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.InvalidModelException;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    static Capabilities shopifyLike() {
        return Capabilities.builder().platform(Platform.SHOPIFY)
                .webhooks(true).addWebhookEventTypes("orders/paid", "app/uninstalled")
                .digitalFiles(false).fileHosting(FileHosting.DELIVERED_BY_HUB)
                .reportsFees(true).reportsTaxes(true).buyerEmail(EmailAvailability.ALWAYS)
                .writeAccess(WriteAccess.FULL).payouts(true)
                .putNote(Capability.DIGITAL_FILES, "Shopify's Admin API has no digital-download API")
                .build();
    }

    static Capabilities etsyLike() {
        return Capabilities.builder().platform(Platform.ETSY)
                .digitalFiles(true).maxFilesPerListing(5).maxFileSizeBytes(20_000_000L)
                .fileHosting(FileHosting.HOSTED_BY_PLATFORM)
                .reportsFees(true).reportsTaxes(true).buyerEmail(EmailAvailability.ON_APPROVAL)
                .writeAccess(WriteAccess.FULL)
                .build();
    }

    @Test
    void requireThrowsWithThePlatformsReason() {
        CapabilityNotSupportedException e = org.junit.jupiter.api.Assertions.assertThrows(
                CapabilityNotSupportedException.class, () -> shopifyLike().require(Capability.DIGITAL_FILES));
        assertThat(e.capability()).isEqualTo("digital files");
        assertThat(e.platform()).contains(Platform.SHOPIFY);
        assertThat(e.getMessage()).contains("Shopify").contains("no digital-download API");
        assertThatCode(() -> shopifyLike().require(Capability.WEBHOOKS)).doesNotThrowAnyException();
    }

    @Test
    void requireHasADefaultReason() {
        assertThatThrownBy(() -> etsyLike().require(Capability.WEBHOOKS))
                .isInstanceOf(CapabilityNotSupportedException.class)
                .hasMessageContaining("Etsy does not support webhooks");
        assertThatThrownBy(() -> etsyLike().require(Capability.PAYOUTS))
                .isInstanceOf(CapabilityNotSupportedException.class);
    }

    @Test
    void supportsMapsEveryCapability() {
        Capabilities etsy = etsyLike();
        assertThat(etsy.supports(Capability.POLLING)).isTrue();           // default
        assertThat(etsy.supports(Capability.BUYER_EMAIL)).isTrue();       // on approval counts
        assertThat(etsy.supports(Capability.WRITE_LISTINGS)).isTrue();
        Capabilities readOnly = etsy.toBuilder().writeAccess(WriteAccess.READ_ONLY)
                .buyerEmail(EmailAvailability.NEVER).build();
        assertThat(readOnly.supports(Capability.WRITE_LISTINGS)).isFalse();
        assertThat(readOnly.supports(Capability.BUYER_EMAIL)).isFalse();
        Capabilities ravelry = Capabilities.builder().platform(Platform.RAVELRY)
                .writeAccess(WriteAccess.APPROVED_APPS_ONLY).build();
        assertThat(ravelry.supports(Capability.WRITE_LISTINGS)).isTrue();
        assertThat(ravelry.supports(Capability.FEES)).isFalse();
        for (Capability c : Capability.values()) {
            assertThatCode(() -> ravelry.supports(c)).doesNotThrowAnyException();
        }
    }

    @Test
    void fileLimitsAreEnforced() {
        Capabilities etsy = etsyLike();
        assertThatCode(() -> etsy.requireFileAccepted(20_000_000L, 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> etsy.requireFileAccepted(20_000_001L, 0))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("20000001 bytes");
        assertThatThrownBy(() -> etsy.requireFileAccepted(1, 5))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("at most 5 files");
        assertThatThrownBy(() -> shopifyLike().requireFileAccepted(1, 0))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("digital-download");
    }

    @Test
    void contradictoryCapabilitiesAreRefused() {
        assertThatThrownBy(() -> Capabilities.builder().platform(Platform.ETSY).addWebhookEventType("x").build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("webhooks");
        assertThatThrownBy(() -> Capabilities.builder().platform(Platform.ETSY).maxFilesPerListing(5).build())
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> etsyLike().toBuilder().maxFilesPerListing(0).build())
                .isInstanceOf(InvalidModelException.class);
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        var mapper = PatternHubJson.newMapper();
        for (Capabilities caps : new Capabilities[] {shopifyLike(), etsyLike()}) {
            assertThat(mapper.readValue(mapper.writeValueAsString(caps), Capabilities.class)).isEqualTo(caps);
        }
    }
}
