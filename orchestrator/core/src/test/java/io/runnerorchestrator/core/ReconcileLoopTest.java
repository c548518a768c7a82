package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loop on its real thread: passes on start, on demand, coalesced, and a graceful end. */
class ReconcileLoopTest {
    private static final Duration LONG_POLL = Duration.ofHours(1);

    private final TestWorld world = new TestWorld();
    private final GatedBackend backend = new GatedBackend(world.backend);
    private final Reconciler reconciler = new Reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit(), world.github,
            backend, world.coordinator, world.metrics, world.clock);
    private final PassHealth health = new PassHealth(world.clock, LONG_POLL);
    private final ReconcileLoop loop = new ReconcileLoop(reconciler, LONG_POLL, rate -> LONG_POLL, health, world.metrics,
            SnapshotListener.NOOP);

    @AfterEach
    void stop() {
        backend.open();
        loop.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void theFirstPassRunsAtStart() {
        loop.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> world.backend.names().size() == 1);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains(ReconcileLoop.THREAD_NAME);
    }

    @Test
    void aTriggerBringsThePassForwardAndABurstBecomesOnePass() {
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> world.metrics.passes.size() == 1);
        backend.closeGate();
        loop.requestPass("webhook");
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.waiting.get() == 1);

        world.enqueue(4);
        for (int i = 0; i < 50; i++) {
            loop.requestPass("webhook burst " + i);
        }
        backend.open();

        await().atMost(Duration.ofSeconds(10)).until(() -> world.metrics.passes.size() == 3);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> world.metrics.passes.size() == 3);
        assertThat(world.backend.names()).as("4 jobs: 1 runner booting, 3 started").hasSize(4);
    }

    @Test
    void aFailingPassDoesNotEndTheLoop() {
        backend.failNextList.set(new IllegalStateException("bug in an adapter"));
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.lists.get() == 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> health.status().unexpectedFailures() == 1);
        assertThat(world.metrics.failedPasses).containsExactly("IllegalStateException");
        assertThat(health.status().lastFailure()).hasValueSatisfying(failure ->
                assertThat(failure.describe()).isEqualTo("unexpected IllegalStateException: bug in an adapter"));
        assertThat(health.status().ready()).as("no pass completed").isFalse();

        loop.requestPass("api");

        await().atMost(Duration.ofSeconds(10)).until(() -> world.backend.names().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> health.status().ready());
    }

    @Test
    void theNextPassIsScheduledEvenWhenThePacingFails() {
        Duration shortPoll = Duration.ofMillis(50);
        ReconcileLoop failingPacing = new ReconcileLoop(reconciler, shortPoll, rate -> {
            throw new java.time.DateTimeException("absurd x-ratelimit-reset");
        }, new PassHealth(world.clock, shortPoll), world.metrics, SnapshotListener.NOOP);
        try {
            failingPacing.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> backend.lists.get() >= 3);
            assertThat(world.metrics.failedPasses).contains("DateTimeException");
            assertThat(failingPacing.health().status().lastFailure()).hasValueSatisfying(failure ->
                    assertThat(failure.describe()).isEqualTo("unexpected DateTimeException: absurd x-ratelimit-reset"));
        } finally {
            failingPacing.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void anErrorInAPassDoesNotEndTheLoopEither() {
        backend.failNextList.set(null);
        backend.errorNextList.set(new StackOverflowError("deep"));
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> health.status().unexpectedFailures() == 1);

        loop.requestPass("api");

        await().atMost(Duration.ofSeconds(10)).until(() -> world.backend.names().size() == 1);
    }

    @Test
    void shutdownLeavesBusyRunnersAndStopsProvisioning() {
        loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> world.backend.names().size() == 1);
        world.enqueue(4);
        loop.requestPass("webhook");
        await().atMost(Duration.ofSeconds(10)).until(() -> world.backend.names().size() == 4);
        world.github.cancelQueued();
        world.enqueue(2);
        world.bootAll();
        world.runnersTakeJobs();
        List<String> busy = world.github.runners().stream().filter(r -> r.busy()).map(r -> r.name()).toList();

        loop.shutdown();

        assertThat(busy).hasSize(2);
        assertThat(world.backend.names()).containsExactlyInAnyOrderElementsOf(busy);
        world.enqueue(5);
        loop.requestPass("after shutdown");
        assertThat(reconciler.snapshot().shuttingDown()).isTrue();
        assertThat(world.backend.started).hasSize(4);
    }

    /** Lets a test hold a pass inside {@link #list()} while triggers pile up. */
    private static final class GatedBackend implements RunnerBackend {
        private final RunnerBackend delegate;
        private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicInteger lists = new AtomicInteger();
        final AtomicReference<RuntimeException> failNextList = new AtomicReference<>();
        final AtomicReference<Error> errorNextList = new AtomicReference<>();

        GatedBackend(RunnerBackend delegate) {
            this.delegate = delegate;
        }

        void closeGate() {
            gate.set(new CountDownLatch(1));
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public BackendHealth health() {
            return delegate.health();
        }

        void open() {
            gate.get().countDown();
        }

        @Override
        public List<RunnerInstance> list() {
            lists.incrementAndGet();
            RuntimeException failure = failNextList.getAndSet(null);
            if (failure != null) {
                throw failure;
            }
            Error error = errorNextList.getAndSet(null);
            if (error != null) {
                throw error;
            }
            waiting.incrementAndGet();
            try {
                gate.get().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waiting.decrementAndGet();
            return delegate.list();
        }

        @Override
        public RunnerInstance start(RunnerSpec spec) {
            return delegate.start(spec);
        }

        @Override
        public void remove(String runnerName) {
            delegate.remove(runnerName);
        }

        @Override
        public String logs(String runnerName, int tail) {
            return delegate.logs(runnerName, tail);
        }
    }
}
