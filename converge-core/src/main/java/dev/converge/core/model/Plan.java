package dev.converge.core.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a run will do, computed before anything is written. A dry run prints it and stops.
 *
 * @param actions   the actions, in the order they were planned
 * @param unchanged how many items were compared and found converged (not listed one by one)
 */
public record Plan<I extends Item>(List<Action<I>> actions, long unchanged) {
    public Plan {
        actions = List.copyOf(actions);
    }

    public Map<ActionType, Long> countByType() {
        Map<ActionType, Long> counts = new EnumMap<>(ActionType.class);
        for (Action<I> a : actions) {
            counts.merge(a.type(), 1L, Long::sum);
        }
        return counts;
    }

    public long totalBytes() {
        return actions.stream().mapToLong(Action::bytes).sum();
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
