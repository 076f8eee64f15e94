package io.patternhub.hub;

import io.patternhub.hub.notify.NewVersionAnnouncer;
import io.patternhub.hub.sync.SyncReport;
import java.util.List;

/**
 * What {@link PatternHub#syncAndAnnounce()} did.
 *
 * @param sync      the sync run
 * @param announced the new versions announced to past buyers (and by a {@code pattern.updated} event)
 */
public record PublishReport(SyncReport sync, List<NewVersionAnnouncer.AnnouncedVersion> announced) {

    public PublishReport {
        announced = List.copyOf(announced);
    }
}
