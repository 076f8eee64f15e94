package io.patternhub.accounting.reconcile.internal;

import io.patternhub.core.Platform;

/**
 * The set of orders seen in a run, kept as 128-bit fingerprints of (channel, order id) in one
 * open-addressed {@code long} array: about 32 bytes per order instead of a string key and a hash-map
 * entry (~150 bytes), so duplicate detection over a million streamed orders stays near 32 MB.
 *
 * <p>Two different orders share a fingerprint with probability about n²/2¹²⁹ (≈10⁻²⁷ for a million
 * orders); were that ever to happen the second would be reported as a duplicate (a loud error, never
 * a silently merged order). Not thread-safe: one per run.
 */
public final class OrderFingerprints {
    private static final int INITIAL_SLOTS = 1 << 10;

    // Slot i holds (slots[2i], slots[2i + 1]): both halves in one cache line, one miss per probe.
    private long[] slots = new long[2 * INITIAL_SLOTS];
    private int size;

    /**
     * Adds an order.
     *
     * @return {@code true} if it was not in the set yet
     */
    public boolean add(Platform channel, String orderId) {
        long h = hash(channel, orderId, 0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L);
        long l = hash(channel, orderId, 0xC2B2AE3D27D4EB4FL, 0x94D049BB133111EBL);
        if (h == 0 && l == 0) {
            l = 1; // (0, 0) marks an empty slot
        }
        if ((size + 1L) * 4 > slots.length) { // keep at most half of the slots full
            grow();
        }
        if (!insert(slots, h, l)) {
            return false;
        }
        size++;
        return true;
    }

    /** How many distinct orders were added. */
    public int size() {
        return size;
    }

    private static boolean insert(long[] slots, long h, long l) {
        int mask = (slots.length >> 1) - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
            if (slots[2 * i] == h && slots[2 * i + 1] == l) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[2 * i] = h;
        slots[2 * i + 1] = l;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0 || slots[i + 1] != 0) {
                insert(bigger, slots[i], slots[i + 1]);
            }
        }
        slots = bigger;
    }

    /** A seeded multiply-xor hash of the key's chars, finished with a 64-bit avalanche mix. */
    private static long hash(Platform channel, String id, long seed, long multiplier) {
        long x = seed ^ (channel.ordinal() + 1L) * multiplier ^ id.length();
        for (int i = 0, n = id.length(); i < n; i++) {
            x = (x ^ id.charAt(i)) * multiplier;
            x ^= x >>> 29;
        }
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        return x;
    }
}
