package org.openchance.testkit;

import java.net.URI;
import org.openchance.localservices.ElasticsearchDistribution;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL and Elasticsearch in containers, for machines with a Docker engine. Stopped by Testcontainers' reaper. */
final class ContainerServices {

    private static Boolean dockerAvailable;

    private ContainerServices() {}

    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            // Answers false quickly (no exception) where there is no engine.
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }

    @SuppressWarnings("resource") // lives as long as the JVM
    static PostgresServer postgres() {
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
        pg.start();
        return new PostgresServer(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "testcontainers");
    }

    @SuppressWarnings("resource")
    static URI elasticsearch() {
        ElasticsearchContainer es = new ElasticsearchContainer(
                        "docker.elastic.co/elasticsearch/elasticsearch:" + ElasticsearchDistribution.version())
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        es.start();
        return URI.create("http://" + es.getHttpHostAddress());
    }
}
