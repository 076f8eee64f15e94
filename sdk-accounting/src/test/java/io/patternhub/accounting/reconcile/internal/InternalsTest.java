package io.patternhub.accounting.reconcile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast internals agree with their plain counterparts: references with those the former
 * regex-based builder gave (recorded in {@link ReferencesGolden}, to the character), fingerprints
 * with a hash set of the keys.
 */
class InternalsTest {

    @Example
    void referencesAreTheFormerEnginesToTheCharacter() throws IOException {
        List<List<String>> recorded = ReferencesGolden.read();
        assertThat(recorded).hasSize(ReferencesGolden.CASES);
        int hashed = 0;
        for (int i = 0; i < ReferencesGolden.CASES; i++) {
            ReferencesGolden.Case c = ReferencesGolden.of(i);
            List<String> references = ReferencesGolden.references(c);
            assertThat(references).as("case %d: %s", i, c).isEqualTo(recorded.get(i));
            hashed += (int) references.stream().filter(r -> r.length() == Journal.MAX_REFERENCE_LENGTH).count();
        }
        assertThat(hashed).as("references cut to the limit and hashed").isGreaterThan(100);
    }

    @Property(tries = 50)
    void fingerprintsFindExactlyTheRepeatsASetFinds(@ForAll("keys") List<String> keys) {
        OrderFingerprints fingerprints = new OrderFingerprints();
        Set<String> set = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            Platform channel = i % 3 == 0 ? Platform.ETSY : Platform.SHOPIFY;
            assertThat(fingerprints.add(channel, keys.get(i))).isEqualTo(set.add(channel + "/" + keys.get(i)));
        }
        assertThat(fingerprints.size()).isEqualTo(set.size());
    }

    @Provide
    Arbitrary<List<String>> keys() {
        // Short ids over a small alphabet: many repeats, and more distinct keys than the initial table holds.
        return Arbitraries.strings().withChars("ab1/").ofMinLength(0).ofMaxLength(8).list().ofMinSize(0).ofMaxSize(5_000);
    }
}
