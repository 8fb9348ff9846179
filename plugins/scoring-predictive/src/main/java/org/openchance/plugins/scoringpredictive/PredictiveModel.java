package org.openchance.plugins.scoringpredictive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Trains the win model from the closed opportunities (at start, on demand, and on a schedule: setting
 * {@code retrain-hours}, default 24) and offers it as the scoring strategy {@code predictive} only while a model
 * exists: with too little history there is no strategy and no invented number, and {@code predictiveModel} says why.
 */
@Component(service = PredictiveModel.class)
public class PredictiveModel {

    static final String STRATEGY_ID = "predictive";

    /** What the API shows of the model. */
    record Status(String state, String message, WinModel model) {}

    private final OpportunityReader opportunities;
    private final PluginSettings settings;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "scoring-predictive-training");
        thread.setDaemon(true);
        return thread;
    });
    private BundleContext context;
    private ServiceRegistration<ScoringStrategy> registration;
    private volatile Status status = new Status("TRAINING", "The first training has not finished yet", null);

    @Activate
    public PredictiveModel(@Reference OpportunityReader opportunities, @Reference PluginSettings settings) {
        this.opportunities = opportunities;
        this.settings = settings;
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        long hours = Math.max(1, settings.getInt("retrain-hours", 24));
        schedule.scheduleWithFixedDelay(this::retrainQuietly, 0, hours, TimeUnit.HOURS);
    }

    @Deactivate
    synchronized void deactivate() {
        schedule.shutdownNow();
        unregister();
    }

    Status status() {
        return status;
    }

    /**
     * Starts a training in the background (reading 100,000 closed opportunities takes longer than a plugin call may);
     * the current model keeps scoring meanwhile. Returns the status with state TRAINING.
     */
    Status retrainInBackground() {
        Status current = status;
        Status training =
                new Status("TRAINING", "Training started; the current model scores meanwhile", current.model());
        status = training;
        schedule.execute(this::retrainQuietly);
        return training;
    }

    /** Trains now from every closed opportunity; returns the new status. */
    synchronized Status retrain() {
        List<OpportunitySnapshot> closed = new ArrayList<>();
        for (String outcome : List.of("WON", "LOST")) {
            String after = null;
            OpportunityReader.Page page;
            do {
                page = opportunities.opportunities(outcome, null, 100, after);
                closed.addAll(page.items());
                after = page.endCursor();
            } while (page.hasNext());
        }
        try {
            WinModel model = WinModel.train(closed, settings.getInt("seed", 42), Instant.now());
            status = new Status(
                    "READY", "Trained on " + model.quality().trainingSize() + " closed opportunities", model);
            register();
        } catch (WinModel.NotEnoughHistory e) {
            status = new Status("NOT_ENOUGH_HISTORY", e.getMessage(), null);
            unregister();
        }
        return status;
    }

    private void retrainQuietly() {
        try {
            retrain();
        } catch (RuntimeException e) {
            status = new Status("FAILED", "Training failed: " + e.getMessage(), status.model());
        }
    }

    private synchronized void register() {
        if (registration == null && context != null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(ScoringStrategy.ID, STRATEGY_ID);
            registration = context.registerService(ScoringStrategy.class, new Strategy(), properties);
        }
    }

    private synchronized void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    /** The strategy the host sees: always the latest model. */
    private final class Strategy implements ScoringStrategy {
        @Override
        public String name() {
            return "Win probability (learned)";
        }

        @Override
        public Score score(OpportunitySnapshot opportunity) {
            WinModel model = status.model();
            if (model == null) {
                throw new IllegalStateException("No model"); // not registered then; a race with retraining at most
            }
            return model.score(opportunity);
        }

        /** Each training makes a new model, so scores from an older one are recomputed. */
        @Override
        public String revision() {
            WinModel model = status.model();
            return model == null ? "none" : model.trainedAt().toString();
        }
    }
}
