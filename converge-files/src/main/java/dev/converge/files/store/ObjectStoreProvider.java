package dev.converge.files.store;

import dev.converge.core.ConvergeException;

/** Makes the {@link ObjectStore} for one scheme of {@code --to}. */
public interface ObjectStoreProvider {
    /** "azure", "s3" or "dir". */
    String scheme();

    /** Connects (lazily where the SDK allows); {@link ObjectStore#open} checks the target. */
    ObjectStore create(StoreTarget target, StoreSettings settings) throws ConvergeException;
}
