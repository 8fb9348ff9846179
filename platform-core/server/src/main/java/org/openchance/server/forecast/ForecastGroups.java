package org.openchance.server.forecast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.user.UserRow;

/**
 * The rows of a grouped forecast and whose deals each one holds. By owner, a row per person with deals and per
 * manager above them, a manager's row holding their reports' deals through every level; by team, a manager with their
 * direct reports; by pipeline, one per pipeline.
 */
public final class ForecastGroups {

    public enum Grouping {
        NONE,
        OWNER,
        TEAM,
        PIPELINE
    }

    /**
     * @param owners   whose deals the row holds; null: everyone's
     * @param userId   the person (OWNER) or team lead (TEAM)
     * @param pipelineId the pipeline (PIPELINE)
     */
    public record Group(
            Grouping kind, String key, String name, UUID userId, String parentKey, Set<UUID> owners, UUID pipelineId) {

        boolean holds(PipelineRebuild.Deal deal) {
            return (owners == null || owners.contains(deal.state().ownerId()))
                    && (pipelineId == null || pipelineId.equals(deal.timeline().pipelineId()));
        }
    }

    private ForecastGroups() {}

    /**
     * @param people the owners of deals and holders of quotas
     * @param sight  the people a restricted viewer may see rows of (themselves and their reports); null: everyone
     */
    static List<Group> of(
            Grouping kind,
            Collection<UUID> people,
            Map<UUID, UserRow> users,
            Collection<PipelineRow> pipelines,
            Set<UUID> sight) {
        List<UUID> inSight =
                people.stream().filter(u -> sight == null || sight.contains(u)).toList();
        return switch (kind) {
            case NONE -> List.of(new Group(kind, "all", "All visible deals", null, null, null, null));
            case OWNER -> byOwner(inSight, users, sight);
            case TEAM -> byTeam(inSight, users);
            case PIPELINE ->
                pipelines.stream()
                        .map(p -> new Group(kind, p.id().toString(), p.name(), null, null, null, p.id()))
                        .toList();
        };
    }

    private static List<Group> byOwner(Collection<UUID> candidates, Map<UUID, UserRow> users, Set<UUID> sight) {
        Set<UUID> people = new HashSet<>();
        for (UUID owner : candidates) {
            // the owner and every manager above them in sight (a loop in the data stops at the first repeat)
            for (UUID u = owner; u != null && (sight == null || sight.contains(u)) && people.add(u); ) {
                u = manager(users, u);
            }
        }
        Map<UUID, List<UUID>> reports = new HashMap<>();
        for (UUID u : people) {
            UUID m = manager(users, u);
            if (m != null) {
                reports.computeIfAbsent(m, k -> new ArrayList<>()).add(u);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (UUID u : people) {
            Set<UUID> owners = new HashSet<>();
            collect(u, reports, owners);
            UUID m = manager(users, u);
            m = people.contains(m) ? m : null;
            groups.add(new Group(
                    Grouping.OWNER, u.toString(), name(users, u), u, m == null ? null : m.toString(), owners, null));
        }
        groups.sort(java.util.Comparator.comparing(Group::name).thenComparing(Group::key));
        return groups;
    }

    private static List<Group> byTeam(Collection<UUID> dealOwners, Map<UUID, UserRow> users) {
        Map<UUID, Set<UUID>> teams = new LinkedHashMap<>();
        for (UUID owner : dealOwners) {
            UUID lead = manager(users, owner) == null ? owner : manager(users, owner);
            teams.computeIfAbsent(lead, k -> new HashSet<>()).add(owner);
        }
        List<Group> groups = new ArrayList<>();
        teams.forEach((lead, owners) -> {
            UUID above = manager(users, lead);
            groups.add(new Group(
                    Grouping.TEAM,
                    lead.toString(),
                    "Team " + name(users, lead),
                    lead,
                    above != null && teams.containsKey(above) ? above.toString() : null,
                    owners,
                    null));
        });
        groups.sort(java.util.Comparator.comparing(Group::name).thenComparing(Group::key));
        return groups;
    }

    private static void collect(UUID u, Map<UUID, List<UUID>> reports, Set<UUID> into) {
        if (into.add(u)) {
            for (UUID r : reports.getOrDefault(u, List.of())) {
                collect(r, reports, into);
            }
        }
    }

    private static UUID manager(Map<UUID, UserRow> users, UUID u) {
        UserRow row = users.get(u);
        return row == null ? null : row.managerId();
    }

    private static String name(Map<UUID, UserRow> users, UUID u) {
        UserRow row = users.get(u);
        return row == null ? "(unknown user)" : row.name();
    }
}
