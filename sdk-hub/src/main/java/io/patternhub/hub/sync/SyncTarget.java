package io.patternhub.hub.sync;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.Storefront;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One storefront the catalog is synced to: its id in the hub (e.g. {@code "etsy-main"}), the connected
 * {@link Storefront} (whose transport applies the platform's rate limit), the currency its prices are
 * in, and what new listings need.
 */
public final class SyncTarget {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String id;
    private final Storefront storefront;
    private final Currency currency;
    private final ListingState initialState;
    private final Map<String, String> platformAttributes;
    private final HubFileUrls fileUrls;

    private SyncTarget(Builder b) {
        if (b.id == null || !ID.matcher(b.id).matches()) {
            throw new ConfigurationException("sync target id '" + b.id
                    + "' must be 1-64 letters, digits, '.', '_' or '-'", ErrorContext.empty());
        }
        if (b.storefront == null || b.currency == null) {
            throw new ConfigurationException("sync target " + b.id + " needs a storefront and a currency",
                    ErrorContext.empty());
        }
        Capabilities caps = b.storefront.capabilities();
        if (caps.digitalFiles() && caps.fileHosting() == FileHosting.LINKED_URL && b.fileUrls == null) {
            throw new ConfigurationException("sync target " + b.id + ": " + b.storefront.platform()
                    + " links files by URL; give the URLs the hub serves them from with fileUrls(HubFileUrls)",
                    ErrorContext.empty());
        }
        this.fileUrls = b.fileUrls;
        this.id = b.id;
        this.storefront = b.storefront;
        this.currency = b.currency;
        this.initialState = b.initialState;
        this.platformAttributes = Map.copyOf(b.platformAttributes);
    }

    /**
     * Starts a target.
     *
     * @param id         the storefront's id in the hub, stable across runs
     * @param storefront the connected storefront
     * @return a builder
     */
    public static Builder builder(String id, Storefront storefront) {
        return new Builder(id, storefront);
    }

    public String id() {
        return id;
    }

    public Storefront storefront() {
        return storefront;
    }

    public Currency currency() {
        return currency;
    }

    /** The state new listings are created in ({@link ListingState#DRAFT} unless set). */
    public ListingState initialState() {
        return initialState;
    }

    /** Platform-only fields every new listing needs (e.g. Etsy's {@code taxonomy_id}). */
    public Map<String, String> platformAttributes() {
        return platformAttributes;
    }

    /**
     * The URLs the hub serves files from, for a storefront that links to files
     * ({@link FileHosting#LINKED_URL}); {@code null} for others.
     */
    public HubFileUrls fileUrls() {
        return fileUrls;
    }

    @Override
    public String toString() {
        return "SyncTarget[" + id + ", " + storefront.platform() + ", " + currency + "]";
    }

    /** Builds a {@link SyncTarget}. */
    public static final class Builder {
        private final String id;
        private final Storefront storefront;
        private Currency currency;
        private ListingState initialState = ListingState.DRAFT;
        private final Map<String, String> platformAttributes = new LinkedHashMap<>();
        private HubFileUrls fileUrls;

        private Builder(String id, Storefront storefront) {
            this.id = id;
            this.storefront = storefront;
        }

        /**
         * @param currencyCode the storefront's currency, e.g. {@code "USD"}; each pattern needs a price in it
         * @return this builder
         */
        public Builder currency(String currencyCode) {
            this.currency = Currency.getInstance(currencyCode);
            return this;
        }

        /**
         * @param state {@link ListingState#DRAFT} or {@link ListingState#ACTIVE}
         * @return this builder
         */
        public Builder initialState(ListingState state) {
            this.initialState = Objects.requireNonNull(state, "state");
            return this;
        }

        /**
         * @param name  the platform's field name
         * @param value its value for every new listing
         * @return this builder
         */
        public Builder platformAttribute(String name, String value) {
            platformAttributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Required for a storefront that links to files by URL (WooCommerce): every attached file is
         * given the hub's signed URL for that exact version.
         *
         * @param urls the hub's file URLs
         * @return this builder
         */
        public Builder fileUrls(HubFileUrls urls) {
            this.fileUrls = Objects.requireNonNull(urls, "urls");
            return this;
        }

        public SyncTarget build() {
            return new SyncTarget(this);
        }
    }
}
