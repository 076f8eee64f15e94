package io.patternhub.core.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.http.RequestContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** Turns {@link RequestContent} into OkHttp bodies; streamed content is copied segment by segment. */
public final class OkHttpBodies {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private OkHttpBodies() {
    }

    /** The OkHttp body for {@code content}. */
    public static RequestBody toRequestBody(RequestContent content, ObjectMapper mapper) {
        if (content instanceof RequestContent.Json json) {
            try {
                return RequestBody.create(mapper.writeValueAsBytes(json.value()), JSON);
            } catch (JsonProcessingException e) {
                throw new InvalidRequestException("Cannot write the request body as JSON: " + e.getOriginalMessage(),
                        ErrorContext.empty(), e);
            }
        }
        if (content instanceof RequestContent.Form form) {
            FormBody.Builder b = new FormBody.Builder();
            form.fields().forEach(b::add);
            return b.build();
        }
        if (content instanceof RequestContent.Stream stream) {
            return new StreamingBody(stream);
        }
        RequestContent.Multipart multipart = (RequestContent.Multipart) content;
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (RequestContent.Multipart.Part part : multipart.parts()) {
            b.addFormDataPart(part.name(), part.filename(), toRequestBody(part.content(), mapper));
        }
        return b.build();
    }

    /** Writes from a fresh stream on every call, so the content is never held in memory. */
    private static final class StreamingBody extends RequestBody {
        private final RequestContent.Stream stream;
        private final MediaType mediaType;

        StreamingBody(RequestContent.Stream stream) {
            this.stream = stream;
            this.mediaType = MediaType.parse(stream.mediaType());
        }

        @Override
        public MediaType contentType() {
            return mediaType;
        }

        @Override
        public long contentLength() {
            return stream.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            InputStream in;
            try {
                in = stream.open();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            try (Source source = Okio.source(in)) {
                long written = sink.writeAll(source);
                if (written != stream.contentLength()) {
                    throw new IOException("the upload stream yielded " + written + " bytes but "
                            + stream.contentLength() + " were declared");
                }
            }
        }
    }
}
