package io.patternhub.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** Describes the machine a figure was measured on, for the record. */
public final class Machine {
    private Machine() {
    }

    /**
     * One line: processors, physical memory, JDK and maximum heap.
     *
     * @return the description
     */
    public static String describe() {
        long physical = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        return String.format("machine: nproc=%d, memory=%d MiB, JDK %s (%s), max heap %d MiB",
                Runtime.getRuntime().availableProcessors(), physical >> 20, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20);
    }
}
