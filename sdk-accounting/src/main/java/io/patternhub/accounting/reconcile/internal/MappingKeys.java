package io.patternhub.accounting.reconcile.internal;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.core.Platform;
import java.util.Locale;

/** The keys of the mapping file, shared by the parser and the error messages. */
public final class MappingKeys {
    private MappingKeys() {
    }

    public static String channel(Platform channel) {
        return channel == null ? "*" : channel.name().toLowerCase(Locale.ROOT);
    }

    public static String account(Platform channel, AccountRole role) {
        return "account." + channel(channel) + "." + role.key();
    }

    public static String tax(Platform channel, String country, String taxClass) {
        return "tax." + channel(channel) + "." + (country == null ? "*" : country) + "." + taxClass;
    }
}
