package io.patternhub.etsy.internal;

import io.patternhub.core.http.RequestContent;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} bodies where a name may repeat: the spec's array fields
 * ({@code tags}, {@code materials}) use OpenAPI's default form style, one {@code name=value} pair per
 * element.
 */
public final class FormEncoding {
    private FormEncoding() {
    }

    /**
     * Encodes the pairs in order.
     *
     * @param pairs names and values; a name may repeat
     * @return the body
     */
    public static RequestContent form(List<Map.Entry<String, String>> pairs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        return RequestContent.stream("application/x-www-form-urlencoded", bytes.length,
                () -> new ByteArrayInputStream(bytes));
    }
}
