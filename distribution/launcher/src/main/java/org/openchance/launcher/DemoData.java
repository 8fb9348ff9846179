package org.openchance.launcher;

import java.util.List;
import java.util.UUID;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** A small sales team to explore the API with. Only ever written into an empty database. */
final class DemoData {

    private DemoData() {
    }

    /** @return how many records were created; 0 when the database already had data */
    static int seedIfEmpty(ApplicationContext context) {
        UserRepository users = context.getBean(UserRepository.class);
        return context.getBean(TransactionTemplate.class).execute(status -> {
            if (users.count() > 0) {
                return 0;
            }
            UserRow head = users.save(UserRow.newEmployee("Sabine Krüger", "sabine.krueger@example.com"));
            List<UserRow> team = List.of(
                    employee("Jonas Müller", "jonas.mueller@example.com", head),
                    employee("Aylin Şahin", "aylin.sahin@example.com", head),
                    new UserRow(UUID.randomUUID(), "Marco Rossi", "marco.rossi@partner-consulting.example",
                            UserKind.PARTNER, "Partner Consulting GmbH", null, true, 0, null, null));
            users.saveAll(team);
            return 1 + team.size();
        });
    }

    private static UserRow employee(String name, String email, UserRow manager) {
        return new UserRow(UUID.randomUUID(), name, email, UserKind.EMPLOYEE, null, manager.id(), true, 0, null, null);
    }
}
