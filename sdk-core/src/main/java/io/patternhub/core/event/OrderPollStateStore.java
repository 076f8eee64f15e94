package io.patternhub.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where {@link PolledOrderEvents} keeps its {@link OrderPollState} between runs. {@link #save} must be
 * durable when it returns. Implementations must be thread-safe.
 */
public interface OrderPollStateStore {

    /**
     * The saved state.
     *
     * @return it, or {@link OrderPollState#initial()} if none was saved
     */
    OrderPollState load();

    /**
     * Replaces the saved state.
     *
     * @param state the new state
     */
    void save(OrderPollState state);

    /**
     * A store in memory, for tests and short-lived processes.
     *
     * @return the store, holding the initial state
     */
    static OrderPollStateStore inMemory() {
        AtomicReference<OrderPollState> ref = new AtomicReference<>(OrderPollState.initial());
        return new OrderPollStateStore() {
            @Override
            public OrderPollState load() {
                return ref.get();
            }

            @Override
            public void save(OrderPollState state) {
                ref.set(Objects.requireNonNull(state, "state"));
            }
        };
    }

    /**
     * A JSON file, replaced atomically on every save (written beside it, synced, then moved).
     *
     * @param file the file; its directory must exist
     * @return the store
     */
    static OrderPollStateStore file(Path file) {
        Objects.requireNonNull(file, "file");
        ObjectMapper mapper = PatternHubJson.newMapper();
        return new OrderPollStateStore() {
            @Override
            public synchronized OrderPollState load() {
                if (!Files.exists(file)) {
                    return OrderPollState.initial();
                }
                try {
                    return mapper.readValue(file.toFile(), OrderPollState.class);
                } catch (IOException e) {
                    throw new ConfigurationException("Cannot read the order poll state " + file + ": " + e.getMessage()
                            + ". Fix or delete the file (deleting it re-emits recent orders once).",
                            ErrorContext.empty(), e);
                }
            }

            @Override
            public synchronized void save(OrderPollState state) {
                Objects.requireNonNull(state, "state");
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                try {
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        ByteBuffer bytes = ByteBuffer.wrap(mapper.writeValueAsBytes(state));
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                        out.force(true);
                    }
                    try {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new ConfigurationException("Cannot save the order poll state to " + file + ": "
                            + e.getMessage(), ErrorContext.empty(), e);
                }
            }
        };
    }
}
