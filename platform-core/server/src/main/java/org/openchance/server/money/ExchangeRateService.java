package org.openchance.server.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openchance.api.event.EventTypes;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.Validation;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.money.ExchangeRateRow;
import org.openchance.store.money.ExchangeRates;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sets exchange rates against the reporting currency: validated, an {@code exchange-rate.set} event each. */
@Service
public class ExchangeRateService {

    public record SetExchangeRateInput(String currency, BigDecimal rate, LocalDate validFrom) {}

    private final ExchangeRates rates;
    private final ReportingCurrency reporting;
    private final CurrentRates current;
    private final CurrentUser currentUser;
    private final DomainEvents events;

    ExchangeRateService(
            ExchangeRates rates,
            ReportingCurrency reporting,
            CurrentRates current,
            CurrentUser currentUser,
            DomainEvents events) {
        this.rates = rates;
        this.reporting = reporting;
        this.current = current;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Transactional
    public ExchangeRateRow set(SetExchangeRateInput in) {
        Validation v = new Validation();
        v.check(ReportingCurrency.isCode(in.currency()), "input.currency", "must be an ISO 4217 code such as USD");
        v.check(
                !reporting.code().equals(in.currency()),
                "input.currency",
                "is the reporting currency, whose rate is always 1");
        rate(v, in.rate(), "input.rate");
        v.check(in.validFrom() != null, "input.validFrom", "is required");
        v.orThrow();
        ExchangeRateRow row = rates.set(
                reporting.code(),
                new ExchangeRates.Rate(in.currency(), in.validFrom(), in.rate()),
                currentUser.id().orElse(null));
        current.forget();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("baseCurrency", row.base());
        payload.put("currency", row.currency());
        payload.put("rate", row.rate().stripTrailingZeros().toPlainString());
        payload.put("validFrom", row.validFrom().toString());
        events.publish(EventTypes.EXCHANGE_RATE_SET, "ExchangeRate", row.id(), payload);
        return row;
    }

    /** Every rate against the reporting currency, in memory: to convert the amounts of many days. */
    public DatedRates datedRates() {
        return new DatedRates(reporting.code(), rates.all(reporting.code()));
    }

    /** What numeric(24, 10) holds, above 0; shared with the import so both refuse the same rates. */
    public static void rate(Validation v, BigDecimal rate, String field) {
        if (rate == null) {
            v.check(false, field, "is required");
            return;
        }
        v.check(rate.signum() > 0, field, "must be above 0");
        v.check(rate.stripTrailingZeros().scale() <= 10, field, "must have at most 10 decimals");
        v.check(Validation.integerDigits(rate) <= 14, field, "must have at most 14 digits before the decimal point");
    }
}
