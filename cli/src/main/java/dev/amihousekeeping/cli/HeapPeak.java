package dev.amihousekeeping.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak heap of one bench phase: the heap pools' peak usage, reset (after a GC, so that the previous phase's
 * garbage is not counted) before the phase and summed after it. The pools peak at different moments, so the sum is
 * an upper bound of the heap ever in use at once; it is what a Lambda memory size must leave room for.
 */
final class HeapPeak {

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
            .toList();

    void reset() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    long peakBytes() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
