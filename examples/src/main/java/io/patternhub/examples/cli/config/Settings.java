package io.patternhub.examples.cli.config;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tool's settings as environment-style names ({@code PATTERNHUB_ETSY_API_KEY}), merged from the
 * environment and {@code patternhub.yaml}; the environment wins. Immutable and thread-safe.
 */
public final class Settings {
    /** Every setting name starts with this. */
    public static final String PREFIX = "PATTERNHUB_";

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /**
     * Merges two sources.
     *
     * @param environment  the process environment (only {@code PATTERNHUB_*} names are kept)
     * @param fromFile     settings read from {@code patternhub.yaml}, already in environment-style names
     * @param fileName     the file's name, for messages
     * @return the merged settings, the environment winning over the file
     */
    public static Settings merge(Map<String, String> environment, Map<String, String> fromFile, String fileName) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        fromFile.forEach((k, v) -> {
            values.put(k, v);
            origins.put(k, fileName);
        });
        environment.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && v != null && !v.isBlank()) {
                values.put(k, v);
                origins.put(k, "environment");
            }
        });
        return new Settings(values, origins);
    }

    /**
     * Settings from the environment alone.
     *
     * @param environment the environment
     * @return the settings
     */
    public static Settings ofEnvironment(Map<String, String> environment) {
        return merge(environment, Map.of(), "none");
    }

    /**
     * @param name a full name, e.g. {@code PATTERNHUB_DB}
     * @return its value, if set and not blank
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(name, "name"))).map(String::trim)
                .filter(v -> !v.isEmpty());
    }

    /**
     * @param name a full name
     * @param why  what it is needed for, for the message
     * @return its value
     * @throws ConfigurationException naming the setting when it is missing
     */
    public String require(String name, String why) {
        return get(name).orElseThrow(() -> new ConfigurationException(name + " is not set; " + why
                + ": set it in the environment or in patternhub.yaml", ErrorContext.empty()));
    }

    /**
     * @param name a full name
     * @return where its value came from ({@code environment} or the file name), if it is set
     */
    public Optional<String> origin(String name) {
        return Optional.ofNullable(origins.get(name));
    }

    /** @return every setting name that has a value */
    public java.util.Set<String> names() {
        return values.keySet();
    }

    /**
     * Reads a whole-number setting.
     *
     * @param name a full name
     * @return the number, if set
     * @throws ConfigurationException if it is set but not a number
     */
    public Optional<Long> getLong(String name) {
        return get(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be a whole number, was '" + v + "'", ErrorContext.empty());
            }
        });
    }
}
