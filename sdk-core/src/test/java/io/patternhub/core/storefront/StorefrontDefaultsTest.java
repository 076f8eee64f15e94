package io.patternhub.core.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.model.Fixtures;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.PatternFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StorefrontDefaultsTest {

    /** Implements only what every storefront must; everything else comes from the defaults. */
    private static class MinimalStorefront implements Storefront {
        private final Capabilities capabilities;
        final AtomicInteger pagesFetched = new AtomicInteger();

        MinimalStorefront(Capabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Platform platform() {
            return capabilities.platform();
        }

        @Override
        public Capabilities capabilities() {
            return capabilities;
        }

        /** Ten pages of ten listings, each page "fetched" only when reached. */
        @Override
        public Stream<Listing> listings() {
            return IntStream.range(0, 10).boxed().flatMap(page -> {
                pagesFetched.incrementAndGet();
                return IntStream.range(0, 10).mapToObj(i -> Fixtures.listing()
                        .withExternalId("L" + (page * 10 + i)).withSku("SKU-" + (page * 10 + i)));
            });
        }

        @Override
        public Stream<Order> orders(OrderQuery query) {
            return Stream.of(Fixtures.order());
        }

        @Override
        public Order order(String externalId) {
            return Fixtures.order();
        }
    }

    @Test
    void missingCapabilitiesThrowWithThePlatformsReason() {
        Storefront shopify = new MinimalStorefront(CapabilitiesTest.shopifyLike());
        PatternFile file = Fixtures.patternFile();
        assertThatThrownBy(() -> shopify.attachFile("L1", file))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("no digital-download API");
        assertThatThrownBy(() -> shopify.files("L1")).isInstanceOf(CapabilityNotSupportedException.class);
        assertThatThrownBy(() -> shopify.removeFile("L1", "f")).isInstanceOf(CapabilityNotSupportedException.class);
        assertThatThrownBy(() -> shopify.replaceFile("L1", "f", file)).isInstanceOf(CapabilityNotSupportedException.class);

        Storefront readOnly = new MinimalStorefront(Capabilities.builder().platform(Platform.CSV)
                .putNote(Capability.WRITE_LISTINGS, "CSV shops are import-only").build());
        assertThatThrownBy(() -> readOnly.createListing(ListingDraft.fromPattern(Fixtures.pattern(), Fixtures.EUR).build()))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("import-only");
        assertThatThrownBy(() -> readOnly.activate("L1"))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("import-only");
        assertThatThrownBy(() -> readOnly.payouts(PayoutQuery.all()))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("payouts");
        assertThatThrownBy(() -> readOnly.parseWebhook(WebhookRequest.of(Map.of(), new byte[0], Instant.EPOCH)))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("webhooks");
    }

    @Test
    void claimedButUnimplementedOperationsStillThrow() {
        Storefront etsy = new MinimalStorefront(CapabilitiesTest.etsyLike());
        assertThatThrownBy(() -> etsy.attachFile("L1", Fixtures.patternFile()))
                .isInstanceOf(CapabilityNotSupportedException.class)
                .hasMessageContaining("does not implement attachFile");
        assertThatThrownBy(() -> etsy.updateListing("L1", ListingUpdate.state(ListingState.ACTIVE)))
                .isInstanceOf(CapabilityNotSupportedException.class)
                .hasMessageContaining("does not implement updateListing");
    }

    @Test
    void listingBySkuStopsFetchingOnceFound() {
        MinimalStorefront shop = new MinimalStorefront(CapabilitiesTest.etsyLike());
        assertThat(shop.listingBySku("SKU-23")).map(Listing::externalId).contains("L23");
        assertThat(shop.pagesFetched).hasValue(3);
        shop.pagesFetched.set(0);
        assertThat(shop.listingBySku("NOPE")).isEmpty();
        assertThat(shop.pagesFetched).hasValue(10);
    }

    /** Records the calls the default methods make. */
    private static final class RecordingStorefront extends MinimalStorefront {
        final List<String> calls = new ArrayList<>();
        boolean failRemove;

        RecordingStorefront() {
            super(CapabilitiesTest.etsyLike());
        }

        @Override
        public Listing updateListing(String externalId, ListingUpdate update) {
            calls.add("update " + externalId + " " + update.state().orElseThrow());
            return Fixtures.listing().withExternalId(externalId).withState(update.state().orElseThrow());
        }

        @Override
        public ListingFile attachFile(String listingId, PatternFile file) {
            calls.add("attach " + listingId + " " + file.name());
            return ListingFile.builder().externalId("new-1").name(file.name()).sha256(file.sha256()).build();
        }

        @Override
        public void removeFile(String listingId, String fileId) {
            calls.add("remove " + listingId + " " + fileId);
            if (failRemove) {
                throw new CapabilityNotSupportedException(Platform.ETSY, "digital files", "simulated");
            }
        }
    }

    @Test
    void replaceFileAttachesTheNewFileBeforeRemovingTheOld() {
        RecordingStorefront shop = new RecordingStorefront();
        ListingFile added = shop.replaceFile("L1", "old-9", Fixtures.patternFile());
        assertThat(added.externalId()).isEqualTo("new-1");
        assertThat(shop.calls).containsExactly("attach L1 raglan-tee-a4.pdf", "remove L1 old-9");
    }

    @Test
    void replaceFileFailureLeavesTheNewFileAttached() {
        RecordingStorefront shop = new RecordingStorefront();
        shop.failRemove = true;
        assertThatThrownBy(() -> shop.replaceFile("L1", "old-9", Fixtures.patternFile()))
                .isInstanceOf(CapabilityNotSupportedException.class);
        assertThat(shop.calls).containsExactly("attach L1 raglan-tee-a4.pdf", "remove L1 old-9");
    }

    @Test
    void activateAndDeactivateAreStateUpdates() {
        RecordingStorefront shop = new RecordingStorefront();
        assertThat(shop.activate("L7").state()).isEqualTo(ListingState.ACTIVE);
        assertThat(shop.deactivate("L7").state()).isEqualTo(ListingState.INACTIVE);
        assertThat(shop.calls).containsExactly("update L7 ACTIVE", "update L7 INACTIVE");
    }
}
