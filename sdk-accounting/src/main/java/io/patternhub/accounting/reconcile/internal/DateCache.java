package io.patternhub.accounting.reconcile.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The local date and month of instants in one zone, remembering the last day seen: streamed orders
 * come roughly in time order, so most lookups fall on the same day and skip the zone-rules arithmetic.
 * Not thread-safe: one per run.
 */
final class DateCache {
    private final ZoneId zone;
    private long from = 1;
    private long until = 0; // empty window until the first lookup
    private LocalDate date;
    private YearMonth month;

    DateCache(ZoneId zone) {
        this.zone = zone;
    }

    LocalDate date(Instant at) {
        load(at);
        return date;
    }

    YearMonth month(Instant at) {
        load(at);
        return month;
    }

    private void load(Instant at) {
        long second = at.getEpochSecond();
        if (second >= from && second < until) {
            return;
        }
        date = LocalDate.ofInstant(at, zone);
        month = YearMonth.from(date);
        from = date.atStartOfDay(zone).toEpochSecond();
        until = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
    }
}
