package org.openchance.server.graphql;

import io.micronaut.data.exceptions.OptimisticLockException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs a mutation and builds its payload: the changed object with no errors, or no object with the user errors of
 * a failure (validation, not found, version conflict, forbidden transition). The service method runs in its own
 * transaction, which has rolled back by the time the errors arrive here: nothing of a failed mutation is written.
 */
public final class Mutations {

    private Mutations() {}

    public static <T, P> P run(Supplier<T> mutation, BiFunction<T, List<UserError>, P> payload) {
        try {
            return payload.apply(mutation.get(), List.of());
        } catch (UserErrorException e) {
            return payload.apply(null, e.errors());
        } catch (OptimisticLockException | OptimisticLockingFailureException e) {
            return payload.apply(
                    null,
                    List.of(new UserError(
                            UserError.VERSION_CONFLICT,
                            "changed by someone else meanwhile: reload and try again",
                            "input.expectedVersion")));
        }
    }
}
