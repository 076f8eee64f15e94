package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.config.Settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The storefronts enabled by the settings: a platform is enabled when any of its credentials is set,
 * and then all of them must be.
 */
public final class Connections {
    private static final List<StorefrontConnector> CONNECTORS = List.of(new EtsyConnector(), new ShopifyConnector(),
            new RavelryConnector(), new WooCommerceConnector());

    private Connections() {
    }

    /** @return every storefront connector, in a stable order */
    public static List<StorefrontConnector> connectors() {
        return CONNECTORS;
    }

    /**
     * Connects the enabled storefronts.
     *
     * @param settings   the settings
     * @param tokenStore opens the hub's token store when a refreshing connection needs it
     * @param wanted     the platforms asked for ({@code --platform}); empty means every enabled one
     * @return the connections, in a stable order (close them when done)
     * @throws ConfigurationException when nothing is configured, a wanted platform is not, or settings are wrong
     */
    public static List<StorefrontConnection> storefronts(Settings settings, Supplier<HubTokenStore> tokenStore,
                                                         Collection<Platform> wanted) {
        List<StorefrontConnection> out = new ArrayList<>();
        try {
            for (StorefrontConnector connector : CONNECTORS) {
                Credentials c = new Credentials(connector.platform().name(), settings, tokenStore);
                boolean asked = wanted.isEmpty() || wanted.contains(connector.platform());
                if (!asked) {
                    continue;
                }
                if (!connector.configured(c)) {
                    if (!wanted.isEmpty()) {
                        throw new ConfigurationException(connector.platform().displayName() + " is not configured: set "
                                + connector.requiredSettings() + " (environment or patternhub.yaml)", ErrorContext.empty());
                    }
                    continue;
                }
                out.add(connector.connect(c));
            }
        } catch (RuntimeException e) {
            out.forEach(StorefrontConnection::close);
            throw e;
        }
        if (out.isEmpty()) {
            throw new ConfigurationException("No storefront is configured: set " + CONNECTORS.stream()
                    .filter(c -> c.platform() != Platform.SHOPIFY).map(StorefrontConnector::requiredSettings)
                    .collect(Collectors.joining("; or ")) + " (environment or patternhub.yaml). Try 'patternhub demo'"
                    + " to see everything run against local sandboxes", ErrorContext.empty());
        }
        return out;
    }

    /**
     * @param name a platform name as typed, e.g. {@code etsy}
     * @return the storefront platform
     * @throws IllegalArgumentException if it is not a storefront platform
     */
    public static Platform storefrontPlatform(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (StorefrontConnector c : CONNECTORS) {
            if (c.platform().name().equals(n)) {
                return c.platform();
            }
        }
        throw new IllegalArgumentException("unknown storefront '" + name + "'; use one of etsy, shopify, ravelry, woocommerce");
    }
}
