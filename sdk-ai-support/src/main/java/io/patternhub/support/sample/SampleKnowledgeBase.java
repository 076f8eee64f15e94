package io.patternhub.support.sample;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.support.kb.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample documentation of the demo catalogue (PH-SEW-001 to PH-CRO-001): help pages on printing,
 * copy shop and projector files, layers, seam allowance, sizing, gauge, abbreviations, downloads and
 * refunds, plus instruction PDFs for several patterns. Shipped inside the module jar so the demo and
 * the evaluation run without any files on disk.
 */
public final class SampleKnowledgeBase {
    private static final String ROOT = "/io/patternhub/support/sample/";

    private SampleKnowledgeBase() {
    }

    /** Every sample document, with ids such as {@code printing-at-home.md} or {@code patterns/juniper-wrap-dress.pdf}. */
    public static List<SourceDocument> documents() {
        List<SourceDocument> out = new ArrayList<>();
        for (String line : new String(read(ROOT + "kb/index.txt"), StandardCharsets.UTF_8).split("\\R")) {
            String id = line.strip();
            if (!id.isEmpty()) {
                out.add(SourceDocument.read(id, open(ROOT + "kb/" + id)));
            }
        }
        return out;
    }

    /** The labelled evaluation questions for the sample documentation, as JSON. */
    public static InputStream dataset() {
        return open(ROOT + "eval/questions.json");
    }

    private static byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = SampleKnowledgeBase.class.getResourceAsStream(resource);
        if (in == null) {
            throw new ConfigurationException("Sample resource missing from the classpath: " + resource,
                    ErrorContext.empty());
        }
        return in;
    }
}
