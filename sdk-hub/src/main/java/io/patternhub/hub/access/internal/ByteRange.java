package io.patternhub.hub.access.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file, inclusive at both ends, as chosen from a request's {@code Range} and
 * {@code If-Range} headers (RFC 9110 §14).
 *
 * @param first the first byte's offset
 * @param last  the last byte's offset
 */
public record ByteRange(long first, long last) {
    private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");

    /** What to send. */
    public enum Outcome {
        /** The whole file, 200: no range, a range this server ignores, or an {@code If-Range} that does not match. */
        WHOLE,
        /** One range, 206. */
        PARTIAL,
        /** 416: the range starts beyond the end of the file. */
        UNSATISFIABLE
    }

    /**
     * The decision about a request.
     *
     * @param outcome what to send
     * @param range   the range for {@link Outcome#PARTIAL}, else {@code null}
     */
    public record Selection(Outcome outcome, ByteRange range) {
        static final Selection WHOLE = new Selection(Outcome.WHOLE, null);
        static final Selection UNSATISFIABLE = new Selection(Outcome.UNSATISFIABLE, null);
    }

    /** @return the number of bytes in the range */
    public long length() {
        return last - first + 1;
    }

    /**
     * @param size the file's size
     * @return whether the range ends with the file's last byte
     */
    public boolean reachesEnd(long size) {
        return last == size - 1;
    }

    /**
     * @param size the file's size
     * @return the {@code Content-Range} value, e.g. {@code bytes 0-99/1000}
     */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Chooses what to send. A single range {@code a-b}, {@code a-} or {@code -n} is honoured (its end
     * clipped to the file); several ranges, another unit or a malformed header are ignored (the whole
     * file, which RFC 9110 allows); an {@code If-Range} that is not exactly the strong ETag (a weak tag,
     * another tag, a date: the server sends no {@code Last-Modified}) means the client's copy is stale,
     * so the whole file is sent.
     *
     * @param range   the {@code Range} header, or {@code null}
     * @param ifRange the {@code If-Range} header, or {@code null}
     * @param etag    the file's strong ETag, quoted
     * @param size    the file's size
     * @return the decision
     */
    public static Selection select(String range, String ifRange, String etag, long size) {
        if (range == null) {
            return Selection.WHOLE;
        }
        if (ifRange != null && !ifRange.trim().equals(etag)) {
            return Selection.WHOLE;
        }
        String r = range.trim();
        int eq = r.indexOf('=');
        if (eq < 0 || !r.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return Selection.WHOLE;
        }
        String spec = r.substring(eq + 1).trim();
        if (spec.contains(",")) {
            return Selection.WHOLE; // several ranges: answered with the whole file
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Selection.WHOLE;
        }
        if (m.group(1).isEmpty()) {
            long suffix = number(m.group(2));
            if (suffix == 0 || size == 0) {
                return Selection.UNSATISFIABLE;
            }
            return new Selection(Outcome.PARTIAL, new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = number(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : number(m.group(2));
        if (last < first) {
            return Selection.WHOLE; // invalid: ignored
        }
        if (first >= size) {
            return Selection.UNSATISFIABLE;
        }
        return new Selection(Outcome.PARTIAL, new ByteRange(first, Math.min(last, size - 1)));
    }

    /** Digits as a long; beyond {@code Long.MAX_VALUE} is as good as infinite for a file offset. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
