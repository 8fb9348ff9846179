package org.openchance.server.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.UUID;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.search.SearchUnavailableException;
import org.openchance.server.security.OperationDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Exceptions as GraphQL errors. Bad query arguments say what is wrong; anything unexpected becomes a generic error
 * with an id that is also in the log — never a stack trace or SQL text.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof QueryInputException input) {
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.BAD_REQUEST)
                    .message(input.getMessage())
                    .extensions(Map.of("code", UserError.VALIDATION, "argument", input.argument()))
                    .build();
        }
        if (ex instanceof OperationDeniedException denied) {
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.FORBIDDEN)
                    .message(denied.getMessage())
                    .extensions(Map.of("code", UserError.FORBIDDEN))
                    .build();
        }
        if (ex instanceof PluginCallException plugin) {
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.INTERNAL_ERROR)
                    .message(plugin.getMessage())
                    .extensions(Map.of("code", "PLUGIN_ERROR", "plugin", plugin.pluginId()))
                    .build();
        }
        if (ex instanceof SearchUnavailableException) {
            LOG.warn("Search unavailable in {}: {}", env.getExecutionStepInfo().getPath(), ex.getMessage());
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.INTERNAL_ERROR)
                    .message("Search is unavailable right now; try again shortly")
                    .extensions(Map.of("code", "SEARCH_UNAVAILABLE"))
                    .build();
        }
        if (cancelledByStatementTimeout(ex)) {
            LOG.warn("Statement timeout in {}: {}", env.getExecutionStepInfo().getPath(), ex.getMessage());
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.INTERNAL_ERROR)
                    .message("This took the database longer than a request may (openchance.request.statement-timeout,"
                            + " openchance.request.timeout); ask for less at once")
                    .extensions(Map.of("code", "TIMEOUT"))
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Internal error {} in {}", errorId, env.getExecutionStepInfo().getPath(), ex);
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; quote id " + errorId + " when reporting it")
                .extensions(Map.of("code", "INTERNAL", "errorId", errorId))
                .build();
    }

    /** PostgreSQL's "canceling statement due to statement timeout" (SQL state 57014), however it was wrapped. */
    private static boolean cancelledByStatementTimeout(Throwable ex) {
        for (Throwable t = ex; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
