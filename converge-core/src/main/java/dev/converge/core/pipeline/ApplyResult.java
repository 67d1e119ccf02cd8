package dev.converge.core.pipeline;

import dev.converge.core.model.Outcome;
import dev.converge.core.model.Outcome.Status;
import java.util.List;

/** The outcomes of one apply stage, in plan order. */
public record ApplyResult(List<Outcome> outcomes) {
    public ApplyResult {
        outcomes = List.copyOf(outcomes);
    }

    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public boolean anyFailed() {
        return count(Status.FAILED) > 0;
    }
}
