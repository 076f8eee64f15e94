package io.patternhub.core.http.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A per-connection rate limiter over sliding windows. Each window has {@code permits} slots; a call
 * holds one slot in every window from when it starts until one period after it completed. The
 * platform therefore never receives more than {@code permits} calls in any window of that length,
 * however long the network or the thread scheduler delays them. A pause (from a 429's
 * {@code Retry-After} or an exhausted remaining-quota header) holds back every caller.
 *
 * <p>Thread-safe. Internal: use {@code HttpTransport}.
 */
public final class WindowRateLimiter {
    /** Thrown when a permit would take longer than the caller may wait. */
    public static final class WaitTooLongException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Duration wait;

        WaitTooLongException(Duration wait) {
            super("rate limit wait of " + wait.toMillis() + " ms exceeds the allowed wait", null, false, false);
            this.wait = wait;
        }

        /** How long the caller would have had to wait; unknown waits are reported as the max wait. */
        public Duration waitNeeded() {
            return wait;
        }
    }

    /** A granted permit; give it back with {@link #release(Permit)} when the call completed. */
    public static final class Permit {
        private final Duration waited;
        private boolean released;

        private Permit(Duration waited) {
            this.waited = waited;
        }

        /** How long the caller was held back. */
        public Duration waited() {
            return waited;
        }
    }

    private static final class Window {
        int permits;
        final long periodNanos;
        int inFlight;
        /** When released slots become free again, in release order (hence ascending). */
        final ArrayDeque<Long> freeAt = new ArrayDeque<>();

        Window(int permits, Duration period) {
            this.permits = permits;
            this.periodNanos = period.toNanos();
        }

        void drain(long now) {
            while (!freeAt.isEmpty() && freeAt.peekFirst() - now <= 0) {
                freeAt.pollFirst();
            }
        }

        boolean full() {
            return inFlight + freeAt.size() >= permits;
        }
    }

    private final List<Window> windows = new ArrayList<>();
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long pausedUntil;
    private boolean paused;

    /**
     * @param permits    calls per period, 0 for none
     * @param period     the window length
     * @param dailyQuota calls per rolling 24 hours, 0 for none
     * @param nanoTime   the monotonic clock ({@code System::nanoTime})
     */
    public WindowRateLimiter(int permits, Duration period, long dailyQuota, LongSupplier nanoTime) {
        if (permits > 0) {
            windows.add(new Window(permits, period));
        }
        if (dailyQuota > 0) {
            windows.add(new Window((int) Math.min(Integer.MAX_VALUE, dailyQuota), Duration.ofDays(1)));
        }
        this.nanoTime = nanoTime;
    }

    /**
     * Waits for a slot in every window and for any pause to end.
     *
     * @param maxWait the longest the caller may be held back
     * @throws WaitTooLongException when the wait would exceed {@code maxWait}
     * @throws InterruptedException when interrupted while waiting
     */
    public Permit acquire(Duration maxWait) throws WaitTooLongException, InterruptedException {
        long start = nanoTime.getAsLong();
        long deadline = start + maxWait.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = nanoTime.getAsLong();
                boolean mustWait = false;
                boolean untilRelease = false; // every slot is held by a call still running
                long readyAt = now;
                if (paused && pausedUntil - now > 0) {
                    mustWait = true;
                    readyAt = pausedUntil;
                }
                for (Window w : windows) {
                    w.drain(now);
                    if (w.full()) {
                        mustWait = true;
                        if (w.freeAt.isEmpty()) {
                            untilRelease = true;
                        } else if (w.freeAt.peekFirst() - readyAt > 0) {
                            readyAt = w.freeAt.peekFirst();
                        }
                    }
                }
                if (!mustWait) {
                    windows.forEach(w -> w.inFlight++);
                    return new Permit(Duration.ofNanos(now - start));
                }
                if (readyAt - deadline > 0) {
                    throw new WaitTooLongException(Duration.ofNanos(readyAt - now));
                }
                long until = untilRelease ? deadline : readyAt;
                if (until - now <= 0) {
                    throw new WaitTooLongException(untilRelease ? maxWait : Duration.ofNanos(readyAt - now));
                }
                changed.awaitNanos(until - now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a permit: its slots become free one period from now. Idempotent. */
    public void release(Permit permit) {
        lock.lock();
        try {
            if (permit.released) {
                return;
            }
            permit.released = true;
            long now = nanoTime.getAsLong();
            for (Window w : windows) {
                w.inFlight--;
                w.freeAt.addLast(now + w.periodNanos);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Holds back every caller for {@code duration} from now (extends, never shortens, a pause). */
    public void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        lock.lock();
        try {
            long until = nanoTime.getAsLong() + duration.toNanos();
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
                paused = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Follows the limit the platform reports for a window of {@code period} (Etsy's
     * {@code x-limit-per-second}, for example): the window's permits become {@code limit}. Windows
     * of other lengths, and limits below 1, are ignored.
     */
    public void adjustPermits(Duration period, long limit) {
        if (limit < 1) {
            return;
        }
        lock.lock();
        try {
            long periodNanos = period.toNanos();
            for (Window w : windows) {
                if (w.periodNanos == periodNanos && w.permits != limit) {
                    w.permits = (int) Math.min(Integer.MAX_VALUE, limit);
                    changed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many of this connection's calls a window of {@code period} counts now: those in flight and
     * those completed less than one period ago (every call the platform can have counted in any window
     * of that length ending now).
     *
     * @return the count, or -1 when this limiter has no window of that length
     */
    public int callsCounted(Duration period) {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            long periodNanos = period.toNanos();
            for (Window w : windows) {
                if (w.periodNanos == periodNanos) {
                    w.drain(now);
                    return w.inFlight + w.freeAt.size();
                }
            }
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /** How long callers are currently paused for. */
    public Duration pausedFor() {
        lock.lock();
        try {
            long left = pausedUntil - nanoTime.getAsLong();
            return paused && left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
        } finally {
            lock.unlock();
        }
    }
}
