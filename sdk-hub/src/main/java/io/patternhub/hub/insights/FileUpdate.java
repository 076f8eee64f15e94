package io.patternhub.hub.insights;

import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/** A new file version of a pattern went live on a day; used to spot sales that collapse after an update. */
@Value.Immutable
@PatternHubStyle
public interface FileUpdate {

    String sku();

    /** The day buyers started receiving the new files. */
    LocalDate date();

    /** The new version, e.g. {@code "2.0"}, when known. */
    Optional<String> version();

    @Value.Check
    default void check() {
        if (sku().isBlank()) {
            throw new InvalidModelException("FileUpdate", "sku", "must not be blank");
        }
    }

    static ImmutableFileUpdate.Builder builder() {
        return ImmutableFileUpdate.builder();
    }

    /**
     * An update of one pattern on one day.
     *
     * @param sku  the pattern
     * @param date the day the new files went live
     * @return the update
     */
    static FileUpdate of(String sku, LocalDate date) {
        return builder().sku(sku).date(date).build();
    }
}
