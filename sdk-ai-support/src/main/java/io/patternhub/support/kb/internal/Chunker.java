package io.patternhub.support.kb.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sections into passages of at most {@code maxChars}, packing whole paragraphs and never
 * crossing a section or page boundary. A paragraph longer than the limit is split at sentence ends.
 */
public final class Chunker {
    private final int maxChars;

    public Chunker(int maxChars) {
        if (maxChars < 100) {
            throw new IllegalArgumentException("maxChars must be at least 100, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** A chunk's text together with the section it came from. */
    public record Chunk(Section section, String text) {
    }

    public List<Chunk> chunk(List<Section> sections) {
        List<Chunk> out = new ArrayList<>();
        for (Section s : sections) {
            StringBuilder current = new StringBuilder();
            for (String para : pieces(s.text())) {
                if (current.length() > 0 && current.length() + 2 + para.length() > maxChars) {
                    out.add(new Chunk(s, current.toString()));
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append("\n\n");
                }
                current.append(para);
            }
            if (current.length() > 0) {
                out.add(new Chunk(s, current.toString()));
            }
        }
        return out;
    }

    private List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n\\s*\n")) {
            String p = para.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() <= maxChars) {
                out.add(p);
                continue;
            }
            StringBuilder part = new StringBuilder();
            for (String sentence : Sentences.split(p)) {
                if (part.length() > 0 && part.length() + 1 + sentence.length() > maxChars) {
                    out.add(part.toString());
                    part.setLength(0);
                }
                if (part.length() > 0) {
                    part.append(' ');
                }
                // A single sentence longer than the limit is cut hard rather than dropped.
                for (int i = 0; i < sentence.length(); i += maxChars) {
                    String slice = sentence.substring(i, Math.min(sentence.length(), i + maxChars));
                    if (part.length() + slice.length() > maxChars && part.length() > 0) {
                        out.add(part.toString().strip());
                        part.setLength(0);
                    }
                    part.append(slice);
                }
            }
            if (part.length() > 0) {
                out.add(part.toString().strip());
            }
        }
        return out;
    }
}
