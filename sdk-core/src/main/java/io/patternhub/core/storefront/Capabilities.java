package io.patternhub.core.storefront;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.Platform;
import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What one storefront platform can do, in code: callers check it (or call {@link #require}) before
 * relying on a feature, and adapters throw {@link CapabilityNotSupportedException} for what is
 * missing instead of silently doing nothing.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableCapabilities.class)
@JsonDeserialize(as = ImmutableCapabilities.class)
public interface Capabilities {

    Platform platform();

    /** Whether the platform pushes events by webhook. */
    @Value.Default
    default boolean webhooks() {
        return false;
    }

    /** The platform's event type names available by webhook, e.g. {@code "orders/paid"}. */
    Set<String> webhookEventTypes();

    /** Whether orders can be listed by time so the hub can poll for changes. */
    @Value.Default
    default boolean polling() {
        return true;
    }

    /** Whether files can be attached to listings for buyers to download. */
    @Value.Default
    default boolean digitalFiles() {
        return false;
    }

    /** How many files one listing may carry, when the platform limits it. */
    OptionalInt maxFilesPerListing();

    /** The largest file the platform accepts, in bytes, when it limits it. */
    OptionalLong maxFileSizeBytes();

    /** Who stores and delivers files. */
    @Value.Default
    default FileHosting fileHosting() {
        return FileHosting.DELIVERED_BY_HUB;
    }

    /** Whether orders or payments carry the platform's fees. */
    @Value.Default
    default boolean reportsFees() {
        return false;
    }

    /** Whether orders carry tax lines. */
    @Value.Default
    default boolean reportsTaxes() {
        return false;
    }

    @Value.Default
    default EmailAvailability buyerEmail() {
        return EmailAvailability.NEVER;
    }

    @Value.Default
    default WriteAccess writeAccess() {
        return WriteAccess.READ_ONLY;
    }

    /** Whether the platform reports its payouts (settlements). */
    @Value.Default
    default boolean payouts() {
        return false;
    }

    /** Why a capability is missing or limited, in words for the error message. */
    Map<Capability, String> notes();

    /**
     * Whether the platform offers a capability at all. {@link WriteAccess#APPROVED_APPS_ONLY} and
     * {@link EmailAvailability#ON_APPROVAL} count as offered; the platform may still refuse an
     * unapproved app.
     *
     * @param capability the capability
     * @return {@code true} if offered
     */
    default boolean supports(Capability capability) {
        switch (capability) {
            case WEBHOOKS: return webhooks();
            case POLLING: return polling();
            case DIGITAL_FILES: return digitalFiles();
            case FEES: return reportsFees();
            case TAXES: return reportsTaxes();
            case BUYER_EMAIL: return buyerEmail() != EmailAvailability.NEVER;
            case WRITE_LISTINGS: return writeAccess() != WriteAccess.READ_ONLY;
            case PAYOUTS: return payouts();
            default: throw new IllegalStateException("unknown capability " + capability);
        }
    }

    /**
     * Throws unless the platform offers a capability.
     *
     * @param capability the capability needed
     * @throws CapabilityNotSupportedException naming the platform, the capability and the reason
     */
    default void require(Capability capability) {
        if (!supports(capability)) {
            throw new CapabilityNotSupportedException(platform(), capability.label(),
                    notes().getOrDefault(capability, "the platform's API does not offer it"));
        }
    }

    /**
     * Throws unless a file of this size can be attached to a listing that already has
     * {@code filesAlreadyAttached} files.
     *
     * @param sizeBytes            the file's size
     * @param filesAlreadyAttached files on the listing now
     * @throws CapabilityNotSupportedException if files are not supported or a limit would be exceeded
     */
    default void requireFileAccepted(long sizeBytes, int filesAlreadyAttached) {
        require(Capability.DIGITAL_FILES);
        String label = Capability.DIGITAL_FILES.label();
        if (maxFileSizeBytes().isPresent() && sizeBytes > maxFileSizeBytes().getAsLong()) {
            throw new CapabilityNotSupportedException(platform(), label, "a file of " + sizeBytes
                    + " bytes exceeds the limit of " + maxFileSizeBytes().getAsLong() + " bytes; split or compress it");
        }
        if (maxFilesPerListing().isPresent() && filesAlreadyAttached >= maxFilesPerListing().getAsInt()) {
            throw new CapabilityNotSupportedException(platform(), label, "a listing holds at most "
                    + maxFilesPerListing().getAsInt() + " files and already has " + filesAlreadyAttached
                    + "; remove one or bundle them in a zip");
        }
    }

    @Value.Check
    default void check() {
        if (!webhooks() && !webhookEventTypes().isEmpty()) {
            throw new InvalidModelException("Capabilities", "webhookEventTypes", "listed but webhooks() is false");
        }
        if (!digitalFiles() && (maxFilesPerListing().isPresent() || maxFileSizeBytes().isPresent())) {
            throw new InvalidModelException("Capabilities", "maxFilesPerListing",
                    "file limits given but digitalFiles() is false");
        }
        if (maxFilesPerListing().isPresent() && maxFilesPerListing().getAsInt() < 1) {
            throw new InvalidModelException("Capabilities", "maxFilesPerListing", "must be at least 1");
        }
        if (maxFileSizeBytes().isPresent() && maxFileSizeBytes().getAsLong() < 1) {
            throw new InvalidModelException("Capabilities", "maxFileSizeBytes", "must be at least 1");
        }
    }

    static ImmutableCapabilities.Builder builder() {
        return ImmutableCapabilities.builder();
    }

    default ImmutableCapabilities.Builder toBuilder() {
        return ImmutableCapabilities.builder().from(this);
    }
}
