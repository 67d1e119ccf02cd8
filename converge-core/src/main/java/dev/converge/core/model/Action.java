package dev.converge.core.model;

import java.util.Objects;

/**
 * One step of a plan: what to do to one item, and why.
 *
 * @param item   the item, carrying whatever the kind needs to apply the action
 * @param type   the verb
 * @param change the change that led to it
 * @param reason why, for plans and reports ("new file", "dirty working tree")
 */
public record Action<I extends Item>(I item, ActionType type, Change change, String reason) {
    public Action {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(change, "change");
        reason = reason == null ? "" : reason;
    }

    public String itemId() {
        return item.id();
    }

    public long bytes() {
        return type == ActionType.DELETE || type == ActionType.SKIP ? 0 : item.size();
    }
}
