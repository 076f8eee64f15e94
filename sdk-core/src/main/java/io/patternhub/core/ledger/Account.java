package io.patternhub.core.ledger;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import io.patternhub.core.model.RawPayload;
import java.util.Currency;
import java.util.Optional;
import org.immutables.value.Value;

/** One account of a ledger's chart of accounts. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableAccount.class)
@JsonDeserialize(as = ImmutableAccount.class)
public interface Account extends RawPayload {

    /** The code journals refer to (Xero account code; QuickBooks account id). */
    String code();

    String name();

    AccountType type();

    /** The ledger's own id, when it differs from the code. */
    Optional<String> externalId();

    /** The account's currency, for bank accounts in a foreign currency. */
    Optional<Currency> currency();

    @Value.Default
    default boolean active() {
        return true;
    }

    @Value.Check
    default void check() {
        if (code().isBlank()) {
            throw new InvalidModelException("Account", "code", "must not be blank");
        }
    }

    static ImmutableAccount.Builder builder() {
        return ImmutableAccount.builder();
    }

    default ImmutableAccount.Builder toBuilder() {
        return ImmutableAccount.builder().from(this);
    }
}
