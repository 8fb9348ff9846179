package org.openchance.api.rules;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Asked before a deal is closed as won or lost, after the host's own checks passed and before anything is written:
 * the problems it answers are the user errors of {@code closeOpportunity} (code {@code VALIDATION}, on the input field
 * each names), and nothing is closed. An empty list lets the close happen.
 *
 * <p>Register it as an OSGi service with the property {@link #ID}. It runs in the request, within a short time budget;
 * a check that fails or runs out of time is logged and skipped, so that a broken plugin cannot stop every close.
 */
@ConsumerType
public interface CloseCheck {

    /** Service property: the check's id, unique among close checks. */
    String ID = "openchance.close-check.id";

    /** What is wrong with this close; empty when nothing is. */
    List<CloseProblem> check(CloseAttempt attempt) throws Exception;
}
