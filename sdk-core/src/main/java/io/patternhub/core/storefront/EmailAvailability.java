package io.patternhub.core.storefront;

/** Whether the platform shares buyers' email addresses with the app. */
public enum EmailAvailability {
    ALWAYS,
    /** Only once the platform approved the app for it (Etsy: case by case). */
    ON_APPROVAL,
    NEVER
}
