package io.patternhub.woocommerce;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a large push through WooCommerce's batch endpoints: one entry per input, in input
 * order, each a success or a per-item error (WooCommerce answers a batch with 200 even when some
 * items failed). Immutable.
 *
 * @param items      one outcome per input
 * @param batchCalls how many batch requests were sent (each at most 100 objects)
 * @param <T>        the success type
 */
public record BatchResult<T>(List<Item<T>> items, int batchCalls) {

    public BatchResult {
        items = List.copyOf(items);
    }

    /** The successes, in input order. */
    public List<T> succeeded() {
        return items.stream().filter(i -> i.value().isPresent()).map(i -> i.value().get()).toList();
    }

    /** The failures, in input order. */
    public List<Item<T>> failed() {
        return items.stream().filter(i -> i.error().isPresent()).toList();
    }

    /** Whether every item succeeded. */
    public boolean allSucceeded() {
        return failed().isEmpty();
    }

    /**
     * One input's outcome.
     *
     * @param index the input's position
     * @param key   what identifies the input (a SKU, a product id)
     * @param value the result, on success
     * @param error WooCommerce's error, on failure
     * @param <T>   the success type
     */
    public record Item<T>(int index, String key, Optional<T> value, Optional<ItemError> error) {
        public Item {
            Objects.requireNonNull(key, "key");
            if (value.isPresent() == error.isPresent()) {
                throw new IllegalArgumentException("an item is either a success or an error");
            }
        }
    }

    /**
     * WooCommerce's error for one item: {@code {"code","message","data":{"status"}}}.
     *
     * @param code    e.g. {@code product_invalid_sku}
     * @param message the message
     * @param status  the HTTP status WooCommerce gave the item
     */
    public record ItemError(String code, String message, int status) {
    }
}
