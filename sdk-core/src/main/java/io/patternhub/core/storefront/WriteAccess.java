package io.patternhub.core.storefront;

/** Whether the app may create and change listings. */
public enum WriteAccess {
    FULL,
    /** Only apps the platform approved or whitelisted (Ravelry's {@code patternstore-write}). */
    APPROVED_APPS_ONLY,
    READ_ONLY
}
