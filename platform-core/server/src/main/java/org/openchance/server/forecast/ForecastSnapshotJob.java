package org.openchance.server.forecast;

import java.time.Duration;
import java.time.Instant;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.pluginhost.Extension;
import org.openchance.server.support.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records each model's forecast once a week: every {@code openchance.forecast.snapshot-check} (1 hour; the first
 * after {@code openchance.forecast.snapshot-initial-delay}, 10 minutes, when the plugins have started) it takes the
 * week's snapshot of each model that has none yet. With several servers, one takes each.
 */
@Component
class ForecastSnapshotJob implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastSnapshotJob.class);

    private final ForecastSnapshotService snapshots;
    private final ForecastModels models;
    private final Instant first;
    private final BackgroundWorker worker;

    ForecastSnapshotJob(
            ForecastSnapshotService snapshots,
            ForecastModels models,
            @Value("${openchance.forecast.snapshot-check:PT1H}") Duration interval,
            @Value("${openchance.forecast.snapshot-initial-delay:PT10M}") Duration initialDelay) {
        this.snapshots = snapshots;
        this.models = models;
        this.first = Instant.now().plus(initialDelay);
        this.worker = new BackgroundWorker("openchance-forecast-snapshots", interval, this::round);
    }

    private int round() {
        if (Instant.now().isBefore(first)) {
            return 0;
        }
        for (Extension<ForecastModel> model : models.all()) {
            try {
                int rows = snapshots.takeWeekly(model.id());
                if (rows > 0) {
                    LOG.info("Recorded this week's forecast of model {}: {} rows", model.id(), rows);
                }
            } catch (RuntimeException e) {
                LOG.warn("This week's forecast of model {} could not be recorded; trying again later", model.id(), e);
            }
        }
        return 0;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
