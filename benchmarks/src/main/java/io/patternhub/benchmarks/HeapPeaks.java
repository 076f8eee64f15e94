package io.patternhub.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap growth of a piece of work, in this JVM: heap in use after a settling GC, then the sum of the
 * heap pools' peak usage (reset just before the work) minus that. The sum of pool peaks over-counts a
 * little (pools peak at different moments), so it is an upper bound.
 */
public final class HeapPeaks {
    private HeapPeaks() {
    }

    /**
     * Settles the heap and resets the peaks; call right before the work.
     *
     * @return heap in use now, in bytes
     */
    public static long start() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        pools().forEach(MemoryPoolMXBean::resetPeakUsage);
        return used;
    }

    /**
     * Peak growth since {@link #start()}.
     *
     * @param startUsed what {@link #start()} returned
     * @return bytes
     */
    public static long growthSince(long startUsed) {
        return pools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - startUsed;
    }

    private static List<MemoryPoolMXBean> pools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
