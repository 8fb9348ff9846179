package org.openchance.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * GraphiQL at {@code /graphiql}, served with all its assets from our jar. Spring's built-in page loads them from a
 * CDN, which many networks (and this project's build machines) cannot reach.
 */
@Configuration(proxyBeanMethods = false)
class GraphiQlConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
    }
}
