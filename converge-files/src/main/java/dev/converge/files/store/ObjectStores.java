package dev.converge.files.store;

import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import java.util.ServiceLoader;

/** Finds the provider for a target's scheme among those on the class path. */
public final class ObjectStores {
    private ObjectStores() {
    }

    public static ObjectStore create(StoreTarget target, StoreSettings settings) throws ConvergeException {
        for (ObjectStoreProvider p : ServiceLoader.load(ObjectStoreProvider.class)) {
            if (p.scheme().equals(target.scheme())) {
                return p.create(target, settings);
            }
        }
        throw new UsageException("--to " + target.raw() + ": no store for scheme '" + target.scheme() + "' in this build");
    }
}
