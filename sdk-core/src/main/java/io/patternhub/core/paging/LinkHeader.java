package io.patternhub.core.paging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 (formerly RFC 5988) {@code Link} headers: {@code <url>; rel="next", <url>; rel="last"}. */
public final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,<]+)*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeader() {
    }

    /** URL by relation type (lower case); a link with several relations ({@code rel="next last"}) appears under each. */
    public static Map<String, String> parse(List<String> headerValues) {
        Map<String, String> byRel = new LinkedHashMap<>();
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (rel.find()) {
                    String rels = rel.group(2) != null ? rel.group(2) : rel.group(3);
                    for (String r : rels.trim().split("\\s+")) {
                        byRel.putIfAbsent(r.toLowerCase(Locale.ROOT), link.group(1).trim());
                    }
                }
            }
        }
        return byRel;
    }

    /** The {@code rel="next"} URL, if any. */
    public static Optional<String> next(List<String> headerValues) {
        return Optional.ofNullable(parse(headerValues).get("next"));
    }
}
