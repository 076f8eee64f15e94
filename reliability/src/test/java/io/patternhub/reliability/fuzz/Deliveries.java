package io.patternhub.reliability.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads fuzz input as an HTTP-like delivery: {@code name: value} header lines, a blank line, then
 * the body bytes. Seeds are therefore readable files; any bytes still make some delivery.
 */
record Deliveries(Map<String, String> headers, byte[] body) {
    static Deliveries parse(byte[] input) {
        int split = indexOf(input, new byte[] {'\n', '\n'});
        int bodyStart = split < 0 ? input.length : split + 2;
        String head = new String(input, 0, split < 0 ? input.length : split, StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // as HTTP header names
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        byte[] body = new byte[input.length - bodyStart];
        System.arraycopy(input, bodyStart, body, 0, body.length);
        return new Deliveries(headers, body);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
