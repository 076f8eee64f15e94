package io.patternhub.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;

/**
 * {@code patternhub serve --port 0} running in-process on a background thread: started and waited for
 * until it prints its address, stopped the way Ctrl-C's shutdown hook stops it (an interrupt).
 */
final class ServeRun implements AutoCloseable {
    private static final java.util.regex.Pattern SERVING = java.util.regex.Pattern.compile("Serving on (http://\\S+) ");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Future<Integer> exit;
    private final String local;

    private ServeRun(Path dir, Map<String, String> env) throws Exception {
        exit = runner.submit(() -> PatternHubCli.execute(new CliContext(env, dir, o, e, false), "serve", "--port", "0"));
        try {
            local = awaitListening();
        } catch (Exception | AssertionError failed) {
            close();
            throw failed;
        }
    }

    /** Starts serve in {@code dir} with {@code env} and returns once it listens. */
    static ServeRun start(Path dir, Map<String, String> env) throws Exception {
        return new ServeRun(dir, env);
    }

    /** The address serve printed, e.g. {@code http://127.0.0.1:54321}. */
    String local() {
        return local;
    }

    /** What serve has printed to standard output so far. */
    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A GET of {@code path} (starting with a slash) on serve's address. */
    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(local + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Stops serve as Ctrl-C's shutdown hook would (an interrupt) and returns its exit code. */
    int stop(Duration wait) throws Exception {
        runner.shutdownNow();
        return exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits (bounded) until {@code condition} holds, e.g. for serve's background worker. */
    void awaitTrue(BooleanSupplier condition, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("serve's worker did not get there: " + output());
            }
            Thread.sleep(20);
        }
    }

    /** Waits (bounded) for the command's "Serving on" line and returns the address in it. */
    private String awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(output());
            if (m.find()) {
                return m.group(1);
            }
            if (exit.isDone()) {
                throw new AssertionError("serve exited early with " + exit.get() + ": " + output());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("serve did not start: " + output());
    }

    @Override
    public void close() {
        runner.shutdownNow();
        o.close();
        e.close();
    }
}
