package io.patternhub.core.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style every PatternHub value type uses: a public {@code Immutable*}
 * implementation, JDK-only collections, singular {@code addX} builder methods, {@code withX}
 * copies, and {@link InvalidModelException} instead of bare JDK exceptions when a value is missing
 * or {@code null}.
 *
 * <p>Annotate a value type with {@code @Value.Immutable @PatternHubStyle}; give it a static
 * {@code builder()} and a {@code toBuilder()} that starts from {@code ImmutableX.builder().from(this)}.
 */
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        typeImmutable = "Immutable*",
        visibility = Value.Style.ImplementationVisibility.PUBLIC,
        builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
        jdkOnly = true,
        depluralize = true,
        depluralizeDictionary = {"tax:taxes", "status:statuses", "entry:entries"},
        defaults = @Value.Immutable(copy = true),
        throwForInvalidImmutableState = InvalidModelException.class,
        throwForNullPointer = InvalidModelException.class)
public @interface PatternHubStyle {
}
