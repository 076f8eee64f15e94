package io.patternhub.hub.csv;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample exports shipped in test resources. */
final class Samples {
    private Samples() {
    }

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/io/patternhub/hub/csv/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImportReport load(CsvMapping mapping, String sample) {
        return CsvSalesImporter.builder().mapping(mapping).build()
                .importFrom(new java.io.StringReader(text(sample)));
    }
}
