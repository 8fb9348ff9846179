package org.openchance.store.opportunity;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The discount of each deal's latest sent or accepted quote, as a quotes plugin reports it: a new row per change, so
 * the value of any past moment can be read back ({@link ClosedOpportunityQuery} averages it).
 */
public final class QuotedDiscounts {

    /** The latest value of each deal set before {@code :asOf}, or now when {@code when} is "true"; SQL to alias. */
    private static String latest(String when) {
        return """
                (select distinct on (opportunity_id) opportunity_id, discount_percent from opportunity_discount
                 where %s order by opportunity_id, set_at desc, id desc)""".formatted(when);
    }

    /** The latest value of each deal, as SQL aliased by the caller. */
    static final String LATEST = latest("true");

    /** The latest value of each deal set before {@code :asOf}. */
    static final String LATEST_AS_OF = latest("set_at < :asOf");

    private final JdbcTemplate jdbc;

    public QuotedDiscounts(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records the deal's discount (null: none any more) unless it is that already (two calls at once may both write:
     * the later row counts, the same value twice does no harm).
     *
     * @return whether it changed
     */
    public boolean set(UUID opportunityId, BigDecimal percent, UUID by, Instant at) {
        List<BigDecimal> latest = jdbc.query(
                "select discount_percent from opportunity_discount where opportunity_id = ?"
                        + " order by set_at desc, id desc limit 1",
                (rs, n) -> rs.getBigDecimal(1),
                opportunityId);
        boolean unchanged = latest.isEmpty()
                ? percent == null
                : latest.get(0) == null
                        ? percent == null
                        : percent != null && latest.get(0).compareTo(percent) == 0;
        if (unchanged) {
            return false;
        }
        jdbc.update(
                "insert into opportunity_discount (opportunity_id, discount_percent, set_at, set_by) values (?, ?, ?, ?)",
                opportunityId,
                percent,
                Timestamp.from(at),
                by);
        return true;
    }
}
