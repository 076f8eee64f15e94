package io.patternhub.testkit.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.testkit.SandboxRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Xero's {@code where} filter the sandbox understands: equality terms
 * {@code Field=="value"} joined with {@code AND} and {@code OR} ({@code AND} binds tighter). Anything
 * else is answered with a 400 so a test never silently gets unfiltered results.
 */
final class XeroQuery {
    private static final Pattern TERM = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9.]*)\\s*==\\s*\"([^\"]*)\"\\s*");

    private final List<List<String[]>> anyOf;

    private XeroQuery(List<List<String[]>> anyOf) {
        this.anyOf = anyOf;
    }

    static XeroQuery parse(String where) {
        List<List<String[]>> anyOf = new ArrayList<>();
        if (where == null || where.isBlank()) {
            return new XeroQuery(anyOf);
        }
        for (String alternative : where.split("(?i)\\s+OR\\s+|\\s*\\|\\|\\s*")) {
            List<String[]> allOf = new ArrayList<>();
            for (String term : alternative.split("(?i)\\s+AND\\s+|\\s*&&\\s*")) {
                Matcher m = TERM.matcher(term);
                if (!m.matches()) {
                    throw SandboxRejection.of(400, "where_unsupported", "The sandbox understands where filters of the"
                            + " form Field==\"value\" joined with AND/OR; got: " + term);
                }
                allOf.add(new String[] {m.group(1), m.group(2)});
            }
            anyOf.add(allOf);
        }
        return new XeroQuery(anyOf);
    }

    boolean matches(JsonNode doc) {
        if (anyOf.isEmpty()) {
            return true;
        }
        for (List<String[]> allOf : anyOf) {
            boolean all = true;
            for (String[] term : allOf) {
                JsonNode value = doc;
                for (String part : term[0].split("\\.")) {
                    value = value.path(part);
                }
                if (!value.isValueNode() || !value.asText().equals(term[1])) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
