package dev.converge.core.pipeline;

import dev.converge.core.model.Action;
import dev.converge.core.model.Item;

/**
 * What a kind supplies to the apply stage: how to carry out one action. Called concurrently from
 * several virtual threads. Throw for a fault; transient faults are retried by the engine.
 */
@FunctionalInterface
public interface ActionRunner<I extends Item> {
    Applied apply(Action<I> action) throws Exception;
}
