package org.openchance.server.forecast;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.ExtensionPoint;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.QueryInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The forecast models the plugins provide, and the calls into them: within the forecast budget (setting {@code
 * openchance.forecast.call-budget}, 30 s by default: a model may simulate), with the answer checked against the
 * contract (one result per period, in order, in the forecast's currency).
 */
@Component
class ForecastModels {

    private final PluginRegistry registry;
    private final Duration budget;

    ForecastModels(PluginRegistry registry, @Value("${openchance.forecast.call-budget:30s}") Duration budget) {
        this.registry = registry;
        this.budget = budget;
    }

    List<Extension<ForecastModel>> all() {
        return registry.extensions(ExtensionPoint.FORECAST);
    }

    Optional<Extension<ForecastModel>> find(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The model, or a VALIDATION error on the argument naming the models there are. */
    Extension<ForecastModel> require(String id, String argument) {
        return find(id).orElseThrow(() -> new QueryInputException(
                argument,
                "no forecast model '" + id + "'; installed: "
                        + all().stream().map(Extension::id).toList()));
    }

    List<PeriodForecast> forecast(Extension<ForecastModel> model, ForecastInput input) {
        List<PeriodForecast> answer =
                registry.call(model.pluginId(), budget, () -> model.service().forecast(input));
        if (answer == null || answer.size() != input.periods().size()) {
            throw new PluginCallException(
                    model.pluginId(),
                    "forecast model '" + model.id() + "' answered " + (answer == null ? "null" : answer.size())
                            + " periods for " + input.periods().size(),
                    null);
        }
        for (int i = 0; i < answer.size(); i++) {
            PeriodForecast p = answer.get(i);
            boolean samePeriod = p != null && p.period().equals(input.periods().get(i));
            boolean sameCurrency = p != null
                    && (p.expected() == null || p.expected().currency().equals(input.currency()));
            if (!samePeriod || !sameCurrency) {
                throw new PluginCallException(
                        model.pluginId(),
                        "forecast model '" + model.id() + "' answered period " + i + " out of order or in another"
                                + " currency than " + input.currency(),
                        null);
            }
        }
        return answer;
    }
}
