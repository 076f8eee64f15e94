package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;

/** Builds one platform's storefront from its settings. */
public interface StorefrontConnector {
    /** @return the platform */
    Platform platform();

    /**
     * @param credentials the platform's settings
     * @return whether any of its credentials is set (the platform is then enabled)
     */
    boolean configured(Credentials credentials);

    /**
     * @param credentials the platform's settings
     * @return the connected storefront
     * @throws io.patternhub.core.error.ConfigurationException if settings are missing or wrong
     */
    StorefrontConnection connect(Credentials credentials);

    /** @return the settings that enable the platform, for messages */
    String requiredSettings();
}
