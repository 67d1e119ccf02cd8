package dev.converge.repos.provider;

import java.time.Duration;

/**
 * How a provider waits out a rate limit or a {@code Retry-After}. Production sleeps; tests pass
 * one that records the requested wait and returns at once.
 */
@FunctionalInterface
public interface Pause {
    Pause SLEEP = duration -> Thread.sleep(duration);

    void pause(Duration duration) throws InterruptedException;
}
