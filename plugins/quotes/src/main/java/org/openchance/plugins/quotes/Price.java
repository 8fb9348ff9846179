package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.util.UUID;

/** A product's unit price in a list from a quantity on (the quantity breaks of one product are several prices). */
record Price(UUID priceListId, UUID productId, BigDecimal minQuantity, BigDecimal unitPrice) {}
