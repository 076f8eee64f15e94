package io.patternhub.hub.csv.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.patternhub.hub.csv.CsvImportException;
import io.patternhub.hub.csv.RejectedRow;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads CSV records (RFC 4180 quoting, values spanning lines, a leading byte order mark) with the line
 * each record starts on. A file that breaks the quoting rules cannot be read past the break, so that
 * fails the whole import with the line.
 */
public final class CsvRowReader {
    private static final char BOM = '\uFEFF';
    private final CsvFactory factory = CsvFactory.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    private final char delimiter;

    public CsvRowReader(char delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * Every record of the file.
     *
     * @param reader the text; not closed
     * @return the records in file order
     * @throws CsvImportException if the file is not valid CSV or cannot be read
     */
    public List<CsvRow> readAll(Reader reader) {
        List<CsvRow> rows = new ArrayList<>();
        long line = 0;
        try (CsvParser parser = (CsvParser) factory.createParser(skipBom(reader))) {
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            List<String> values = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    values = new ArrayList<>();
                } else if (token == JsonToken.VALUE_STRING && values != null) {
                    if (values.isEmpty()) {
                        // The row starts where its first value does (START_ARRAY is placed before the line break).
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    values.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY && values != null) {
                    rows.add(new CsvRow(line, values));
                    values = null;
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long where = at == null ? line : at.getLineNr();
            throw new CsvImportException("the file is not valid CSV and cannot be read past line " + where,
                    List.of(new RejectedRow(where, Optional.empty(), Optional.empty(),
                            "malformed CSV (check for an unclosed quote): " + e.getOriginalMessage())), e);
        } catch (IOException e) {
            throw new CsvImportException("the file could not be read",
                    List.of(new RejectedRow(line, Optional.empty(), Optional.empty(), e.toString())), e);
        }
        return rows;
    }

    private static Reader skipBom(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first != -1 && first != BOM) {
            in.unread(first);
        }
        return in;
    }
}
