package dev.converge.files;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.state.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A sync's bases read ahead, in the order the state store streams them, so that reading them can
 * run beside the scan and the listing instead of after both; the merge then replays them. Three
 * parallel lists rather than an object per base: the merge needs nothing else.
 */
final class BufferedBases implements StateStore.FingerprintSink, FilesPlanner.BaseSource {
    private final List<String> ids = new ArrayList<>();
    private final List<Fingerprint> lefts = new ArrayList<>();
    private final List<Fingerprint> rights = new ArrayList<>();

    /** Reads every base of {@code syncId} from {@code state}. */
    static BufferedBases read(StateStore state, String syncId) throws ConvergeException {
        BufferedBases bases = new BufferedBases();
        state.forEachFingerprints(syncId, bases);
        return bases;
    }

    @Override
    public void accept(String itemId, Fingerprint left, Fingerprint right) {
        ids.add(itemId);
        lefts.add(left);
        rights.add(right);
    }

    @Override
    public void forEach(StateStore.FingerprintSink sink) {
        for (int i = 0; i < ids.size(); i++) {
            sink.accept(ids.get(i), lefts.get(i), rights.get(i));
        }
    }
}
