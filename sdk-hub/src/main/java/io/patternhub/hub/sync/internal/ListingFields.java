package io.patternhub.hub.sync.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.hub.catalog.ContentHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The listing fields sync pushes, as stored in a mapping (to diff field by field). */
public record ListingFields(@JsonProperty("sku") String sku, @JsonProperty("title") String title,
        @JsonProperty("description") String description, @JsonProperty("tags") List<String> tags,
        @JsonProperty("price") String price, @JsonProperty("currency") String currency) {

    public static ListingFields of(Pattern p, Money price) {
        return new ListingFields(p.sku(), p.title(), p.description(), List.copyOf(p.tags()),
                price.amount().toPlainString(), price.currencyCode());
    }

    public Money money() {
        return Money.of(price, currency);
    }

    public String hash() {
        return ContentHashes.listingFields(sku, title, description, tags, money());
    }

    /** The names of the fields that differ from {@code old} (all of them when there is no old). */
    public List<String> changedFrom(ListingFields old) {
        List<String> out = new ArrayList<>();
        if (old == null || !Objects.equals(title, old.title)) {
            out.add("title");
        }
        if (old == null || !Objects.equals(description, old.description)) {
            out.add("description");
        }
        if (old == null || !Objects.equals(tags, old.tags)) {
            out.add("tags");
        }
        if (old == null || !currency.equals(old.currency) || money().compareTo(old.money()) != 0) {
            out.add("price");
        }
        return out;
    }
}
