package io.patternhub.ravelry.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Ravelry's ETags as an OkHttp interceptor: every GET answered 200 with an {@code ETag} is remembered by
 * URL (body included); the next GET of that URL sends {@code If-None-Match} with the quoted tag, and a
 * 304 Not Modified is answered from the remembered body, marked with {@link #NOT_MODIFIED_HEADER}.
 * Unchanged pages are therefore not downloaded again. Bounded (least recently used entries are
 * dropped); thread-safe.
 */
public final class EtagCache implements Interceptor {
    /** Set to {@code true} on responses served from the cache after a 304. */
    public static final String NOT_MODIFIED_HEADER = "X-PatternHub-Not-Modified";

    private final Map<String, Entry> entries;
    private final AtomicLong notModified = new AtomicLong();

    /**
     * @param maxEntries how many URLs to remember
     */
    public EtagCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private record Entry(String etag, byte[] body, MediaType type) {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!"GET".equals(request.method()) || request.header("If-None-Match") != null) {
            return chain.proceed(request);
        }
        String key = request.url().toString();
        Entry cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        Request sent = cached == null ? request : request.newBuilder().header("If-None-Match", cached.etag()).build();
        Response response = chain.proceed(sent);
        if (response.code() == 304 && cached != null) {
            response.close();
            notModified.incrementAndGet();
            return response.newBuilder().code(200).message("OK (not modified)")
                    .header(NOT_MODIFIED_HEADER, "true")
                    .body(ResponseBody.create(cached.body(), cached.type())).build();
        }
        String etag = response.header("ETag");
        if (response.code() == 200 && etag != null && response.body() != null) {
            MediaType type = response.body().contentType();
            byte[] bytes = response.body().bytes();
            synchronized (entries) {
                entries.put(key, new Entry(etag, bytes, type));
            }
            return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
        }
        return response;
    }

    /** How many responses were answered from the cache after a 304. */
    public long notModifiedCount() {
        return notModified.get();
    }

    /** Forgets every remembered page. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
