package org.openchance.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a migrated PostgreSQL database and an Elasticsearch endpoint of its own: declare parameters of
 * type {@link TestDatabase} and {@link TestSearch} on the constructor, a lifecycle method or a test method.
 * Spring tests use {@link TestServices#database(Class)} and {@link TestServices#search(Class)} in a
 * {@code @DynamicPropertySource} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServicesExtension.class)
public @interface RealServices {}
