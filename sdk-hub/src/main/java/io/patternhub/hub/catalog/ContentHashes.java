package io.patternhub.hub.catalog;

import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The content hashes sync compares: a pattern's whole content, and the listing fields one storefront
 * shows. Each is a SHA-256 over a canonical, length-prefixed encoding, so equal content gives equal
 * hashes on every machine.
 */
public final class ContentHashes {
    private ContentHashes() {
    }

    /**
     * The hash of everything the hub holds for a pattern, files by their SHA-256.
     *
     * @param p the pattern
     * @return lower-case hex SHA-256
     */
    public static String pattern(Pattern p) {
        Canonical c = new Canonical().add(p.sku()).add(p.title()).add(p.description()).add(p.craft().name())
                .add(p.version()).add(p.changeNotes().orElse("")).addAll(p.tags());
        p.prices().stream().sorted(Comparator.comparing(Money::currencyCode))
                .forEach(m -> c.add(m.currencyCode()).add(m.amount().toPlainString()));
        p.images().forEach(u -> c.add(u.toString()));
        for (PatternFile f : p.files()) {
            c.add(f.name()).add(f.sha256()).add(f.version()).add(f.printFormat().name())
                    .add(f.sizeRange().orElse("")).add(f.language().orElse(""));
        }
        return c.digest();
    }

    /**
     * The hash of the listing fields a storefront shows for a pattern at one price.
     *
     * @param p     the pattern
     * @param price the price on that storefront
     * @return lower-case hex SHA-256
     */
    public static String listingFields(Pattern p, Money price) {
        return listingFields(p.sku(), p.title(), p.description(), p.tags(), price);
    }

    /**
     * The hash of a storefront listing's fields.
     *
     * @param sku         the SKU
     * @param title       the title
     * @param description the description
     * @param tags        the tags, in order
     * @param price       the price
     * @return lower-case hex SHA-256
     */
    public static String listingFields(String sku, String title, String description, List<String> tags, Money price) {
        return new Canonical().add(sku).add(title).add(description).addAll(tags)
                .add(price.currencyCode()).add(price.amount().stripTrailingZeros().toPlainString()).digest();
    }

    private static final class Canonical {
        private final MessageDigest md;

        Canonical() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        Canonical add(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            md.update(b);
            return this;
        }

        Canonical addAll(List<String> values) {
            add(String.valueOf(values.size()));
            values.forEach(this::add);
            return this;
        }

        String digest() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
