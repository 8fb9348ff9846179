package org.openchance.server.money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.store.money.ExchangeRateRow;
import org.openchance.store.money.ExchangeRates;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.RowsById;
import org.openchance.store.page.SortKey;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class ExchangeRateController {

    record ExchangeRatePayload(ExchangeRateRow exchangeRate, List<UserError> errors) {}

    /** By currency, then newest first (the unique index of base, currency and day serves it). */
    private static final List<SortKey> BY_CURRENCY_NEWEST = List.of(
            new SortKey("currency", SortKey.ValueType.TEXT, false),
            new SortKey("valid_from", SortKey.ValueType.DATE, true),
            SortKey.id(false));

    private final ExchangeRates rates;
    private final ExchangeRateService service;
    private final ReportingCurrency reporting;
    private final RowsById<UserRow> userRows;

    ExchangeRateController(
            ExchangeRates rates, ExchangeRateService service, ReportingCurrency reporting, RowsById<UserRow> userRows) {
        this.rates = rates;
        this.service = service;
        this.reporting = reporting;
        this.userRows = userRows;
    }

    @QueryMapping
    String reportingCurrency() {
        return reporting.code();
    }

    @QueryMapping
    Connection<ExchangeRateRow> exchangeRates(
            @Argument String currency, @Argument Integer first, @Argument String after) {
        if (currency != null && !ReportingCurrency.isCode(currency)) {
            throw new QueryInputException("currency", "must be an ISO 4217 code such as USD");
        }
        String list = "exchangeRates:" + (currency == null ? "*" : currency);
        PageRequest page = Pages.request(list, BY_CURRENCY_NEWEST, first, after);
        String base = reporting.code();
        return Pages.connection(
                list,
                page,
                rates.page(base, currency, page),
                rates::byIds,
                ExchangeRateRow::id,
                () -> rates.count(base, currency));
    }

    @MutationMapping
    ExchangeRatePayload setExchangeRate(@Argument ExchangeRateService.SetExchangeRateInput input) {
        return Mutations.run(() -> service.set(input), ExchangeRatePayload::new);
    }

    @SchemaMapping(typeName = "ExchangeRate", field = "baseCurrency")
    String baseCurrency(ExchangeRateRow row) {
        return row.base();
    }

    /** numeric(24, 10) answers ten decimals; the API shows the rate as it was given. */
    @SchemaMapping(typeName = "ExchangeRate", field = "rate")
    BigDecimal rate(ExchangeRateRow row) {
        BigDecimal stripped = row.rate().stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @BatchMapping(typeName = "ExchangeRate", field = "setBy")
    Map<ExchangeRateRow, UserRow> setBy(List<ExchangeRateRow> list) {
        return Batches.byKey(list, ExchangeRateRow::setBy, userRows::find, UserRow::id);
    }
}
