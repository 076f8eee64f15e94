package io.patternhub.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /v3/application/shops/{shop_id}/listings/{listing_id}} or
 * {@code /admin/api/{version}/products/{id}.json}, compiled to a regular expression. Not public API.
 */
public final class RouteTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_\\-]+)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> names;

    private RouteTemplate(String template, Pattern pattern, List<String> names) {
        this.template = template;
        this.pattern = pattern;
        this.names = names;
    }

    /** Compiles {@code template}; every {@code {name}} matches one non-empty path segment. */
    public static RouteTemplate compile(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("A route template starts with '/': " + template);
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+?)");
            if (names.contains(m.group(1))) {
                throw new IllegalArgumentException("Path variable {" + m.group(1) + "} appears twice in " + template);
            }
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new RouteTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    /** The path variables when {@code encodedPath} matches, decoded; empty otherwise. */
    public Optional<Map<String, String>> match(String encodedPath) {
        Matcher m = pattern.matcher(encodedPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            vars.put(names.get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return Optional.of(vars);
    }

    /** How many variables the template has; fewer means more specific. */
    public int variableCount() {
        return names.size();
    }

    public String template() {
        return template;
    }
}
