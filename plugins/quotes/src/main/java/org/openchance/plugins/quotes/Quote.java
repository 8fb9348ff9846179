package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One revision of a quote: number and revision name it ({@code Q-2026-00042}, revision 2). */
record Quote(
        UUID id,
        String number,
        int revision,
        UUID opportunityId,
        UUID accountId,
        UUID contactId,
        UUID ownerId,
        UUID priceListId,
        String currency,
        String status,
        LocalDate validUntil,
        String language,
        String customerAddress,
        String contactName,
        String subject,
        String introduction,
        String terms,
        BigDecimal discountPercent,
        String template,
        String rejectReason,
        Instant sentAt,
        Instant decidedAt,
        String createdBy,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    static final String DRAFT = "DRAFT";
    static final String SENT = "SENT";
    static final String ACCEPTED = "ACCEPTED";
    static final String REJECTED = "REJECTED";
    static final String EXPIRED = "EXPIRED";
    static final String SUPERSEDED = "SUPERSEDED";

    /** e.g. "Q-2026-00042 rev 2". */
    String label() {
        return number + " rev " + revision;
    }
}
