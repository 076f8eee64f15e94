package io.patternhub.core.ledger;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.Platform;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternHubStyle;
import io.patternhub.core.model.RawPayload;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/** What a ledger holds for a posted journal. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePostedEntry.class)
@JsonDeserialize(as = ImmutablePostedEntry.class)
public interface PostedEntry extends RawPayload {

    Platform platform();

    /** The journal's deterministic reference. */
    String reference();

    /** The ledger's id of the entry (QuickBooks JournalEntry id, Xero ManualJournalID). */
    String externalId();

    LocalDate date();

    /** The sum of the debits (equal to the credits). */
    Money total();

    /** When the ledger recorded it, when it says. */
    Optional<Instant> postedAt();

    static ImmutablePostedEntry.Builder builder() {
        return ImmutablePostedEntry.builder();
    }

    default ImmutablePostedEntry.Builder toBuilder() {
        return ImmutablePostedEntry.builder().from(this);
    }
}
