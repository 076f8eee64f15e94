package io.patternhub.reliability.crash;

import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.RequestValidator;
import io.patternhub.testkit.SandboxRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Installed on the sandbox as a request validator (it sees every routed request before the handler):
 * when the armed write request (POST, PUT, PATCH, DELETE) arrives it SIGKILLs the child process and
 * waits until it is gone. Writes are what a crash can duplicate or lose; a kill at a write that is
 * {@linkplain Mode#LOST lost} stands for a kill anywhere between the previous answer and that write.
 * Then either the request still {@linkplain Mode#LANDS lands} (the handler runs: the write happened,
 * the dead process never learnt it) or it is {@linkplain Mode#LOST lost} (answered 400 to the dead
 * socket without running the handler, as if the process died while sending it). Thread-safe.
 */
final class KillSwitch implements RequestValidator {
    /** What happens to the request the kill is triggered by. */
    enum Mode { LANDS, LOST }

    /** One kill: the write (counted from the first) it happened at and what became of that write. */
    record Kill(long writeNumber, String request, Mode mode, int exitCode) {
    }

    private long seen;
    private Process armed;
    private long killAt;
    private Mode mode;
    private Kill fired;

    /**
     * Arms the switch for one child.
     *
     * @param child the process to kill
     * @param after kill when this many more writes have arrived (the last of them is the trigger)
     * @param mode  what becomes of the trigger request
     */
    synchronized void arm(Process child, long after, Mode mode) {
        if (after < 1) {
            throw new IllegalArgumentException("after must be at least 1, was " + after);
        }
        this.armed = child;
        this.killAt = seen + after;
        this.mode = mode;
        this.fired = null;
    }

    /** The kill since the last {@link #arm}, if it happened. */
    synchronized Optional<Kill> fired() {
        return Optional.ofNullable(fired);
    }

    @Override
    public synchronized List<ValidationError> validate(SandboxRequest request) {
        if (!request.isWrite()) {
            return List.of();
        }
        seen++;
        if (armed == null || seen < killAt) {
            return List.of();
        }
        Process child = armed;
        armed = null;
        // destroyForcibly() is kill(pid, SIGKILL) on Linux; the exit code (128 + 9) proves it below
        child.destroyForcibly();
        int exit;
        try {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child " + child.pid() + " survived SIGKILL for 30 s");
            }
            exit = child.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the child", e);
        }
        fired = new Kill(seen, request.method() + " " + request.path(), mode, exit);
        return mode == Mode.LANDS ? List.of()
                : List.of(new ValidationError("request", "lost", "the sender was killed while sending this"));
    }
}
