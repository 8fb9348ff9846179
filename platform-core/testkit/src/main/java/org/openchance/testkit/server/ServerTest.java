package org.openchance.testkit.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A test of the whole server over HTTP, against real services: the Spring Boot server on a random port, with a
 * PostgreSQL database and an Elasticsearch index prefix of the test class's own (from {@code TestServices}: configured
 * URLs, Testcontainers, or local processes). The context starts once per test class and configuration (Spring's
 * context cache), and the class needs no setup block:
 * <pre>{@code
 * @ServerTest(properties = "openchance.events.poll-interval=50ms")
 * class EventsIT {
 *     @LocalServerPort int port;
 *     ...
 * }
 * }</pre>
 * A {@code @DynamicPropertySource} of the class still wins over these (e.g. Elasticsearch behind a proxy).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface ServerTest {

    /** Spring properties of this test's server, {@code key=value}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
