package io.patternhub.examples.cli.progress;

import io.patternhub.hub.sync.SyncProgress;
import io.patternhub.hub.sync.SyncProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Progress bars on a terminal (me.tongfei:progressbar), one per task or storefront. Thread-safe. */
final class BarProgress implements Progress {
    private final PrintStream err;
    private final Map<String, ProgressBar> syncBars = new ConcurrentHashMap<>();

    BarProgress(PrintStream err) {
        this.err = err;
    }

    private ProgressBar bar(String name, long total) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(100).continuousUpdate().build();
    }

    @Override
    public Task task(String name, long total) {
        ProgressBar bar = bar(name, total);
        return new Task() {
            @Override
            public void update(long done, String detail) {
                bar.stepTo(done);
                bar.setExtraMessage(detail);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    @Override
    public SyncProgressListener syncListener() {
        return this::onSync;
    }

    private void onSync(SyncProgress p) {
        switch (p.event()) {
            case STARTED -> syncBars.computeIfAbsent(p.storefrontId(), id -> bar(id, Math.max(p.total(), 0)));
            case PATTERN_DONE, PATTERN_FAILED -> {
                ProgressBar b = syncBars.get(p.storefrontId());
                if (b != null) {
                    b.stepTo(p.completed() + p.failed());
                    b.setExtraMessage(p.failed() > 0 ? p.failed() + " failed" : p.sku().orElse(""));
                }
            }
            case FINISHED -> {
                ProgressBar b = syncBars.remove(p.storefrontId());
                if (b != null) {
                    b.close();
                }
            }
            default -> {
            }
        }
    }
}
