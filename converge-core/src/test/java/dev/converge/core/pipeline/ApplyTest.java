package dev.converge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.RemoteException;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Outcome;
import dev.converge.core.model.Outcome.Status;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.secret.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApplyTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(1), false);

    private static List<Action<TestItem>> uploads(int n) {
        return IntStream.range(0, n).mapToObj(i -> TestItem.action("item" + i, ActionType.UPLOAD)).toList();
    }

    /** Guards against a hang, never against slowness: the wait ends as soon as the latch opens. */
    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("latch never opened: " + latch.getCount() + " left");
        }
    }

    @Test
    void outcomesComeBackInPlanOrderWhateverOrderTheyFinishIn() {
        List<Action<TestItem>> actions = uploads(12);
        CountDownLatch lastDone = new CountDownLatch(1);
        List<String> finishOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        ApplyResult result = new Apply<TestItem>(a -> {
            if (a.itemId().equals("item0")) {
                await(lastDone); // the first action finishes only after the last one
            }
            finishOrder.add(a.itemId());
            if (a.itemId().equals("item11")) {
                lastDone.countDown();
            }
            return Applied.ok(null);
        }).setConcurrency(4).setRetryPolicy(RetryPolicy.NONE).call(actions);

        assertThat(finishOrder.indexOf("item0")).as("item0 finished after item11").isGreaterThan(finishOrder.indexOf("item11"));
        assertThat(result.outcomes()).extracting(o -> o.action().itemId())
                .containsExactlyElementsOf(actions.stream().map(Action::itemId).toList());
        assertThat(result.outcomes()).allMatch(Outcome::isSuccessful);
        assertThat(result.anyFailed()).isFalse();
    }

    @Test
    void neverRunsMoreActionsAtOnceThanTheConcurrencyBound() {
        int bound = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Set<String> workers = ConcurrentHashMap.newKeySet();
        // Actions go in waves of exactly `bound` that wait for each other (the action count is a multiple of
        // the bound), so the bound is reached, not merely not exceeded; an extra worker would join a wave
        // while the previous one still counts as running.
        CyclicBarrier wave = new CyclicBarrier(bound);
        ApplyResult result = new Apply<TestItem>(a -> {
            workers.add(Thread.currentThread().getName());
            int now = running.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            try {
                wave.await(30, TimeUnit.SECONDS);
                return Applied.ok(null);
            } finally {
                running.decrementAndGet();
            }
        }).setConcurrency(bound).setRetryPolicy(RetryPolicy.NONE).call(uploads(bound * 20));

        assertThat(result.count(Status.OK)).isEqualTo(bound * 20);
        assertThat(max.get()).isEqualTo(bound);
        assertThat(workers).hasSizeLessThanOrEqualTo(bound);
    }

    @Test
    void aTransientFaultIsRetriedUntilItSucceeds() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        ApplyResult result = new Apply<TestItem>(a -> {
            int n = calls.computeIfAbsent(a.itemId(), k -> new AtomicInteger()).incrementAndGet();
            if (n < 3) {
                throw new RemoteException("503 Service Unavailable", 503, true, null);
            }
            return Applied.ok(null);
        }).setRetryPolicy(FAST).call(uploads(2));

        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(Status.OK);
            assertThat(o.attempts()).isEqualTo(3);
        });
        assertThat(calls.get("item0")).hasValue(3);
    }

    @Test
    void aTransientFaultThatPersistsFailsAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        ApplyResult result = new Apply<TestItem>(a -> {
            calls.incrementAndGet();
            throw new RemoteException("429 Too Many Requests", 429, true, null);
        }).setRetryPolicy(FAST).call(uploads(1));

        Outcome o = result.outcomes().get(0);
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.attempts()).isEqualTo(4);
        assertThat(calls).hasValue(4);
        assertThat(o.message()).contains("429").contains("after 4 attempts");
    }

    @Test
    void aPermanentFaultIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        ApplyResult result = new Apply<TestItem>(a -> {
            calls.incrementAndGet();
            throw new RemoteException(RemoteException.describeStatus(403), 403, false, null);
        }).setRetryPolicy(FAST).call(uploads(1));

        Outcome o = result.outcomes().get(0);
        assertThat(calls).hasValue(1);
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.attempts()).isEqualTo(1);
        assertThat(o.message()).contains("403 Forbidden").doesNotContain("attempts");
    }

    @Test
    void oneFailingItemDoesNotStopTheOthers() {
        List<Action<TestItem>> actions = uploads(10);
        ApplyResult result = new Apply<TestItem>(a -> {
            if (a.itemId().equals("item3")) {
                throw new IllegalStateException("disk on fire");
            }
            if (a.itemId().equals("item7")) {
                throw new java.io.IOException("permission denied");
            }
            return Applied.ok(null);
        }).setConcurrency(1).setRetryPolicy(FAST).call(actions);

        assertThat(result.count(Status.OK)).isEqualTo(8);
        assertThat(result.count(Status.FAILED)).isEqualTo(2);
        assertThat(result.anyFailed()).isTrue();
        assertThat(result.outcomes().get(3).message()).contains("disk on fire");
        assertThat(result.outcomes().get(7).message()).contains("permission denied");
    }

    @Test
    void skipActionsAreSkippedWithoutRunning() {
        List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Action<TestItem>> actions = List.of(TestItem.action("a", ActionType.UPLOAD),
                new Action<>(new TestItem("b", 5), ActionType.SKIP,
                        new dev.converge.core.model.Change("b", dev.converge.core.model.ChangeType.UNCHANGED,
                                dev.converge.core.model.Side.NONE, ""), "excluded by .convergeignore"),
                TestItem.action("c", ActionType.DELETE));
        List<Outcome> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        ApplyResult result = new Apply<TestItem>(a -> {
            ran.add(a.itemId());
            return Applied.ok(null);
        }).setRetryPolicy(RetryPolicy.NONE).setRecorder((o, applied) -> recorded.add(o)).call(actions);

        assertThat(ran).containsExactlyInAnyOrder("a", "c");
        Outcome skipped = result.outcomes().get(1);
        assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
        assertThat(skipped.message()).isEqualTo("excluded by .convergeignore");
        assertThat(skipped.attempts()).isZero();
        assertThat(recorded).as("the recorder hears of every outcome, skips included").hasSize(3);
    }

    @Test
    void messagesPassThroughTheRedactor() {
        Redactor redactor = new Redactor();
        String secret = "hunter2-" + System.nanoTime();
        redactor.register(secret);
        List<Action<TestItem>> actions = uploads(3);
        ApplyResult result = new Apply<TestItem>(a -> switch (a.itemId()) {
            case "item0" -> throw new RemoteException("denied for key " + secret, 403, false, null);
            case "item1" -> throw new RemoteException("timeout talking to https://u:" + secret + "@host/x", 503, true, null);
            default -> Applied.skipped("token " + secret + " expired");
        }).setRedactor(redactor).setRetryPolicy(FAST).call(actions);

        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.message()).doesNotContain(secret).contains(Redactor.MASK);
        });
        assertThat(result.outcomes().get(2).status()).isEqualTo(Status.SKIPPED);
    }
}
