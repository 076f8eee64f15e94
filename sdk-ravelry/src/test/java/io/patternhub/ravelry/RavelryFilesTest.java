package io.patternhub.ravelry;

import static io.patternhub.ravelry.RavelryTestSupport.draft;
import static io.patternhub.ravelry.RavelryTestSupport.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.PatternFile;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.ravelry.RavelryAttachmentView;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PDF attachments against the Ravelry sandbox: upload and wait, delete, replace, interruptions. */
class RavelryFilesTest {
    private static final String UPLOAD = "/product_attachments/upload.json";
    private static final String ATTACHMENTS = "/products/{id}/attachments.json";
    private static final String ATTACHMENT = "/product_attachments/{id}.json";
    private final RavelryTestSupport support = new RavelryTestSupport();
    private RavelrySandbox ravelry;
    private RavelryStorefront store;
    private String productId;

    private void start(int readyAfterPolls) {
        ravelry = RavelrySandbox.builder().attachmentReadyAfterPolls(readyAfterPolls).build().start();
        store = support.personal(ravelry).build();
        productId = store.createListing(draft("TEE-01", "Raglan Tee", "12.50", ravelry.addPattern("Tee")))
                .externalId();
        ravelry.journal().clear();
    }

    @AfterEach
    void stop() {
        store.close();
        ravelry.close();
    }

    private List<RavelryAttachmentView> held() {
        return ravelry.product(Long.parseLong(productId)).orElseThrow().attachments();
    }

    @Test
    void uploadsStreamedPdfAndWaitsUntilItAppears() {
        start(3);
        PatternFile file = pdf("raglan-a4.pdf", "raglan tee A4");

        ListingFile attached = store.attachFile(productId, file);

        assertThat(held()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("raglan-a4.pdf");
            assertThat(a.bytes()).isEqualTo(file.sizeBytes());
            assertThat(a.sha256()).isEqualTo(file.sha256());
            assertThat(a.ready()).isTrue();
            assertThat(String.valueOf(a.id())).isEqualTo(attached.externalId());
        });
        assertThat(attached.sizeBytes()).hasValue(file.sizeBytes());
        assertThat(ravelry.journal().count("POST", UPLOAD)).isEqualTo(1);
        // one look before the upload, then three polls until the sandbox finished processing
        assertThat(ravelry.journal().count("GET", ATTACHMENTS)).isEqualTo(4);
        assertThat(support.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
    }

    @Test
    void unchangedPollsAreAnswered304() {
        start(3);

        store.attachFile(productId, pdf("a.pdf", "a"));

        // the first two polls see the same (empty) list as the look before the upload
        assertThat(ravelry.notModifiedCount()).isEqualTo(2);
        assertThat(store.notModifiedCount()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheBoundedWaitWithARetryableError() {
        start(50);

        assertThatThrownBy(() -> store.attachFile(productId, pdf("slow.pdf", "slow")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("did not appear after 6 looks");
        assertThat(support.sleeps).hasSize(6).endsWith(Duration.ofMillis(800), Duration.ofMillis(800));

        // Called again once it is ready: no second upload.
        for (int i = 0; i < 50; i++) {
            store.files(productId);
        }
        store.attachFile(productId, pdf("slow.pdf", "slow"));
        assertThat(ravelry.journal().count("POST", UPLOAD)).isEqualTo(1);
        assertThat(held()).hasSize(1);
    }

    @Test
    void attachingTheSameFileAgainDoesNotUploadASecondCopy() {
        start(1);
        ListingFile first = store.attachFile(productId, pdf("x.pdf", "same"));

        ListingFile again = store.attachFile(productId, pdf("x.pdf", "same"));

        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(held()).hasSize(1);
        assertThat(ravelry.journal().count("POST", UPLOAD)).isEqualTo(1);
    }

    @Test
    void refusesAFileThatIsNotAPdf() {
        start(0);
        byte[] bytes = "PK zip".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PatternFile zip = PatternFile.fromContent("bundle.zip", () -> new ByteArrayInputStream(bytes)).build();

        assertThatThrownBy(() -> store.attachFile(productId, zip)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("PDF");
        assertThat(ravelry.journal().count("POST", UPLOAD)).isZero();
    }

    @Test
    void uploadWhoseAnswerWasLostIsFoundNotRepeated() {
        start(1);
        ravelry.faults().next(1, RequestMatchers.route("POST", UPLOAD), Fault.processThenDrop());

        ListingFile attached = store.attachFile(productId, pdf("lost.pdf", "lost answer"));

        assertThat(held()).singleElement().satisfies(a -> assertThat(String.valueOf(a.id()))
                .isEqualTo(attached.externalId()));
        assertThat(ravelry.journal().count("POST", UPLOAD)).isEqualTo(1);
    }

    @Test
    void uploadRefusedWith429IsSentAgain() {
        start(0);
        ravelry.faults().next(2, RequestMatchers.route("POST", UPLOAD), Fault.tooManyRequests(Duration.ZERO));

        store.attachFile(productId, pdf("busy.pdf", "busy"));

        assertThat(held()).hasSize(1);
        assertThat(ravelry.journal().count(e -> e.path().equals(UPLOAD) && e.status() == 429)).isEqualTo(2);
    }

    @Test
    void deletesAnAttachmentAndRefusesOneOfAnotherProduct() {
        start(0);
        ListingFile f = store.attachFile(productId, pdf("del.pdf", "delete me"));
        String other = store.createListing(draft("OTHER", "Other", "1.00", 5)).externalId();

        assertThatThrownBy(() -> store.removeFile(other, f.externalId())).isInstanceOf(InvalidRequestException.class);
        store.removeFile(productId, f.externalId());

        assertThat(held()).isEmpty();
        assertThat(store.files(productId)).isEmpty();
        assertThatThrownBy(() -> store.removeFile(productId, f.externalId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void replaceUploadsWaitsThenDeletesTheOld() {
        start(2);
        ListingFile v1 = store.attachFile(productId, pdf("tee.pdf", "version 1"));

        ListingFile v2 = store.replaceFile(productId, v1.externalId(), pdf("tee.pdf", "version 2, longer"));

        assertThat(held()).singleElement().satisfies(a -> {
            assertThat(String.valueOf(a.id())).isEqualTo(v2.externalId());
            assertThat(a.sha256()).isEqualTo(pdf("tee.pdf", "version 2, longer").sha256());
        });
        assertThat(v2.externalId()).isNotEqualTo(v1.externalId());
    }

    @Test
    void replaceInterruptedAfterTheUploadFinishesWithoutASecondUpload() {
        start(1);
        ListingFile v1 = store.attachFile(productId, pdf("tee.pdf", "version 1"));
        PatternFile v2 = pdf("tee.pdf", "version 2 with more pages");
        // The delete of the old file keeps failing: the transport gives up after its attempts.
        ravelry.faults().next(4, RequestMatchers.route("DELETE", ATTACHMENT), Fault.serverError(503));

        assertThatThrownBy(() -> store.replaceFile(productId, v1.externalId(), v2)).isInstanceOf(ApiException.class);
        assertThat(held()).hasSize(2); // both copies for now: never none

        ListingFile done = store.replaceFile(productId, v1.externalId(), v2);

        assertThat(held()).singleElement().satisfies(a -> {
            assertThat(String.valueOf(a.id())).isEqualTo(done.externalId());
            assertThat(a.sha256()).isEqualTo(v2.sha256());
        });
        assertThat(ravelry.journal().count("POST", UPLOAD)).isEqualTo(2); // v1 and v2, once each
    }

    @Test
    void replaceOfAnUnknownFileIsNotFound() {
        start(0);

        assertThatThrownBy(() -> store.replaceFile(productId, "999999", pdf("n.pdf", "n")))
                .isInstanceOf(NotFoundException.class);
        assertThat(ravelry.journal().count("POST", UPLOAD)).isZero();
    }
}
