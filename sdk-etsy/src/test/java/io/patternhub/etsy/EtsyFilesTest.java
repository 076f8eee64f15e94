package io.patternhub.etsy;

import static io.patternhub.etsy.EtsyTestSupport.draft;
import static io.patternhub.etsy.EtsyTestSupport.pdf;
import static io.patternhub.etsy.EtsyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.PatternFile;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.etsy.EtsyListingFileView;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digital files against the Etsy sandbox: upload, list, delete, replace, limits, interruptions. */
class EtsyFilesTest {
    private static final String FILES = "/v3/application/shops/{shop_id}/listings/{listing_id}/files";
    private static final String FILE = FILES + "/{listing_file_id}";
    private EtsySandbox etsy;
    private EtsyStorefront store;
    private String listingId;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().build().start();
        store = storefront(etsy).fileLimits(new EtsyFileLimits(3, 1024)).build();
        listingId = store.createListing(draft("TEE-01", "Raglan Tee", "12.50")).externalId();
    }

    @AfterEach
    void stop() {
        store.close();
        etsy.close();
        assertThat(etsy.responseViolations()).isEmpty();
    }

    private List<EtsyListingFileView> held() {
        return etsy.listing(Long.parseLong(listingId)).orElseThrow().files();
    }

    @Test
    void uploadsStreamedContentListsAndDeletes() {
        PatternFile file = pdf("raglan-a4.pdf", "%PDF-1.7 raglan tee A4");

        ListingFile attached = store.attachFile(listingId, file);

        assertThat(held()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("raglan-a4.pdf");
            assertThat(f.sizeBytes()).isEqualTo(file.sizeBytes());
            assertThat(f.sha256()).isEqualTo(file.sha256());
            assertThat(String.valueOf(f.listingFileId())).isEqualTo(attached.externalId());
        });
        assertThat(new String(etsy.fileContent(Long.parseLong(attached.externalId())).orElseThrow(),
                StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 raglan tee A4");
        assertThat(store.files(listingId)).extracting(ListingFile::name).containsExactly("raglan-a4.pdf");

        store.removeFile(listingId, attached.externalId());

        assertThat(held()).isEmpty();
        assertThat(store.files(listingId)).isEmpty();
        assertThatThrownBy(() -> store.removeFile(listingId, attached.externalId()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void attachingTheSameFileTwiceKeepsOneCopy() {
        PatternFile file = pdf("raglan-a4.pdf", "%PDF raglan");
        ListingFile first = store.attachFile(listingId, file);
        ListingFile second = store.attachFile(listingId, file);
        assertThat(second.externalId()).isEqualTo(first.externalId());
        assertThat(held()).hasSize(1);
        assertThat(etsy.journal().count("POST", FILES)).isEqualTo(1);
    }

    @Test
    void replaceUploadsNewThenDeletesOld() {
        ListingFile old = store.attachFile(listingId, pdf("raglan.pdf", "%PDF version 1"));

        ListingFile replaced = store.replaceFile(listingId, old.externalId(), pdf("raglan.pdf", "%PDF version 2 fixed"));

        assertThat(held()).singleElement().satisfies(f -> {
            assertThat(String.valueOf(f.listingFileId())).isEqualTo(replaced.externalId());
            assertThat(f.sha256()).isEqualTo(pdf("raglan.pdf", "%PDF version 2 fixed").sha256());
        });
        // Upload first, delete second: never a moment with no file.
        var writes = etsy.journal().entries().stream().filter(e -> e.isWrite()
                && e.routeTemplate().orElse("").startsWith(FILES)).map(e -> e.method()).toList();
        assertThat(writes).containsExactly("POST", "POST", "DELETE");
    }

    @Test
    void aReplaceInterruptedAfterTheUploadEndsWithExactlyOneCopy() {
        ListingFile old = store.attachFile(listingId, pdf("raglan.pdf", "%PDF version 1"));
        PatternFile v2 = pdf("raglan.pdf", "%PDF version 2 fixed");
        // The upload lands but its answer is lost, then the delete fails too: the caller sees an error.
        etsy.faults().add(FaultPlan.next(1, Fault.processThenDrop()).matching(RequestMatchers.route("POST", FILES)));
        etsy.faults().add(FaultPlan.next(10, Fault.serverError(500)).matching(RequestMatchers.route("DELETE", FILE)));

        assertThatThrownBy(() -> store.replaceFile(listingId, old.externalId(), v2))
                .hasMessageContaining("500");
        assertThat(held()).hasSize(2);

        etsy.faults().clear();
        ListingFile replaced = store.replaceFile(listingId, old.externalId(), v2);

        assertThat(held()).singleElement().satisfies(f -> {
            assertThat(String.valueOf(f.listingFileId())).isEqualTo(replaced.externalId());
            assertThat(f.sha256()).isEqualTo(v2.sha256());
        });
        assertThat(etsy.journal().count(e -> e.method().equals("POST") && e.routeTemplate().orElse("").equals(FILES)
                && e.handled())).isEqualTo(2); // v1 and v2, v2 never twice
        // Calling it again changes nothing: it is done.
        assertThat(store.replaceFile(listingId, old.externalId(), v2).externalId()).isEqualTo(replaced.externalId());
        assertThat(held()).hasSize(1);
    }

    @Test
    void limitsAreEnforcedBeforeUploading() {
        store.attachFile(listingId, pdf("a.pdf", "a"));
        store.attachFile(listingId, pdf("b.pdf", "b"));
        store.attachFile(listingId, pdf("c.pdf", "c"));
        long posts = etsy.journal().count("POST", FILES);

        assertThatThrownBy(() -> store.attachFile(listingId, pdf("d.pdf", "d")))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("at most 3 files");
        assertThatThrownBy(() -> store.attachFile(listingId, pdf("big.pdf", "x".repeat(2000))))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("1024");
        assertThat(etsy.journal().count("POST", FILES)).isEqualTo(posts);
        assertThat(held()).hasSize(3);
    }
}
