package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.util.UUID;

/** A competitor in one deal: how far they are in it, how dangerous, their price, and what we know of them there. */
record CompetitorLink(
        UUID opportunityId,
        UUID competitorId,
        String status,
        String threatLevel,
        boolean incumbent,
        BigDecimal priceAmount,
        String priceCurrency,
        String pricePosition,
        String strengths,
        String weaknesses,
        String note,
        int version) {}
