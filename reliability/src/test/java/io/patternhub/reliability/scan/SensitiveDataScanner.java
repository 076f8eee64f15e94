package io.patternhub.reliability.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds needles (case-insensitive) and card-number-shaped data in text or raw bytes. */
final class SensitiveDataScanner {
    /** 13 to 19 digits, optionally grouped by spaces or dashes, not part of a longer digit run. */
    /** UUIDs (lease tokens, ids) whose middle groups happen to be all digits look like a dashed card number. */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private SensitiveDataScanner() {
    }

    /** Bytes read as ISO-8859-1, so every UTF-8 ASCII needle is found wherever it is stored. */
    static String asText(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** The needles that occur in {@code haystack}, ignoring case. */
    static List<String> needlesIn(String haystack, List<String> needles) {
        String lower = haystack.toLowerCase(Locale.ROOT);
        return needles.stream().filter(n -> lower.contains(n.toLowerCase(Locale.ROOT))).toList();
    }

    /**
     * Card-number-shaped runs: 13-19 digits whose first digit is a card network's (3-6) and that pass
     * the Luhn check. UUIDs are skipped: a card number never has their shape.
     */
    static List<String> cardNumbersIn(String haystack) {
        List<String> found = new ArrayList<>();
        Matcher m = DIGIT_RUN.matcher(UUID.matcher(haystack).replaceAll(" "));
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && "3456".indexOf(digits.charAt(0)) >= 0
                    && luhnValid(digits)) {
                found.add(digits);
            }
        }
        return found;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
