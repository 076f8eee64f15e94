package io.patternhub.benchmarks;

import java.util.Arrays;

/**
 * Entry point of every benchmark: {@code Bench <name> [args]}. Names: {@code webhook}, {@code erasure}, {@code reconcile}, {@code upload}, {@code retrieval}, {@code sync},
 * {@code jmh} (the rest of the arguments go to JMH's own command line).
 */
public final class Bench {
    private Bench() {
    }

    /**
     * Runs one benchmark.
     *
     * @param args the benchmark name, then its arguments
     * @throws Exception when the benchmark fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Name a benchmark: webhook, erasure, reconcile, upload, retrieval, sync or jmh");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        System.out.println(Machine.describe());
        switch (args[0]) {
            case "webhook" -> WebhookIngestBench.main(rest);
            case "erasure" -> ErasureBench.main(rest);
            case "reconcile" -> ReconcileBench.main(rest);
            case "upload" -> UploadBench.main(rest);
            case "retrieval" -> RetrievalBench.main(rest);
            case "sync" -> SyncBench.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> throw new IllegalArgumentException("Unknown benchmark '" + args[0]
                    + "'; known: webhook, erasure, reconcile, upload, retrieval, sync, jmh");
        }
    }
}
