package io.patternhub.ravelry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One Ravelry pattern store the connected account administers ({@code stores/list.json}).
 *
 * @param id            the store id (what {@link RavelryStorefront.Builder#storeId} wants)
 * @param name          the store name
 * @param permalink     the store permalink
 * @param productsCount how many products it has
 * @param raw           the Store JSON as Ravelry sent it
 */
public record PatternStore(long id, String name, String permalink, long productsCount, JsonNode raw) {
    public PatternStore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permalink, "permalink");
        Objects.requireNonNull(raw, "raw");
    }
}
