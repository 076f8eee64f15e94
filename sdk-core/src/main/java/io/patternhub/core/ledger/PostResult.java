package io.patternhub.core.ledger;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.PatternHubStyle;
import org.immutables.value.Value;

/** The outcome of {@link Ledger#post}: a new entry, or the one already posted under the same reference. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePostResult.class)
@JsonDeserialize(as = ImmutablePostResult.class)
public interface PostResult {

    /** Whether this call booked the journal. */
    enum Outcome {
        CREATED,
        /** A journal with the same reference was already posted; nothing was booked. */
        ALREADY_EXISTED
    }

    Outcome outcome();

    PostedEntry entry();

    /** Whether this call created the entry. */
    default boolean created() {
        return outcome() == Outcome.CREATED;
    }

    /**
     * A result for a newly created entry.
     *
     * @param entry the entry
     * @return the result
     */
    static PostResult created(PostedEntry entry) {
        return ImmutablePostResult.builder().outcome(Outcome.CREATED).entry(entry).build();
    }

    /**
     * A result for an entry found under the same reference.
     *
     * @param entry the existing entry
     * @return the result
     */
    static PostResult alreadyExisted(PostedEntry entry) {
        return ImmutablePostResult.builder().outcome(Outcome.ALREADY_EXISTED).entry(entry).build();
    }
}
