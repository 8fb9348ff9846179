package org.openchance.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@RealServices
class RealServicesIT {

    @Test
    void databaseIsMigratedAndOfThisClassAlone(TestDatabase db) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select note, current_database() from probe")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("migrated");
            assertThat(rs.getString(2)).isEqualTo(db.name()).startsWith("t_realservicesit_");
        }
        TestDatabase other = TestServices.database(String.class);
        assertThat(other.name()).isNotEqualTo(db.name());
    }

    @Test
    void sameDatabaseForEveryTestOfTheClass(TestDatabase first, TestDatabase second) {
        assertThat(first).isSameAs(second);
    }

    @Test
    void elasticsearchAnswersWithAClassOwnIndexPrefix(TestSearch search) throws Exception {
        assertThat(search.indexPrefix()).startsWith("t-realservicesit-").endsWith("-");
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(search.url().resolve("/_cluster/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"");
    }
}
