package io.patternhub.accounting.reconcile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast internals agree with their plain counterparts: references with the former regex-based
 * ones (to the character), fingerprints with a hash set of the keys.
 */
class InternalsTest {

    @Property(tries = 500)
    void referencesAreTheFormerEnginesToTheCharacter(@ForAll("ids") String orderId, @ForAll("ids") String refundId,
                                                     @ForAll @IntRange(min = -20_000, max = 20_000) int year,
                                                     @ForAll @IntRange(min = 1, max = 12) int month,
                                                     @ForAll Platform channel) {
        YearMonth ym = YearMonth.of(year, month);
        String suffix = month % 3 == 0 ? null : "GBP";
        assertThat(References.sale(channel, orderId, ym, suffix))
                .isEqualTo(io.patternhub.accounting.reconcile.legacy.References.sale(channel, orderId, ym, suffix));
        assertThat(References.refund(channel, orderId, refundId, ym, suffix)).isEqualTo(
                io.patternhub.accounting.reconcile.legacy.References.refund(channel, orderId, refundId, ym, suffix));
        assertThat(References.payout(channel, orderId, ym))
                .isEqualTo(io.patternhub.accounting.reconcile.legacy.References.payout(channel, orderId, ym));
        assertThat(References.settlement(channel, orderId, ym))
                .isEqualTo(io.patternhub.accounting.reconcile.legacy.References.settlement(channel, orderId, ym));
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(150); // surrogates included
        Arbitrary<String> gid = plain.map(n -> "gid://shopify/Order/" + n);
        Arbitrary<String> emoji = plain.map(n -> n + "\uD83E\uDDF6-" + n + " /x");
        return Arbitraries.oneOf(plain, any, gid, emoji);
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
