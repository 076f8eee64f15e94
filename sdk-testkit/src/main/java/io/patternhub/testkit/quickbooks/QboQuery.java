package io.patternhub.testkit.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the QuickBooks query language the sandbox understands:
 * {@code SELECT * FROM Entity [WHERE Field = 'v' [AND Field IN ('a', 'b')]...] [STARTPOSITION n] [MAXRESULTS m]}.
 */
final class QboQuery {
    private static final Pattern SELECT = Pattern.compile(
            "(?is)\\s*select\\s+\\*\\s+from\\s+(\\w+)(?:\\s+where\\s+(.*?))?(?:\\s+orderby\\s+[\\w\\s,]+?)?"
                    + "(?:\\s+startposition\\s+(\\d+))?(?:\\s+maxresults\\s+(\\d+))?\\s*");
    private static final Pattern EQ = Pattern.compile("(?is)\\s*([\\w.]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*");
    private static final Pattern IN = Pattern.compile("(?is)\\s*([\\w.]+)\\s+in\\s*\\((.*)\\)\\s*");
    private static final Pattern VALUE = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    final String entity;
    final int startPosition;
    final int maxResults;
    private final List<String> fields = new ArrayList<>();
    private final List<List<String>> allowed = new ArrayList<>();

    private QboQuery(String entity, int startPosition, int maxResults) {
        this.entity = entity;
        this.startPosition = startPosition;
        this.maxResults = maxResults;
    }

    /** Parses a query; throws IllegalArgumentException with QuickBooks-like wording when it cannot. */
    static QboQuery parse(String sql) {
        Matcher m = SELECT.matcher(sql == null ? "" : sql);
        if (!m.matches()) {
            throw new IllegalArgumentException("QueryParserError: Encountered an unsupported query: " + sql);
        }
        QboQuery q = new QboQuery(m.group(1), m.group(3) == null ? 1 : Integer.parseInt(m.group(3)),
                m.group(4) == null ? 100 : Integer.parseInt(m.group(4)));
        if (q.maxResults > 1000) {
            throw new IllegalArgumentException("QueryValidationError: MAXRESULTS may be at most 1000");
        }
        if (m.group(2) != null) {
            for (String term : m.group(2).split("(?i)\\s+and\\s+")) {
                Matcher eq = EQ.matcher(term);
                Matcher in = IN.matcher(term);
                List<String> values = new ArrayList<>();
                if (eq.matches()) {
                    q.fields.add(eq.group(1));
                    values.add(unescape(eq.group(2)));
                } else if (in.matches()) {
                    q.fields.add(in.group(1));
                    Matcher v = VALUE.matcher(in.group(2));
                    while (v.find()) {
                        values.add(unescape(v.group(1)));
                    }
                } else {
                    throw new IllegalArgumentException("QueryParserError: unsupported condition: " + term);
                }
                q.allowed.add(values);
            }
        }
        return q;
    }

    boolean matches(JsonNode row) {
        for (int i = 0; i < fields.size(); i++) {
            JsonNode v = row;
            for (String part : fields.get(i).split("\\.")) {
                v = v.path(part);
            }
            String text = v.isValueNode() ? v.asText() : null;
            if (text == null || allowed.get(i).stream().noneMatch(a -> a.toLowerCase(Locale.ROOT)
                    .equals(text.toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    private static String unescape(String s) {
        return s.replace("\\'", "'");
    }
}
