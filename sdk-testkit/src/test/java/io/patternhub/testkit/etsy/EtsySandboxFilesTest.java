package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtsySandboxFilesTest {
    private EtsySandbox etsy;
    private EtsyClient client;
    private long shop;
    private long listing;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().perSecondLimit(0).maxFilesPerListing(3).maxFileBytes(100_000).build().start();
        client = new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
        shop = etsy.defaultShopId();
        listing = client.createDraft(shop, "Dress", "9.00");
    }

    @AfterEach
    void stop() {
        assertThat(etsy.responseViolations()).isEmpty();
        etsy.close();
    }

    @Test
    void uploadStoresNameSizeHashAndBytes() throws Exception {
        byte[] pdf = pdf(70_000);
        EtsyClient.Reply r = client.upload(shop, listing, "dress-a4.pdf", pdf, null);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("filename").asText()).isEqualTo("dress-a4.pdf");
        assertThat(r.json().get("size_bytes").asLong()).isEqualTo(70_000);
        assertThat(r.json().get("filetype").asText()).isEqualTo("application/pdf");
        EtsyListingFileView file = etsy.listing(listing).orElseThrow().files().get(0);
        assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(file.rank()).isEqualTo(1);
        assertThat(etsy.fileContent(file.listingFileId())).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf));
    }

    @Test
    void listGetAndDeleteFiles() {
        long a = client.upload(shop, listing, "a.pdf", pdf(10), null).json().get("listing_file_id").asLong();
        long b = client.upload(shop, listing, "b.pdf", pdf(20), null).json().get("listing_file_id").asLong();
        long first = client.upload(shop, listing, "first.pdf", pdf(30), 1).json().get("listing_file_id").asLong();
        String files = "/v3/application/shops/" + shop + "/listings/" + listing + "/files";

        EtsyClient.Reply all = client.get(files);
        assertThat(all.json().get("count").asInt()).isEqualTo(3);
        assertThat(EtsyClient.texts(all.json().findValues("filename").stream()
                .collect(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode,
                        com.fasterxml.jackson.databind.node.ArrayNode::add, (x, y) -> { })))
                .containsExactly("first.pdf", "a.pdf", "b.pdf");
        assertThat(client.get(files + "/" + b).json().get("rank").asInt()).isEqualTo(3);

        assertThat(client.delete(files + "/" + a).status()).isEqualTo(204);
        assertThat(etsy.listing(listing).orElseThrow().files()).extracting(EtsyListingFileView::listingFileId)
                .containsExactly(first, b);
        assertThat(etsy.listing(listing).orElseThrow().files()).extracting(EtsyListingFileView::rank)
                .containsExactly(1, 2);
        assertThat(client.get(files + "/" + a).status()).isEqualTo(404);
    }

    @Test
    void fileCountLimitIsEnforcedWithEtsysErrorShape() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.upload(shop, listing, i + ".pdf", pdf(5), null).status()).isEqualTo(201);
        }
        EtsyClient.Reply fourth = client.upload(shop, listing, "3.pdf", pdf(5), null);

        assertThat(fourth.status()).isEqualTo(400);
        assertThat(fourth.json().get("error").asText()).contains("maximum is 3");
        assertThat(etsy.listing(listing).orElseThrow().files()).hasSize(3);
    }

    @Test
    void fileSizeLimitIsEnforced() {
        EtsyClient.Reply big = client.upload(shop, listing, "big.pdf", pdf(100_001), null);

        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("error").asText()).contains("100000 bytes");
        assertThat(etsy.listing(listing).orElseThrow().files()).isEmpty();
        assertThat(client.upload(shop, listing, "fits.pdf", pdf(100_000), null).status()).isEqualTo(201);
    }

    @Test
    void uploadWithoutFileOrExistingIdIsRejected() {
        okhttp3.RequestBody onlyName = new okhttp3.MultipartBody.Builder().setType(okhttp3.MultipartBody.FORM)
                .addFormDataPart("name", "x.pdf").build();
        EtsyClient.Reply r = client.post("/v3/application/shops/" + shop + "/listings/" + listing + "/files", onlyName);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("listing_file_id");
    }

    @Test
    void anExistingFileCanBeAttachedToAnotherListing() {
        long fileId = client.upload(shop, listing, "shared.pdf", pdf(42), null).json().get("listing_file_id").asLong();
        long other = client.createDraft(shop, "Other", "2.00");
        okhttp3.RequestBody attach = new okhttp3.MultipartBody.Builder().setType(okhttp3.MultipartBody.FORM)
                .addFormDataPart("listing_file_id", Long.toString(fileId)).build();

        EtsyClient.Reply r = client.post("/v3/application/shops/" + shop + "/listings/" + other + "/files", attach);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        EtsyListingFileView copy = etsy.listing(other).orElseThrow().files().get(0);
        assertThat(copy.name()).isEqualTo("shared.pdf");
        assertThat(copy.sha256()).isEqualTo(etsy.listing(listing).orElseThrow().files().get(0).sha256());
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = i < header.length ? header[i] : (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
