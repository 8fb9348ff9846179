package org.openchance.server.graphql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** {@code DateTime} values of the API: stored instants shown in UTC with their offset. */
public final class DateTimes {

    private DateTimes() {}

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
