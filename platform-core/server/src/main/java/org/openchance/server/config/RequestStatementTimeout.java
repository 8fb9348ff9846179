package org.openchance.server.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.openchance.store.RequestStatementTimeouts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A bound on what one request can make PostgreSQL do: every statement run on a request's thread (sign-in, GraphQL,
 * attachments) ends at {@code openchance.request.statement-timeout} (10 s), and all of them together at
 * {@code openchance.request.timeout} (30 s), see {@link RequestStatementTimeouts}.
 */
@Configuration(proxyBeanMethods = false)
class RequestStatementTimeout {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestStatementTimeoutFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        // an upload's clock would run while its body arrives: only its statements are bounded
                        boolean upload = request.getContentType() != null
                                && request.getContentType().startsWith("multipart/");
                        try (RequestStatementTimeouts.Scope scope = upload
                                ? RequestStatementTimeouts.statementsOnly()
                                : RequestStatementTimeouts.request()) {
                            chain.doFilter(request, response);
                        }
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before security: its key and user lookups count too
        return registration;
    }

    @Bean
    static BeanPostProcessor requestStatementTimeoutDataSource(
            @Value("${openchance.request.statement-timeout:10s}") Duration timeout,
            @Value("${openchance.request.timeout:30s}") Duration total) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return RequestStatementTimeouts.wrapIfPool(bean, timeout.toMillis(), total.toMillis());
            }
        };
    }
}
