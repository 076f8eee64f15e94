package io.patternhub.accounting.quickbooks;

import io.patternhub.accounting.internal.Hashes;
import java.util.regex.Pattern;

/**
 * The deterministic {@code DocNumber} (at most 21 characters) a journal reference is posted under, so a
 * posting can be found again with {@code SELECT * FROM JournalEntry WHERE DocNumber = '...'}. Short, plain
 * references are used as they are; longer ones keep their first characters and add a digest.
 */
public final class QuickBooksDocNumbers {
    /** The longest {@code DocNumber} QuickBooks accepts. */
    public static final int MAX_LENGTH = 21;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/-]+");

    private QuickBooksDocNumbers() {
    }

    /**
     * The document number for a reference.
     *
     * @param reference a journal reference
     * @return at most 21 characters of letters, digits and {@code . _ : / - ~}
     */
    public static String of(String reference) {
        if (reference.length() <= MAX_LENGTH && PLAIN.matcher(reference).matches()) {
            return reference;
        }
        String prefix = reference.replaceAll("[^A-Za-z0-9._:/-]", "");
        prefix = prefix.substring(0, Math.min(8, prefix.length()));
        return prefix + "~" + Hashes.base32(reference, MAX_LENGTH - 1 - prefix.length());
    }
}
