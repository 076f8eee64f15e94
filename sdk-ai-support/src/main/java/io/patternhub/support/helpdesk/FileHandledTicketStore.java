package io.patternhub.support.helpdesk;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link HandledTicketStore} in an append-only text file, one line per event
 * ({@code CLAIMED <id>} or {@code DONE <id> <outcome>}), forced to disk on every write. Small and
 * dependency-free; one process per file. Thread-safe.
 */
public final class FileHandledTicketStore implements HandledTicketStore, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Map<String, State> states = new HashMap<>();

    /**
     * Opens (or creates) the store at {@code file} and reads what it holds.
     *
     * @throws ConfigurationException when the file cannot be opened or is not a store
     */
    public FileHandledTicketStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    load(line);
                }
            }
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot open the handled-ticket store " + file + ": " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
    }

    private void load(String line) {
        if (line.isBlank()) {
            return;
        }
        String[] parts = line.split("\t", 3);
        if (parts.length < 2) {
            throw new ConfigurationException("Not a handled-ticket store line in " + file + ": " + line, ErrorContext.empty());
        }
        String id = unescape(parts[1]);
        switch (parts[0]) {
            case "CLAIMED" -> states.putIfAbsent(id, State.CLAIMED);
            case "DONE" -> states.put(id, State.DONE);
            default -> throw new ConfigurationException("Unknown event '" + parts[0] + "' in " + file, ErrorContext.empty());
        }
    }

    @Override
    public synchronized Optional<State> state(String ticketId) {
        return Optional.ofNullable(states.get(ticketId));
    }

    @Override
    public synchronized boolean claim(String ticketId) {
        if (states.containsKey(ticketId)) {
            return false;
        }
        append("CLAIMED\t" + escape(ticketId));
        states.put(ticketId, State.CLAIMED);
        return true;
    }

    @Override
    public synchronized void complete(String ticketId, String outcome) {
        append("DONE\t" + escape(ticketId) + "\t" + escape(outcome));
        states.put(ticketId, State.DONE);
    }

    private void append(String line) {
        try {
            ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record ticket state in " + file, e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
