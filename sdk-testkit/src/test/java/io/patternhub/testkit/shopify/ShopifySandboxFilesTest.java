package io.patternhub.testkit.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxFilesTest {
    static final String STAGE = """
            mutation($input: [StagedUploadInput!]!) {
              stagedUploadsCreate(input: $input) {
                stagedTargets { url resourceUrl parameters { name value } }
                userErrors { field message }
              }
            }""";
    static final String FILE_CREATE = """
            mutation($files: [FileCreateInput!]!) {
              fileCreate(files: $files) {
                files { id fileStatus ... on GenericFile { url mimeType originalFileSize } }
                userErrors { field message code }
              }
            }""";

    ShopifySandbox shop;
    Gql gql;

    @BeforeEach
    void start() {
        shop = ShopifySandbox.builder().accessToken("shpat_test").build().start();
        gql = new Gql(shop.graphqlUrl(), "shpat_test");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    JsonNode stage(String method, int size) {
        Gql.Reply reply = gql.query(STAGE, Map.of("input", List.of(Map.of("resource", "FILE", "filename", "tulip.pdf",
                "mimeType", "application/pdf", "httpMethod", method, "fileSize", String.valueOf(size)))));
        assertThat(reply.data().path("stagedUploadsCreate").path("userErrors")).isEmpty();
        return reply.data().path("stagedUploadsCreate").path("stagedTargets").get(0);
    }

    int uploadMultipart(JsonNode target, byte[] content) throws IOException {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (JsonNode p : target.path("parameters")) {
            form.addFormDataPart(p.path("name").asText(), p.path("value").asText());
        }
        form.addFormDataPart("file", "tulip.pdf", RequestBody.create(content, MediaType.get("application/pdf")));
        try (Response r = gql.http.newCall(new Request.Builder().url(target.path("url").asText()).post(form.build())
                .build()).execute()) {
            return r.code();
        }
    }

    @Test
    void stagedUploadThenFileCreateHostsTheFile() throws IOException {
        byte[] pdf = "%PDF-1.7 tulip dress pattern".getBytes(StandardCharsets.UTF_8);
        JsonNode target = stage("POST", pdf.length);
        assertThat(target.path("url").asText()).startsWith(shop.baseUrl());
        assertThat(shop.stagedUploads()).singleElement().satisfies(u -> assertThat(u.uploaded()).isFalse());

        assertThat(uploadMultipart(target, pdf)).isEqualTo(201);
        assertThat(shop.stagedUploads().get(0).receivedBytes()).isEqualTo(pdf.length);

        Gql.Reply created = gql.query(FILE_CREATE, Map.of("files", List.of(Map.of("originalSource",
                target.path("resourceUrl").asText(), "contentType", "FILE", "alt", "Tulip dress PDF"))));
        JsonNode file = created.data().path("fileCreate").path("files").get(0);
        assertThat(file.path("fileStatus").asText()).isEqualTo("READY");
        assertThat(file.path("originalFileSize").asInt()).isEqualTo(pdf.length);

        SandboxFile stored = shop.files().get(0);
        assertThat(stored.id()).isEqualTo(file.path("id").asText());
        assertThat(stored.alt()).isEqualTo("Tulip dress PDF");
        assertThat(shop.fileContent(stored.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf));
        assertThat(gql.get(file.path("url").asText())).isEqualTo(new String(pdf, StandardCharsets.UTF_8));

        Gql.Reply listed = gql.query("{ files(first: 10) { nodes { id alt } } }");
        assertThat(listed.data().path("files").path("nodes").get(0).path("alt").asText()).isEqualTo("Tulip dress PDF");
    }

    @Test
    void putUploadsWorkAndASizeMismatchIsRejected() throws IOException {
        byte[] pdf = new byte[4096];
        JsonNode target = stage("PUT", pdf.length);
        try (Response r = gql.http.newCall(new Request.Builder().url(target.path("url").asText())
                .put(RequestBody.create(new byte[10], MediaType.get("application/pdf"))).build()).execute()) {
            assertThat(r.code()).isEqualTo(400);
        }
        try (Response r = gql.http.newCall(new Request.Builder().url(target.path("url").asText())
                .put(RequestBody.create(pdf, MediaType.get("application/pdf"))).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(shop.stagedUploads().get(0).sha256()).isPresent();
    }

    @Test
    void fileCreateBeforeTheUploadIsAUserError() {
        JsonNode target = stage("POST", 10);
        Gql.Reply created = gql.query(FILE_CREATE, Map.of("files", List.of(Map.of("originalSource",
                target.path("resourceUrl").asText(), "contentType", "FILE"))));
        assertThat(created.data().path("fileCreate").path("userErrors")).hasSize(1);
        assertThat(shop.files()).isEmpty();
    }

    @Test
    void productSetAttachesCreatedFiles() throws IOException {
        byte[] pdf = "pattern".getBytes(StandardCharsets.UTF_8);
        JsonNode target = stage("POST", pdf.length);
        uploadMultipart(target, pdf);
        String fileId = gql.query(FILE_CREATE, Map.of("files", List.of(Map.of("originalSource",
                target.path("resourceUrl").asText(), "contentType", "FILE")))).data().path("fileCreate").path("files")
                .get(0).path("id").asText();
        Gql.Reply set = gql.query(ShopifySandboxProductsTest.PRODUCT_SET, Map.of("input", Map.of("title", "Tulip",
                "files", List.of(Map.of("id", fileId)))));
        assertThat(set.data().path("productSet").path("userErrors")).isEmpty();
        assertThat(shop.products().get(0).fileIds()).containsExactly(fileId);
        assertThat(shop.products().get(0).handle()).isEqualTo("tulip");
    }
}
