package io.patternhub.support.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from text before it leaves the process (to an LLM provider): email
 * addresses, payment card numbers, phone numbers, street addresses and postcodes, names given as
 * "my name is ...", and order numbers (the assistant looks orders up itself, so a model never needs
 * them). Each finding is replaced by a placeholder such as {@code [EMAIL]}, so the text still reads.
 *
 * <p>Pattern-based, so it is conservative rather than complete: it errs towards redacting
 * number-like strings. Immutable and thread-safe.
 */
public final class PiiRedactor {

    /** What a placeholder stands for. */
    public enum Kind { EMAIL, CARD, PHONE, ADDRESS, POSTCODE, NAME, ORDER }

    private record Rule(Kind kind, Pattern pattern, int group) {
    }

    private static final String SHIELD = "\u0000";
    private static final String STREET_WORDS = "street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct"
            + "|place|pl|terrace|close|crescent|square|sq|strasse|straße|weg|gasse|rue|via|calle";

    private final List<Rule> rules;
    private final boolean keepOrderNumbers;

    private PiiRedactor(List<Rule> rules, boolean keepOrderNumbers) {
        this.rules = List.copyOf(rules);
        this.keepOrderNumbers = keepOrderNumbers;
    }

    /** Redacts every kind of personal data this class knows. */
    public static PiiRedactor defaults() {
        return keepingOrderNumbers(false);
    }

    /**
     * Like {@link #defaults()}, optionally leaving order numbers in place for a model that needs
     * them (for example one that calls order tools itself).
     */
    public static PiiRedactor keepingOrderNumbers(boolean keep) {
        List<Rule> rules = new ArrayList<>();
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        rules.add(new Rule(Kind.EMAIL, Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(\\.[\\p{L}0-9-]+)+"), 0));
        // Cards before phones: 13 to 19 digits in groups.
        rules.add(new Rule(Kind.CARD, Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"), 0));
        {
            rules.add(new Rule(Kind.ORDER, Pattern.compile(
                    "(?<=\\border)(\\s*(?:number|no\\.?|nr\\.?|id|#)?\\s*(?:is|was|:)?\\s*#?\\s*)([A-Z0-9][A-Z0-9-]{3,})\\b",
                    flags), 2));
            rules.add(new Rule(Kind.ORDER, Pattern.compile("#\\s?\\d[\\dA-Z-]{3,}\\b", flags), 0));
        }
        rules.add(new Rule(Kind.ADDRESS, Pattern.compile(
                "\\b\\d{1,5}[a-z]?\\s+(?:[\\p{L}'-]+\\s+){0,3}(?:" + STREET_WORDS + ")\\b\\.?", flags), 0));
        rules.add(new Rule(Kind.ADDRESS, Pattern.compile(
                "\\b[\\p{L}'-]*(?:strasse|straße|weg|gasse)\\s+\\d{1,5}[a-z]?\\b", flags), 0));
        // UK postcodes and US ZIP+4; plain five-digit numbers are too ambiguous to touch.
        rules.add(new Rule(Kind.POSTCODE, Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b"), 0));
        rules.add(new Rule(Kind.POSTCODE, Pattern.compile("\\b\\d{5}-\\d{4}\\b"), 0));
        rules.add(new Rule(Kind.PHONE, Pattern.compile("(?<![\\w])\\+?\\(?\\d{1,4}\\)?(?:[ .-]?\\(?\\d{2,5}\\)?){2,5}(?![\\w])"), 0));
        rules.add(new Rule(Kind.NAME, Pattern.compile(
                "(?<=\\b(?i:my name is|i am called|regards,|thanks,|cheers,|best,)\\s)(\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+){0,2})",
                Pattern.UNICODE_CASE), 1));
        return new PiiRedactor(rules, keep);
    }

    /** The text with personal data replaced by placeholders. */
    public String redact(String text) {
        Objects.requireNonNull(text, "text");
        String out = text;
        List<String> kept = new ArrayList<>();
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String whole = m.group();
                String placeholder = "[" + rule.kind() + "]";
                if (rule.kind() == Kind.ORDER && keepOrderNumbers) {
                    // Shield the number from the later rules (a long order number looks like a phone number).
                    kept.add(rule.group() == 0 ? whole : m.group(rule.group()));
                    placeholder = SHIELD + (kept.size() - 1) + SHIELD;
                }
                String replaced = rule.group() == 0 ? placeholder
                        : whole.substring(0, m.start(rule.group()) - m.start()) + placeholder
                                + whole.substring(m.end(rule.group()) - m.start());
                m.appendReplacement(sb, Matcher.quoteReplacement(replaced));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        for (int i = 0; i < kept.size(); i++) {
            out = out.replace(SHIELD + i + SHIELD, kept.get(i));
        }
        return out;
    }
}
