package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code spring.graphql.schema.introspection.enabled=false} holds with our own schema source (it was ignored). */
@ServerTest(properties = "spring.graphql.schema.introspection.enabled=false")
class IntrospectionOffIT {

    @LocalServerPort
    int port;

    @Test
    void introspectionIsRefusedAndEverythingElseAnswers() {
        GraphQlClient api = new GraphQlClient(port);
        JsonNode refused = api.execute("{ __schema { queryType { name } } }", Map.of());
        assertThat(refused.path("errors").isArray()).as(refused.toString()).isTrue();
        assertThat(refused.at("/errors/0/message").asString()).containsIgnoringCase("introspection");
        assertThat(refused.at("/data/__schema").isMissingNode()
                        || refused.at("/data/__schema").isNull())
                .isTrue();
        assertThat(api.execute("{ __type(name: \"Opportunity\") { name } }", Map.of())
                        .path("errors")
                        .isArray())
                .isTrue();
        // a normal query, and __typename (not introspection of the schema), still answer
        assertThat(api.data("{ __typename pipelines { name } }", Map.of())
                        .at("/pipelines/0/name")
                        .asString())
                .isEqualTo("Sales");
    }
}
