package io.patternhub.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerDefaultsTest {

    /** A ledger that keeps entries by reference, as the SPI contract requires. */
    private static final class MapLedger implements Ledger {
        final Map<String, PostedEntry> entries = new LinkedHashMap<>();
        final List<String> postCalls = new ArrayList<>();

        @Override
        public Platform platform() {
            return Platform.XERO;
        }

        @Override
        public List<Account> chartOfAccounts() {
            return List.of();
        }

        @Override
        public List<TaxRate> taxRates() {
            return List.of();
        }

        @Override
        public PostResult post(Journal journal) {
            postCalls.add(journal.reference());
            PostedEntry existing = entries.get(journal.reference());
            if (existing != null) {
                return PostResult.alreadyExisted(existing);
            }
            PostedEntry entry = PostedEntry.builder().platform(platform()).reference(journal.reference())
                    .externalId("mj-" + (entries.size() + 1)).date(journal.date()).total(journal.totalDebits()).build();
            entries.put(journal.reference(), entry);
            return PostResult.created(entry);
        }

        @Override
        public Optional<PostedEntry> findByReference(String reference) {
            return Optional.ofNullable(entries.get(reference));
        }

        @Override
        public Set<PostingMode> supportedModes() {
            return Set.of(PostingMode.PER_PAYOUT);
        }
    }

    @Test
    void postAllPostsInOrderAndReportsEachOutcome() {
        MapLedger ledger = new MapLedger();
        ImmutableJournal first = JournalTest.payoutJournal();
        Journal second = first.withReference("etsy-payout-78");
        List<PostResult> results = ledger.postAll(List.of(first, second, first));
        assertThat(ledger.postCalls).containsExactly("etsy-payout-77", "etsy-payout-78", "etsy-payout-77");
        assertThat(results).extracting(PostResult::outcome).containsExactly(
                PostResult.Outcome.CREATED, PostResult.Outcome.CREATED, PostResult.Outcome.ALREADY_EXISTED);
        assertThat(results.get(2).entry()).isEqualTo(results.get(0).entry());
        assertThat(ledger.findByReference("etsy-payout-78")).contains(results.get(1).entry());
    }
}
