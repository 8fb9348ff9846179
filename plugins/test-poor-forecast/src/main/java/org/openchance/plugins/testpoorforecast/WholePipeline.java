package org.openchance.plugins.testpoorforecast;

import java.math.BigDecimal;
import java.util.List;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.service.component.annotations.Component;

/** Deliberately poor: every open deal's whole amount in every period, as if each were won in each. */
@Component(service = ForecastModel.class, property = ForecastModel.ID + "=whole-pipeline")
public class WholePipeline implements ForecastModel {

    @Override
    public String name() {
        return "Whole pipeline (test)";
    }

    @Override
    public List<PeriodForecast> forecast(ForecastInput input) {
        BigDecimal all = input.open().stream()
                .map(OpportunitySnapshot::amount)
                .filter(java.util.Objects::nonNull)
                .map(Money::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return input.periods().stream()
                .map(p -> PeriodForecast.of(p, new Money(all, input.currency()), "every open deal, whole"))
                .toList();
    }
}
