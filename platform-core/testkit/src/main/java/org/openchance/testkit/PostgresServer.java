package org.openchance.testkit;

/**
 * A PostgreSQL server that tests may create databases on.
 *
 * @param adminUrl JDBC URL of a database to connect to for administration (e.g. {@code .../postgres})
 * @param source   where it came from, for messages: "configured", "testcontainers" or "local"
 */
public record PostgresServer(String adminUrl, String username, String password, String source) {

    /** The JDBC URL of another database on the same server. */
    public String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
