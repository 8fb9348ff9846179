package org.openchance.server.task;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openchance.store.task.TaskRow;

/** What the task events tell listeners about the task. */
final class TaskPayloads {

    private TaskPayloads() {}

    static Map<String, Object> of(TaskRow task) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.id().toString());
        payload.put("title", task.title());
        payload.put("dueAt", task.dueAt().toString());
        payload.put("remindAt", task.remindAt() == null ? null : task.remindAt().toString());
        payload.put(
                "assigneeId",
                task.assigneeId() == null ? null : task.assigneeId().toString());
        payload.put(
                "opportunityId",
                task.opportunityId() == null ? null : task.opportunityId().toString());
        payload.put("done", task.done());
        return payload;
    }
}
