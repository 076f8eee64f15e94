/**
 * Privacy (GDPR/CCPA): export everything held about a customer as JSON, erase a customer (personal
 * data removed or pseudonymized in every table; orders kept for accounting), retention rules, and
 * Shopify's mandatory privacy webhooks mapped onto these ({@link io.patternhub.hub.privacy.PrivacyService#handle}).
 * The store has no column that can hold card data.
 */
package io.patternhub.hub.privacy;
