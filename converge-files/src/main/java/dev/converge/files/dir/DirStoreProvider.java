package dev.converge.files.dir;

import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.ObjectStoreProvider;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.nio.file.Path;

/** Makes {@code dir:PATH} targets. */
public final class DirStoreProvider implements ObjectStoreProvider {
    @Override
    public String scheme() {
        return "dir";
    }

    @Override
    public ObjectStore create(StoreTarget target, StoreSettings settings) {
        Path root = Path.of(target.container()).toAbsolutePath().normalize();
        return new DirStore(root, "dir:" + root);
    }
}
