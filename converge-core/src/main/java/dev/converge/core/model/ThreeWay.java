package dev.converge.core.model;

import java.util.Objects;

/**
 * The three-way compare, the heart of every kind: given what each side is now and what both
 * were after the last sync, says which side changed. This is what makes incremental sync work
 * and keeps converge from echoing its own writes back.
 */
public final class ThreeWay {
    private ThreeWay() {
    }

    /**
     * Compares one item. A {@code null} fingerprint means the item is absent on that side;
     * a {@code null} base means it was never synced.
     */
    public static Change compare(String itemId, Base base, Fingerprint left, Fingerprint right) {
        Fingerprint baseLeft = base == null ? null : base.left();
        Fingerprint baseRight = base == null ? null : base.right();
        boolean leftChanged = !Objects.equals(baseLeft, left);
        boolean rightChanged = !Objects.equals(baseRight, right);
        if (!leftChanged && !rightChanged) {
            return new Change(itemId, ChangeType.UNCHANGED, Side.NONE, "");
        }
        if (leftChanged && rightChanged) {
            if (left == null && right == null) {
                // Both sides removed it: they agree, nothing to do but forget the base.
                return new Change(itemId, ChangeType.DELETED, Side.BOTH, "deleted on both sides");
            }
            return new Change(itemId, ChangeType.CONFLICT, Side.BOTH, "changed on both sides");
        }
        Side side = leftChanged ? Side.LEFT : Side.RIGHT;
        Fingerprint before = leftChanged ? baseLeft : baseRight;
        Fingerprint now = leftChanged ? left : right;
        if (before == null) {
            return new Change(itemId, ChangeType.ADDED, side, "");
        }
        if (now == null) {
            return new Change(itemId, ChangeType.DELETED, side, "");
        }
        return new Change(itemId, ChangeType.MODIFIED, side, "");
    }
}
