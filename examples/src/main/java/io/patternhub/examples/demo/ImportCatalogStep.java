package io.patternhub.examples.demo;

import io.patternhub.core.model.Pattern;
import io.patternhub.hub.catalog.CatalogFolderReader;
import io.patternhub.hub.catalog.ImportReport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Copies the sample catalog out of the classpath and imports it into the hub. */
final class ImportCatalogStep implements DemoStep {
    /** Where the sample catalog lives on the classpath; {@code INDEX} lists its files. */
    static final String SAMPLE = "/io/patternhub/examples/sample-catalog/";

    @Override
    public String title() {
        return "Import the sample catalog";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws IOException {
        Path dir = world.catalogDir();
        int files = copySampleCatalog(dir);
        List<Pattern> patterns = new CatalogFolderReader().read(dir);
        patterns.forEach(p -> world.patterns().put(p.sku(), p));
        ImportReport report = world.catalog().importFolder(dir, true);
        long pdfs = patterns.stream().mapToLong(p -> p.files().size()).sum();
        long sewing = patterns.stream().filter(p -> p.craft().name().equals("SEWING")).count();
        long knitting = patterns.stream().filter(p -> p.craft().name().equals("KNITTING")).count();
        world.summary().set("patterns.imported", report.added().size());
        world.summary().set("files.imported", pdfs);
        log.say("copied %d files to %s", files, dir);
        log.say("imported %d patterns (%d sewing, %d knitting, %d other) with %d PDF files",
                report.added().size(), sewing, knitting, patterns.size() - sewing - knitting, pdfs);
    }

    /**
     * Copies the sample catalog into a folder.
     *
     * @param dir the target folder (created)
     * @return how many files were copied
     * @throws IOException if a file cannot be written
     */
    static int copySampleCatalog(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream index = ImportCatalogStep.class.getResourceAsStream(SAMPLE + "INDEX")) {
            if (index == null) {
                throw new IOException("the sample catalog index is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
        }
        for (String name : names) {
            Path target = dir.resolve(name).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("sample catalog entry leaves the folder: " + name);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = ImportCatalogStep.class.getResourceAsStream(SAMPLE + name)) {
                if (in == null) {
                    throw new IOException("sample catalog file missing from the classpath: " + name);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return names.size();
    }
}
