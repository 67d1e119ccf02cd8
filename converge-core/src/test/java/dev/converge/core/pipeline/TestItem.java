package dev.converge.core.pipeline;

import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Change;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Item;
import dev.converge.core.model.Side;

/** A plain item for engine tests. */
public record TestItem(String id, long size) implements Item {
    public static Action<TestItem> action(String id, ActionType type) {
        return new Action<>(new TestItem(id, 100), type, new Change(id, ChangeType.ADDED, Side.LEFT, ""), "new");
    }
}
