package com.bellwether.store;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** When someone changed something, as the messages that name them say it: local time to the minute. */
public final class ChangedAt {

    private ChangedAt() {
    }

    /** "2026-12-02 13:43". */
    public static String text(OffsetDateTime at) {
        return at.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES)
                .toString().replace('T', ' ');
    }
}
