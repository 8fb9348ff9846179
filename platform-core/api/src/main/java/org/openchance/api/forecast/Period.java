package org.openchance.api.forecast;

import java.time.LocalDate;

/** A forecast period, both days included. */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("A period ends on or after it starts: " + from + " to " + to);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
