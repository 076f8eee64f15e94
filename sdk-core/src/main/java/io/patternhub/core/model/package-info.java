/**
 * The normalized, immutable models every storefront and ledger speaks: {@link io.patternhub.core.model.Money},
 * {@link io.patternhub.core.model.Pattern}, {@link io.patternhub.core.model.PatternFile},
 * {@link io.patternhub.core.model.Listing}, {@link io.patternhub.core.model.Order} and
 * {@link io.patternhub.core.model.Payout}. Build them with {@code X.builder()}, copy them with
 * {@code toBuilder()} or {@code withX(...)}; read and write them with
 * {@link io.patternhub.core.json.PatternHubJson#newMapper()}.
 */
package io.patternhub.core.model;
