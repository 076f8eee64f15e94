package io.patternhub.accounting.reconcile;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.Platform;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ledger account each {@link AccountRole} books to, per channel (storefront), with defaults that
 * apply to every channel. Immutable and thread-safe.
 *
 * <pre>{@code
 * AccountMapping accounts = AccountMapping.builder()
 *         .account(AccountRole.BANK, "090")                 // every channel
 *         .account(Platform.ETSY, AccountRole.SALES, "200")  // Etsy only
 *         .account(Platform.ETSY, AccountRole.CLEARING, "610")
 *         .build();
 * }</pre>
 */
public final class AccountMapping {
    private final Map<AccountRole, String> defaults;
    private final Map<Platform, Map<AccountRole, String>> perChannel;

    private AccountMapping(Builder b) {
        this.defaults = Map.copyOf(b.defaults);
        Map<Platform, Map<AccountRole, String>> copy = new EnumMap<>(Platform.class);
        b.perChannel.forEach((channel, roles) -> copy.put(channel, Map.copyOf(roles)));
        this.perChannel = Map.copyOf(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The account for a role on a channel: the channel's own mapping, else the default.
     *
     * @param channel the storefront
     * @param role    what is booked
     * @return the account code, or empty when neither is mapped
     */
    public Optional<String> accountFor(Platform channel, AccountRole role) {
        String own = perChannel.getOrDefault(channel, Map.of()).get(role);
        return Optional.ofNullable(own != null ? own : defaults.get(role));
    }

    /** Every account code this mapping names, for checking against a chart of accounts. */
    public java.util.Set<String> allCodes() {
        java.util.Set<String> codes = new java.util.TreeSet<>(defaults.values());
        perChannel.values().forEach(m -> codes.addAll(m.values()));
        return codes;
    }

    /** Builds an {@link AccountMapping}. Later calls for the same key replace earlier ones. */
    public static final class Builder {
        private final Map<AccountRole, String> defaults = new EnumMap<>(AccountRole.class);
        private final Map<Platform, Map<AccountRole, String>> perChannel = new EnumMap<>(Platform.class);

        private Builder() {
        }

        /**
         * Maps a role on every channel that has no mapping of its own.
         *
         * @param role        the role
         * @param accountCode the ledger account code
         * @return this builder
         */
        public Builder account(AccountRole role, String accountCode) {
            defaults.put(Objects.requireNonNull(role, "role"), requireCode(accountCode));
            return this;
        }

        /**
         * Maps a role on one channel.
         *
         * @param channel     the storefront
         * @param role        the role
         * @param accountCode the ledger account code
         * @return this builder
         */
        public Builder account(Platform channel, AccountRole role, String accountCode) {
            Objects.requireNonNull(channel, "channel");
            if (channel.kind() != Platform.Kind.STOREFRONT) {
                throw new ConfigurationException(channel + " is not a sales channel", ErrorContext.empty());
            }
            perChannel.computeIfAbsent(channel, c -> new EnumMap<>(AccountRole.class))
                    .put(Objects.requireNonNull(role, "role"), requireCode(accountCode));
            return this;
        }

        public AccountMapping build() {
            return new AccountMapping(this);
        }

        private static String requireCode(String code) {
            if (code == null || code.isBlank()) {
                throw new ConfigurationException("account code must not be blank", ErrorContext.empty());
            }
            return code.trim();
        }
    }
}
