package dev.converge.files.s3;

import dev.converge.core.ConfigException;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.ObjectStoreProvider;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes {@link S3Store}s for {@code s3://bucket/prefix}. */
public final class S3StoreProvider implements ObjectStoreProvider {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KkMmGg](?:i?[Bb])?)?");

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public ObjectStore create(StoreTarget target, StoreSettings settings) throws ConvergeException {
        checkBucketName(target);
        int partSize = partSize(settings.values().get("part_size"));
        int concurrency = positiveInt("part_concurrency", settings.values().get("part_concurrency"),
                S3Store.DEFAULT_PART_CONCURRENCY);
        return new S3Store(target, S3Connection.resolve(settings), partSize, concurrency);
    }

    /** S3's bucket naming rules, checked here so a bad name is a usage error, not an SDK exception. */
    static void checkBucketName(StoreTarget target) throws UsageException {
        String b = target.container();
        if (!BUCKET.matcher(b).matches() || b.contains("..")) {
            throw new UsageException("--to " + target.raw() + ": '" + b + "' is not a valid bucket name"
                    + " (3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit)");
        }
    }

    /** Bytes, or a number with a KiB/MiB/GiB (or K/M/G) suffix; at least S3's 5 MiB minimum. */
    static int partSize(String raw) throws ConfigException {
        if (raw == null || raw.isBlank()) {
            return S3Store.DEFAULT_PART_SIZE;
        }
        Matcher m = SIZE.matcher(raw.strip());
        if (!m.matches()) {
            throw new ConfigException("part_size: '" + raw + "' is not a size (as in 8388608, 16MiB or 1GiB)");
        }
        int shift = m.group(2) == null ? 0 : switch (Character.toUpperCase(m.group(2).charAt(0))) {
            case 'K' -> 10;
            case 'M' -> 20;
            default -> 30;
        };
        long bytes = m.group(1).length() > 10 ? Long.MAX_VALUE : Long.parseLong(m.group(1)) << shift;
        if (bytes < S3Store.MIN_PART_SIZE || bytes > 1L << 30) {
            throw new ConfigException("part_size: " + raw + " is outside S3's range; use 5MiB to 1GiB");
        }
        return (int) bytes;
    }

    private static int positiveInt(String key, String raw, int fallback) throws ConfigException {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= 64) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new ConfigException(key + ": '" + raw + "' must be a whole number from 1 to 64");
    }
}
