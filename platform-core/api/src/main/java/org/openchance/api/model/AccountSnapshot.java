package org.openchance.api.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An account (the customer company) as a plugin sees it: an immutable copy, never a database entity.
 *
 * <p>Built with {@link #builder()}: fields may be added in minor versions without breaking plugins that build one.
 */
public final class AccountSnapshot {

    private final UUID id;
    private final String name;
    private final String industry;
    private final Integer employeeCount;
    private final Money annualRevenue;
    private final String website;
    private final String country;
    private final UUID ownerId;

    private AccountSnapshot(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.name = Objects.requireNonNull(b.name, "name");
        this.industry = b.industry;
        this.employeeCount = b.employeeCount;
        this.annualRevenue = b.annualRevenue;
        this.website = b.website;
        this.country = b.country;
        this.ownerId = b.ownerId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .name(name)
                .industry(industry)
                .employeeCount(employeeCount)
                .annualRevenue(annualRevenue)
                .website(website)
                .country(country)
                .ownerId(ownerId);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Null when not recorded. */
    public String industry() {
        return industry;
    }

    /** The company size; null when unknown. */
    public Integer employeeCount() {
        return employeeCount;
    }

    /** Null when unknown. */
    public Money annualRevenue() {
        return annualRevenue;
    }

    public String website() {
        return website;
    }

    /** ISO 3166 code, e.g. {@code DE}; null when not recorded. */
    public String country() {
        return country;
    }

    /** The account's owner; null when it has none. */
    public UUID ownerId() {
        return ownerId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountSnapshot a
                && id.equals(a.id)
                && name.equals(a.name)
                && Objects.equals(industry, a.industry)
                && Objects.equals(employeeCount, a.employeeCount)
                && Objects.equals(annualRevenue, a.annualRevenue)
                && Objects.equals(website, a.website)
                && Objects.equals(country, a.country)
                && Objects.equals(ownerId, a.ownerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, industry, employeeCount, annualRevenue, website, country, ownerId);
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + name + "]";
    }

    /** Collects an account's values; {@code id} and {@code name} are required. */
    public static final class Builder {
        private UUID id;
        private String name;
        private String industry;
        private Integer employeeCount;
        private Money annualRevenue;
        private String website;
        private String country;
        private UUID ownerId;

        private Builder() {}

        public Builder id(UUID v) {
            id = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder industry(String v) {
            industry = v;
            return this;
        }

        public Builder employeeCount(Integer v) {
            employeeCount = v;
            return this;
        }

        public Builder annualRevenue(Money v) {
            annualRevenue = v;
            return this;
        }

        public Builder website(String v) {
            website = v;
            return this;
        }

        public Builder country(String v) {
            country = v;
            return this;
        }

        public Builder ownerId(UUID v) {
            ownerId = v;
            return this;
        }

        public AccountSnapshot build() {
            return new AccountSnapshot(this);
        }
    }
}
