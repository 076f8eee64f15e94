package io.patternhub.woocommerce;

import java.util.Objects;

/**
 * REST API keys WooCommerce generated for the app through {@code /wc-auth/v1/authorize}.
 *
 * @param keyId          WooCommerce's key id
 * @param userId         the {@code user_id} the app sent (the app's own reference, not a WordPress user)
 * @param consumerKey    {@code ck_...}
 * @param consumerSecret {@code cs_...}
 * @param permissions    {@code read}, {@code write} or {@code read_write}
 */
public record WooCommerceKeys(long keyId, String userId, String consumerKey, String consumerSecret,
        String permissions) {

    public WooCommerceKeys {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(consumerKey, "consumerKey");
        Objects.requireNonNull(consumerSecret, "consumerSecret");
        Objects.requireNonNull(permissions, "permissions");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WooCommerceKeys[keyId=" + keyId + ", userId=" + userId + ", consumerKey=" + consumerKey
                + ", consumerSecret=****, permissions=" + permissions + "]";
    }
}
