package io.patternhub.woocommerce;

import io.patternhub.core.event.OrderPollState;
import java.nio.file.Path;

/**
 * The WooCommerce name of {@link io.patternhub.core.event.OrderPollStateStore}, kept so existing code compiles.
 *
 * @deprecated use {@link io.patternhub.core.event.OrderPollStateStore}: the state and its JSON file are
 *     shared by every platform's order events.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface OrderPollStateStore extends io.patternhub.core.event.OrderPollStateStore {

    /**
     * A store in memory.
     *
     * @return the store
     * @deprecated use {@link io.patternhub.core.event.OrderPollStateStore#inMemory()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static OrderPollStateStore inMemory() {
        return of(io.patternhub.core.event.OrderPollStateStore.inMemory());
    }

    /**
     * A JSON file, replaced atomically on every save; files written before are read as they are.
     *
     * @param file the file; its directory must exist
     * @return the store
     * @deprecated use {@link io.patternhub.core.event.OrderPollStateStore#file(Path)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static OrderPollStateStore file(Path file) {
        return of(io.patternhub.core.event.OrderPollStateStore.file(file));
    }

    private static OrderPollStateStore of(io.patternhub.core.event.OrderPollStateStore store) {
        return new OrderPollStateStore() {
            @Override
            public OrderPollState load() {
                return store.load();
            }

            @Override
            public void save(OrderPollState state) {
                store.save(state);
            }
        };
    }
}
