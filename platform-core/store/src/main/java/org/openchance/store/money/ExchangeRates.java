package org.openchance.store.money;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The exchange rate table: set one, import many, page them, and the rates valid on a day. */
public final class ExchangeRates {

    /** One rate of an import: 1 base = {@code rate} {@code currency} from {@code validFrom}. */
    public record Rate(String currency, LocalDate validFrom, BigDecimal rate) {}

    private static final String COLUMNS = """
            r.id, r.base, r.currency, r.valid_from, r.rate, r.set_at, r.set_by,
            (select min(n.valid_from) from exchange_rate n
             where n.base = r.base and n.currency = r.currency and n.valid_from > r.valid_from) as valid_until""";

    private static final String UPSERT = """
            insert into exchange_rate (base, currency, valid_from, rate, set_by)
            values (:base, :currency, :validFrom, :rate, :setBy)
            on conflict (base, currency, valid_from) do update
                set rate = excluded.rate, set_at = now(), set_by = excluded.set_by""";

    private final NamedParameterJdbcTemplate jdbc;
    private final KeysetQuery keyset;

    public ExchangeRates(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.keyset = new KeysetQuery(dataSource);
    }

    /** Sets the rate of a currency from a day on (replacing one set for the same day); the stored row. */
    public ExchangeRateRow set(String base, Rate rate, UUID setBy) {
        jdbc.update(UPSERT, params(base, rate, setBy));
        return find(base, rate.currency(), rate.validFrom()).orElseThrow();
    }

    /** Writes rates in one batch statement (same-day rates are replaced); how many were written. */
    public int setAll(String base, List<Rate> rates, UUID setBy) {
        if (rates.isEmpty()) {
            return 0;
        }
        jdbc.batchUpdate(UPSERT, rates.stream().map(r -> params(base, r, setBy)).toArray(MapSqlParameterSource[]::new));
        return rates.size();
    }

    public Optional<ExchangeRateRow> find(String base, String currency, LocalDate validFrom) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from exchange_rate r"
                                + " where r.base = :base and r.currency = :currency and r.valid_from = :validFrom",
                        Map.of("base", base, "currency", currency, "validFrom", validFrom),
                        ExchangeRates::row)
                .stream()
                .findFirst();
    }

    /** A page of the base's rates, of one currency or all (null). */
    public PageRows page(String base, String currency, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("base", base);
        String where = "base = :base";
        if (currency != null) {
            where += " and currency = :currency";
            params.put("currency", currency);
        }
        return keyset.page("exchange_rate", where, params, page);
    }

    public long count(String base, String currency) {
        Map<String, Object> params = new HashMap<>();
        params.put("base", base);
        params.put("currency", currency);
        return keyset.count(
                "exchange_rate", "base = :base and (cast(:currency as text) is null or currency = :currency)", params);
    }

    public List<ExchangeRateRow> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select " + COLUMNS + " from exchange_rate r where r.id in (:ids)",
                Map.of("ids", ids),
                ExchangeRates::row);
    }

    /**
     * Per currency, the rate valid on the day (the latest one from that day or before); currencies without one are
     * absent. One index probe per currency of the base: the currencies come from a skip scan of the unique index.
     */
    public Map<String, BigDecimal> validOn(String base, LocalDate day) {
        Map<String, BigDecimal> rates = new TreeMap<>();
        jdbc.query("""
                with recursive currencies(code) as (
                    select min(currency) from exchange_rate where base = :base
                    union all
                    select (select min(currency) from exchange_rate where base = :base and currency > code)
                    from currencies where code is not null)
                select c.code, (select r.rate from exchange_rate r
                                where r.base = :base and r.currency = c.code and r.valid_from <= :day
                                order by r.valid_from desc limit 1) as rate
                from currencies c where c.code is not null""", Map.of("base", base, "day", day), rs -> {
            BigDecimal rate = rs.getBigDecimal("rate");
            if (rate != null) {
                rates.put(rs.getString("code"), rate);
            }
        });
        return rates;
    }

    /** Every rate of the base, by currency then day: for converting amounts of many days in memory. */
    public List<Rate> all(String base) {
        return jdbc.query(
                "select currency, valid_from, rate from exchange_rate where base = :base order by currency, valid_from",
                Map.of("base", base),
                (rs, n) -> new Rate(
                        rs.getString("currency"),
                        rs.getObject("valid_from", LocalDate.class),
                        rs.getBigDecimal("rate")));
    }

    private static MapSqlParameterSource params(String base, Rate rate, UUID setBy) {
        return new MapSqlParameterSource()
                .addValue("base", base)
                .addValue("currency", rate.currency())
                .addValue("validFrom", rate.validFrom())
                .addValue("rate", rate.rate())
                .addValue("setBy", setBy);
    }

    private static ExchangeRateRow row(ResultSet rs, int i) throws SQLException {
        Date until = rs.getDate("valid_until");
        Timestamp setAt = rs.getTimestamp("set_at");
        return new ExchangeRateRow(
                rs.getObject("id", UUID.class),
                rs.getString("base"),
                rs.getString("currency"),
                rs.getDate("valid_from").toLocalDate(),
                until == null ? null : until.toLocalDate(),
                rs.getBigDecimal("rate"),
                setAt.toInstant(),
                rs.getObject("set_by", UUID.class));
    }
}
