package org.openchance.plugins.quotes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openchance.api.event.EventTypes;
import org.openchance.api.host.EventPublisher;
import org.openchance.api.host.PluginSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Expires sent quotes whose valid-until day has passed, every {@code expiry-check-seconds} (setting, 600). The update
 * is one statement, so with several servers sweeping, each quote is expired, and {@code quote.expired} published, by
 * exactly one of them.
 */
@Component(immediate = true)
public class QuoteExpiry {

    private static final System.Logger LOG = System.getLogger(QuoteExpiry.class.getName());

    private final QuoteStore quotes;
    private final EventPublisher events;
    private final PluginSettings settings;
    private final ScheduledExecutorService timer;
    private volatile Instant lastSweep = Instant.EPOCH;

    @Activate
    public QuoteExpiry(
            @Reference QuoteStore quotes, @Reference EventPublisher events, @Reference PluginSettings settings) {
        this.quotes = quotes;
        this.events = events;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quotes-expiry");
            t.setDaemon(true);
            return t;
        });
        // a short tick; the setting, read each time, says how often the sweep itself runs
        timer.scheduleWithFixedDelay(this::tick, 2, 2, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void tick() {
        int every = Math.max(1, settings.getInt("expiry-check-seconds", 600));
        if (Instant.now().isBefore(lastSweep.plusSeconds(every))) {
            return;
        }
        lastSweep = Instant.now();
        try {
            sweep(LocalDate.now());
        } catch (Exception e) { // the next tick tries again
            LOG.log(System.Logger.Level.WARNING, "the quote expiry sweep failed", e);
        }
    }

    /** @return how many quotes expired */
    int sweep(LocalDate today) throws java.sql.SQLException {
        int expired = 0;
        for (Quote q : quotes.expire(today)) {
            expired++;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("number", q.number());
            payload.put("revision", q.revision());
            payload.put("status", q.status());
            payload.put("validUntil", q.validUntil().toString());
            payload.put("opportunityRecordId", q.opportunityId().toString());
            try {
                events.publish(EventTypes.QUOTE_EXPIRED, QuoteSchema.TYPE, q.id(), payload);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "quote.expired for " + q.label() + " not published", e);
            }
        }
        return expired;
    }
}
