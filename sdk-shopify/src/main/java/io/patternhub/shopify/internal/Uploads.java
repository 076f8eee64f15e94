package io.patternhub.shopify.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.PatternFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Sends a file's bytes to a staged upload target and downloads bulk results. Targets are pre-signed
 * URLs on another host (cloud storage): no Shopify credentials are sent there. The content is
 * streamed from the file, never held in memory; an interrupted upload is sent again from the first
 * byte (the target is the same, so this is safe).
 */
public final class Uploads {
    private final OkHttpClient http;
    private final int attempts;

    /**
     * @param http     the client (no auth interceptors)
     * @param attempts attempts per upload, at least 1
     */
    public Uploads(OkHttpClient http, int attempts) {
        this.http = http;
        this.attempts = Math.max(1, attempts);
    }

    /**
     * POSTs a multipart form: the target's parameters, then the file as the last part {@code file}.
     *
     * @param url        the target URL
     * @param parameters the target's parameters, in order
     * @param file       the file
     */
    public void upload(String url, Map<String, String> parameters, PatternFile file) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        parameters.forEach(form::addFormDataPart);
        form.addFormDataPart("file", file.name(), streamed(file));
        Request request = new Request.Builder().url(url).post(form.build()).build();
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Response response = http.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    return;
                }
                String body = response.body() == null ? "" : response.body().string();
                if (response.code() < 500) {
                    throw new ApiException("The staged upload target refused " + file.name() + " with HTTP "
                            + response.code() + ": " + body, ErrorContext.builder().platform(Platform.SHOPIFY)
                            .httpStatus(response.code()).build());
                }
                last = new IOException("HTTP " + response.code() + ": " + body);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new ConnectionException("Uploading " + file.name() + " to the staged target failed after " + attempts
                + " attempts: " + last.getMessage(), ErrorContext.builder().platform(Platform.SHOPIFY)
                .retryable(true).build(), last);
    }

    /**
     * Opens a download (a bulk result); the caller closes the response.
     *
     * @param url the URL
     * @return the response, 2xx
     */
    public Response download(String url) {
        try {
            Response response = http.newCall(new Request.Builder().url(url).build()).execute();
            if (!response.isSuccessful()) {
                response.close();
                throw new ApiException("Downloading the Shopify bulk result answered HTTP " + response.code(),
                        ErrorContext.builder().platform(Platform.SHOPIFY).httpStatus(response.code())
                                .retryable(response.code() >= 500).build());
            }
            return response;
        } catch (IOException e) {
            throw new ConnectionException("Downloading the Shopify bulk result failed: " + e.getMessage(),
                    ErrorContext.builder().platform(Platform.SHOPIFY).retryable(true).build(), e);
        }
    }

    private static RequestBody streamed(PatternFile file) {
        MediaType type = MediaType.parse(file.mediaType());
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public long contentLength() {
                return file.sizeBytes();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (InputStream in = file.openContent(); Source source = Okio.source(in)) {
                    sink.writeAll(source);
                }
            }
        };
    }
}
