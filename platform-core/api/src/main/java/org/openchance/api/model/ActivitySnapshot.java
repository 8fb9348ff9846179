package org.openchance.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A timeline entry (call, meeting, e-mail, note, material, presentation, milestone) as a plugin sees it.
 *
 * <p>Built with {@link #builder()}: fields may be added in minor versions without breaking plugins that build one.
 */
public final class ActivitySnapshot {

    private final UUID id;
    private final UUID opportunityId;
    private final UUID accountId;
    private final String type;
    private final String subject;
    private final String body;
    private final String outcome;
    private final Instant occurredAt;

    private ActivitySnapshot(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.opportunityId = b.opportunityId;
        this.accountId = Objects.requireNonNull(b.accountId, "accountId");
        this.type = Objects.requireNonNull(b.type, "type");
        this.subject = b.subject;
        this.body = b.body;
        this.outcome = b.outcome;
        this.occurredAt = Objects.requireNonNull(b.occurredAt, "occurredAt");
    }

    public static Builder builder() {
        return new Builder();
    }

    public UUID id() {
        return id;
    }

    /** Null for an entry on the account itself. */
    public UUID opportunityId() {
        return opportunityId;
    }

    public UUID accountId() {
        return accountId;
    }

    /** CALL, MEETING, EMAIL, NOTE, MATERIAL, PRESENTATION or MILESTONE. */
    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    /** What came of it; null when not recorded. */
    public String outcome() {
        return outcome;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivitySnapshot a
                && id.equals(a.id)
                && Objects.equals(opportunityId, a.opportunityId)
                && accountId.equals(a.accountId)
                && type.equals(a.type)
                && Objects.equals(subject, a.subject)
                && Objects.equals(body, a.body)
                && Objects.equals(outcome, a.outcome)
                && occurredAt.equals(a.occurredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, opportunityId, accountId, type, subject, body, outcome, occurredAt);
    }

    @Override
    public String toString() {
        return "Activity[" + id + ", " + type + ", " + subject + "]";
    }

    /** Collects an activity's values; {@code id}, {@code accountId}, {@code type} and {@code occurredAt} are required. */
    public static final class Builder {
        private UUID id;
        private UUID opportunityId;
        private UUID accountId;
        private String type;
        private String subject;
        private String body;
        private String outcome;
        private Instant occurredAt;

        private Builder() {}

        public Builder id(UUID v) {
            id = v;
            return this;
        }

        public Builder opportunityId(UUID v) {
            opportunityId = v;
            return this;
        }

        public Builder accountId(UUID v) {
            accountId = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder subject(String v) {
            subject = v;
            return this;
        }

        public Builder body(String v) {
            body = v;
            return this;
        }

        public Builder outcome(String v) {
            outcome = v;
            return this;
        }

        public Builder occurredAt(Instant v) {
            occurredAt = v;
            return this;
        }

        public ActivitySnapshot build() {
            return new ActivitySnapshot(this);
        }
    }
}
