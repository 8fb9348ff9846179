package org.openchance.server.opportunity;

import java.util.ArrayList;
import java.util.List;
import org.openchance.api.rules.CloseAttempt;
import org.openchance.api.rules.CloseCheck;
import org.openchance.api.rules.CloseProblem;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.ExtensionPoint;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The plugins' {@link CloseCheck}s, asked before a close is written. Their problems become VALIDATION errors on the
 * input fields they name. A check that fails or runs out of time is logged and skipped (and counts towards switching
 * its plugin off): a broken plugin must not stop every close.
 */
@Component
class CloseChecks {

    private static final Logger log = LoggerFactory.getLogger(CloseChecks.class);

    private final PluginRegistry registry;

    CloseChecks(PluginRegistry registry) {
        this.registry = registry;
    }

    List<UserError> problems(CloseAttempt attempt) {
        List<UserError> errors = new ArrayList<>();
        for (Extension<CloseCheck> check : registry.extensions(ExtensionPoint.CLOSE_CHECK)) {
            try {
                List<CloseProblem> found =
                        registry.call(check.pluginId(), () -> check.service().check(attempt));
                for (CloseProblem problem : found == null ? List.<CloseProblem>of() : found) {
                    if (problem != null) {
                        errors.add(UserError.validation("input." + problem.field(), problem.message()));
                    }
                }
            } catch (PluginCallException e) {
                log.warn("Close check {} of plugin {} skipped: {}", check.id(), check.pluginId(), e.getMessage());
            }
        }
        return errors;
    }
}
