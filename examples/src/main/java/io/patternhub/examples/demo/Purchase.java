package io.patternhub.examples.demo;

/**
 * One demo buyer buying one pattern.
 *
 * @param email the buyer's email
 * @param name  the buyer's name
 * @param sku   the pattern
 */
public record Purchase(String email, String name, String sku) {
}
