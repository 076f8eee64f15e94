package io.patternhub.support.kb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits text into sentences and list items; good enough for help pages and pattern notes. */
public final class Sentences {
    // End of sentence: . ! ? followed by space and an upper-case letter, digit or quote; or a line break.
    private static final Pattern BOUNDARY =
            Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}0-9\"'(])|\\s*\\n+\\s*");

    private Sentences() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String s : BOUNDARY.split(text)) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
