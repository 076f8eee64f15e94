package io.patternhub.support.kb.internal;

import java.util.ArrayList;
import java.util.List;

/** Keeps the current heading path ("Sizing &gt; Finished measurements") while walking a document. */
final class HeadingTracker {
    private final String[] levels = new String[7];

    void enter(int level, String text) {
        int l = Math.max(1, Math.min(6, level));
        levels[l] = text.strip();
        for (int i = l + 1; i < levels.length; i++) {
            levels[i] = null;
        }
    }

    /** The path below the document title (level 1 is the title itself when there is one). */
    String path(boolean skipLevelOne) {
        List<String> parts = new ArrayList<>();
        for (int i = skipLevelOne ? 2 : 1; i < levels.length; i++) {
            if (levels[i] != null && !levels[i].isEmpty()) {
                parts.add(levels[i]);
            }
        }
        return String.join(" > ", parts);
    }
}
