package io.patternhub.hub.insights;

/**
 * One suggestion with the numbers behind it.
 *
 * @param kind    what to do
 * @param subject what it is about: a platform, SKU or trend key
 * @param reason  why, with the figures
 */
public record Recommendation(RecommendationKind kind, String subject, String reason) {
}
