package io.patternhub.examples.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code patternhub.yaml}. Nested keys become environment-style names, so
 *
 * <pre>
 * db: ./shop.db
 * etsy:
 *   api_key: "keystring:shared_secret"
 *   shop_id: 12345678
 * </pre>
 *
 * sets {@code PATTERNHUB_DB}, {@code PATTERNHUB_ETSY_API_KEY} and {@code PATTERNHUB_ETSY_SHOP_ID}. A key
 * already spelt {@code PATTERNHUB_...} is taken as it is.
 */
public final class SettingsFile {
    /** The file looked for in the working directory. */
    public static final String DEFAULT_NAME = "patternhub.yaml";
    /** Names another file. */
    public static final String CONFIG_VARIABLE = "PATTERNHUB_CONFIG";

    private SettingsFile() {
    }

    /**
     * Loads the settings: {@code PATTERNHUB_CONFIG} names the file if set (it must exist), else
     * {@code patternhub.yaml} in the working directory is read if present.
     *
     * @param environment the environment
     * @param workingDir  the working directory
     * @return the merged settings, the environment winning
     */
    public static Settings load(Map<String, String> environment, Path workingDir) {
        String explicit = environment.get(CONFIG_VARIABLE);
        Path file;
        if (explicit != null && !explicit.isBlank()) {
            file = workingDir.resolve(explicit);
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException(CONFIG_VARIABLE + " names " + file + ", which does not exist;"
                        + " fix the path or unset it", ErrorContext.empty());
            }
        } else {
            file = workingDir.resolve(DEFAULT_NAME);
            if (!Files.isRegularFile(file)) {
                return Settings.ofEnvironment(environment);
            }
        }
        return Settings.merge(environment, read(file), file.getFileName().toString());
    }

    /**
     * Reads one file into environment-style names.
     *
     * @param file the YAML file
     * @return its settings
     * @throws ConfigurationException if it is not a YAML mapping
     */
    public static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(file + " is not valid YAML (" + firstLine(e.getMessage()) + "); fix it",
                    ErrorContext.empty(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigurationException(file + " must hold a YAML mapping of settings", ErrorContext.empty());
        }
        flatten(file, "", root, out);
        return out;
    }

    private static void flatten(Path file, String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().trim().replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
            String name = prefix.isEmpty() && key.startsWith(Settings.PREFIX) ? key
                    : (prefix.isEmpty() ? Settings.PREFIX : prefix + "_") + key;
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(file, name, v, out);
            } else if (v.isArray()) {
                throw new ConfigurationException(file + ": '" + e.getKey() + "' must be a single value, not a list",
                        ErrorContext.empty());
            } else if (!v.isNull()) {
                out.put(name, v.asText());
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
