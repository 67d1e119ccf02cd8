package dev.converge.core.model;

import java.util.Objects;

/**
 * The result of comparing one item's left and right sides with its base.
 *
 * @param itemId the item
 * @param type   what changed
 * @param side   where it changed ({@link Side#BOTH} for a conflict)
 * @param detail why, in words a person reads in a plan ("size 10 → 12", "remote object replaced")
 */
public record Change(String itemId, ChangeType type, Side side, String detail) {
    public Change {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(side, "side");
        detail = detail == null ? "" : detail;
    }

    public boolean isConflict() {
        return type == ChangeType.CONFLICT;
    }
}
