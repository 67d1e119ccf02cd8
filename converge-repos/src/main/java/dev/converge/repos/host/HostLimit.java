package dev.converge.repos.host;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many operations one host gets at once, adapting to how the host answers: halved (never
 * below one) each time it pushes back, raised by one again after as many successes in a row as
 * the current limit, up to the configured ceiling. That is TCP's additive-increase /
 * multiplicative-decrease, which backs off fast and recovers gradually without oscillating.
 */
public final class HostLimit {
    private final String host;
    private final int ceiling;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int limit;
    private int inUse;
    private int successes;
    private int pushBacks;
    private int lowest;

    HostLimit(String host, int ceiling) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("a host limit must be at least 1, was " + ceiling);
        }
        this.host = host;
        this.ceiling = ceiling;
        this.limit = ceiling;
        this.lowest = ceiling;
    }

    public String host() {
        return host;
    }

    /** Waits for a permit; every acquire is paired with one {@link #release()}. */
    public void acquire() throws InterruptedException {
        lock.lock();
        try {
            while (inUse >= limit) {
                freed.await();
            }
            inUse++;
        } finally {
            lock.unlock();
        }
    }

    public void release() {
        lock.lock();
        try {
            inUse--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The host served a request: after a run of them, one more permit, up to the ceiling. */
    public void succeeded() {
        lock.lock();
        try {
            if (limit < ceiling && ++successes >= limit) {
                limit++;
                successes = 0;
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The host pushed back: halve the permits (operations already running finish). */
    public void pushedBack() {
        lock.lock();
        try {
            limit = Math.max(1, limit / 2);
            lowest = Math.min(lowest, limit);
            successes = 0;
            pushBacks++;
        } finally {
            lock.unlock();
        }
    }

    /** The permits the host has now. */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** The fewest permits the host was down to in this run. */
    public int lowest() {
        lock.lock();
        try {
            return lowest;
        } finally {
            lock.unlock();
        }
    }

    /** How many times the host pushed back in this run. */
    public int pushBacks() {
        lock.lock();
        try {
            return pushBacks;
        } finally {
            lock.unlock();
        }
    }
}
