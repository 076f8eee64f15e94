package io.patternhub.examples.accounting;

import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads account mappings: a properties file, or {@value #BUILTIN_DEFAULT} (shipped, used by the demo). */
public final class Mappings {
    /** The name of the shipped mapping. */
    public static final String BUILTIN_DEFAULT = "builtin:default";

    private Mappings() {
    }

    /**
     * The shipped mapping: one account per role for every channel, no tax codes.
     *
     * @return the mapping
     */
    public static MappingFile builtinDefault() {
        try (InputStream in = Mappings.class.getResourceAsStream("default-mapping.properties")) {
            if (in == null) {
                throw new IllegalStateException("default-mapping.properties is missing from the classpath");
            }
            return MappingFile.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads a mapping.
     *
     * @param nameOrFile {@value #BUILTIN_DEFAULT} or a file
     * @param file       the file, resolved, when it is not the built-in name
     * @return the mapping
     * @throws ConfigurationException when the file is missing or has bad lines
     */
    public static MappingFile load(String nameOrFile, Path file) {
        if (BUILTIN_DEFAULT.equals(nameOrFile)) {
            return builtinDefault();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return MappingFile.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("The account mapping " + file + " does not exist; give --mapping FILE"
                    + " (format in sdk-accounting/README.md) or --mapping " + BUILTIN_DEFAULT, ErrorContext.empty());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the account mapping " + file + ": " + e.getMessage(),
                    ErrorContext.empty());
        }
    }
}
