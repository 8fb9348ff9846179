package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.event.RetentionJob;
import org.openchance.store.event.Retention;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox does not grow forever: old events nothing waits for, old webhook deliveries, dead letters of old events
 * and the subscriptions of listeners gone for long are removed; what is recent, still waited for, or a listener of
 * this server stays; with another server sweeping, this one does nothing.
 */
@ServerTest(
        properties = {
            "openchance.retention.initial-delay=PT1H", // swept by the test, not by the job's own clock
            "openchance.retention.batch=2" // several batches per kind
        })
class RetentionIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RetentionJob job;

    @Autowired
    EventDispatcher dispatcher;

    @Test
    void oldEventsDeliveriesDeadLettersAndGoneListenersAreRemovedTheRestStays() throws Exception {
        long oldFree1 = event("100 days"); // nothing waits: goes
        long oldFree2 = event("95 days");
        long oldFree3 = event("91 days");
        long oldWaited = event("120 days"); // still pending for a listener: stays
        long oldDead = event("100 days"); // its dead letter goes (older than 30 days), then the event
        long recent = event("1 day");
        String gone = "plugin-gone-" + UUID.randomUUID();
        String waiting = "plugin-waiting-" + UUID.randomUUID();
        subscribe(gone, "40 days");
        subscribe(waiting, "1 hour");
        pending(waiting, oldWaited, false);
        pending(waiting, oldDead, true);
        pending(gone, recent, false); // goes with its listener
        // a listener of this server that has not claimed for long (say, no events came): never removed
        String here = dispatcher.listenerNames().iterator().next();
        jdbc.update(
                "update event_subscription set last_claimed_at = now() - interval '60 days' where listener = ?", here);

        UUID webhook = UUID.randomUUID();
        jdbc.update("insert into webhook (id, url, secret) values (?, 'https://hooks.example.com/x', 's')", webhook);
        long oldDelivery = delivery(webhook, recent, "40 days");
        long recentDelivery = delivery(webhook, recent, "2 days");
        long deliveryOfOldEvent = delivery(webhook, oldFree1, "1 day"); // goes with its event

        Retention.Removed removed = job.sweep();

        assertThat(removed.ran()).isTrue();
        assertThat(removed.listeners()).contains(gone).doesNotContain(here, waiting);
        assertThat(events()).contains(oldWaited, recent).doesNotContain(oldFree1, oldFree2, oldFree3, oldDead);
        assertThat(removed.events()).isGreaterThanOrEqualTo(4);
        assertThat(removed.deadLetters()).isGreaterThanOrEqualTo(1);
        assertThat(deliveries(webhook)).containsExactly(recentDelivery).doesNotContain(oldDelivery, deliveryOfOldEvent);
        assertThat(jdbc.queryForList("select listener from event_subscription", String.class))
                .contains(here, waiting)
                .doesNotContain(gone);
        assertThat(jdbc.queryForObject("select count(*) from event_pending where listener = ?", Integer.class, gone))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from event_pending where listener = ? and event_id = ?",
                        Integer.class,
                        waiting,
                        oldWaited))
                .isOne();

        // another server sweeping (holding the lock): this one does nothing
        long another = event("200 days");
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, 0x6f63_7265_7465_6e74L);
            lock.execute();
            assertThat(job.sweep().ran()).isFalse();
            assertThat(events()).contains(another);
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, 0x6f63_7265_7465_6e74L);
                unlock.execute();
            }
        }
        assertThat(job.sweep().ran()).isTrue();
        assertThat(events()).doesNotContain(another);
    }

    private long event(String age) {
        return jdbc.queryForObject(
                "insert into domain_event (type, aggregate_type, aggregate_id, payload, occurred_at) values"
                        + " ('test.retention', 'Test', ?, '{}'::jsonb, now() - cast(? as interval)) returning id",
                Long.class,
                UUID.randomUUID(),
                age);
    }

    private void subscribe(String listener, String lastClaimed) {
        jdbc.update(
                "insert into event_subscription (listener, last_claimed_at) values (?, now() - cast(? as interval))",
                listener,
                lastClaimed);
    }

    private void pending(String listener, long event, boolean dead) {
        // far in the future: the dispatcher of this server does not touch them meanwhile
        jdbc.update(
                "insert into event_pending (listener, event_id, aggregate_id, dead, next_attempt_at) values"
                        + " (?, ?, gen_random_uuid(), ?, now() + interval '1 day')",
                listener,
                event,
                dead);
    }

    private long delivery(UUID webhook, long event, String age) {
        return jdbc.queryForObject(
                "insert into webhook_delivery (webhook_id, event_id, attempt, duration_ms, success, attempted_at)"
                        + " values (?, ?, 1, 5, true, now() - cast(? as interval)) returning id",
                Long.class,
                webhook,
                event,
                age);
    }

    private List<Long> events() {
        return jdbc.queryForList("select id from domain_event where type = 'test.retention'", Long.class);
    }

    private List<Long> deliveries(UUID webhook) {
        return jdbc.queryForList("select id from webhook_delivery where webhook_id = ?", Long.class, webhook);
    }
}
