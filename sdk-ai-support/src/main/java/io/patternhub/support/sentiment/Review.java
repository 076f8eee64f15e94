package io.patternhub.support.sentiment;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A marketplace review.
 *
 * @param text what the buyer wrote
 * @param stars the star rating (1 to 5) when the marketplace has one
 */
public record Review(String text, OptionalInt stars) {
    public Review {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stars, "stars");
        if (stars.isPresent() && (stars.getAsInt() < 1 || stars.getAsInt() > 5)) {
            throw new io.patternhub.core.error.InvalidRequestException("stars must be 1 to 5, was " + stars.getAsInt(),
                    io.patternhub.core.error.ErrorContext.empty());
        }
    }

    public static Review of(String text) {
        return new Review(text, OptionalInt.empty());
    }

    public static Review of(String text, int stars) {
        return new Review(text, OptionalInt.of(stars));
    }
}
