package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.testkit.etsy.EtsyListingFileView;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.etsy.EtsySandbox;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks that the Etsy sandbox holds exactly the catalog: one listing per SKU, right fields, right files. */
final class SandboxAssertions {
    private SandboxAssertions() {
    }

    static void assertExactly(EtsySandbox sandbox, List<Pattern> patterns) {
        assertExactly(sandbox, sandbox.defaultShopId(), patterns);
    }

    static void assertExactly(EtsySandbox sandbox, long shopId, List<Pattern> patterns) {
        assertThat(sandbox.listings(shopId)).hasSize(patterns.size());
        for (Pattern p : patterns) {
            List<EtsyListingView> found = sandbox.listings(shopId).stream()
                    .filter(l -> l.sku().filter(p.sku()::equals).isPresent()).toList();
            assertThat(found).as("listings with SKU %s", p.sku()).hasSize(1);
            EtsyListingView l = found.get(0);
            assertThat(l.title()).isEqualTo(p.title());
            assertThat(l.description()).isEqualTo(p.description());
            assertThat(l.tags()).isEqualTo(p.tags());
            assertThat(l.price().amount()).isEqualByComparingTo(p.priceIn(Currency.getInstance("USD")).orElseThrow().amount());
            Map<String, String> remote = l.files().stream()
                    .collect(Collectors.toMap(EtsyListingFileView::name, EtsyListingFileView::sha256));
            Map<String, String> local = p.files().stream().collect(Collectors.toMap(PatternFile::name, PatternFile::sha256));
            assertThat(remote).as("files of %s", p.sku()).isEqualTo(local);
        }
    }
}
