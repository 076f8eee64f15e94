package io.patternhub.core.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import org.immutables.value.Value;

/** The seller removed the app from the shop: stop calling it and drop its tokens. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableAppUninstalledEvent.class)
@JsonDeserialize(as = ImmutableAppUninstalledEvent.class)
@JsonTypeName("app_uninstalled")
public non-sealed interface AppUninstalledEvent extends StorefrontEvent {

    /** The shop the app was removed from (Shopify shop domain, Etsy shop id). */
    String shop();

    @Value.Check
    default void check() {
        if (eventId().isBlank()) {
            throw new InvalidModelException("AppUninstalledEvent", "eventId", "must not be blank");
        }
    }

    static ImmutableAppUninstalledEvent.Builder builder() {
        return ImmutableAppUninstalledEvent.builder();
    }

    default ImmutableAppUninstalledEvent.Builder toBuilder() {
        return ImmutableAppUninstalledEvent.builder().from(this);
    }
}
