package io.patternhub.examples.cli.command;

import io.patternhub.core.Platform;
import io.patternhub.examples.cli.connect.Connections;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts {@code --platform etsy} to a storefront {@link Platform}; anything else is a usage error. */
public final class PlatformConverter implements ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
        try {
            return Connections.storefrontPlatform(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
