package io.runnerorchestrator.core;

import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the starts of one pass at most {@code concurrency} at a time, on daemon threads named
 * {@value #THREAD_PREFIX}N that carry the pass's log context. With a concurrency of 1 the starts run one
 * after the other on the caller's thread. After the first failure, or past the deadline, the starts not
 * yet begun are skipped; those under way finish.
 */
final class StartPool implements AutoCloseable {
    static final String THREAD_PREFIX = "runner-start-";

    /** What became of one start: done, failed, or skipped (neither). */
    record Outcome<T>(Optional<T> done, Optional<RuntimeException> failure) {
        static <T> Outcome<T> skipped() {
            return new Outcome<>(Optional.empty(), Optional.empty());
        }
    }

    private final int concurrency;
    private final AtomicInteger threads = new AtomicInteger();
    private ExecutorService executor;

    StartPool(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("start concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /** Runs {@code count} times {@code start}; answers each one's outcome, in order. */
    <T> List<Outcome<T>> runAll(int count, Supplier<T> start, BooleanSupplier pastDeadline) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Supplier<Outcome<T>>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(() -> once(start, stop, pastDeadline));
        }
        if (concurrency == 1 || count == 1) {
            return tasks.stream().map(Supplier::get).toList();
        }
        Map<String, String> context = MDC.getCopyOfContextMap();
        List<Future<Outcome<T>>> futures = tasks.stream()
                .map(task -> executor().submit(() -> withContext(context, task))).toList();
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<Outcome<T>> future : futures) {
            outcomes.add(await(future, futures));
        }
        return outcomes;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static <T> Outcome<T> once(Supplier<T> start, AtomicBoolean stop, BooleanSupplier pastDeadline) {
        if (stop.get() || pastDeadline.getAsBoolean()) {
            return Outcome.skipped();
        }
        try {
            return new Outcome<>(Optional.of(start.get()), Optional.empty());
        } catch (RuntimeException e) {
            stop.set(true);
            return new Outcome<>(Optional.empty(), Optional.of(e));
        }
    }

    private static <T> Outcome<T> withContext(Map<String, String> context, Supplier<Outcome<T>> task) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        try {
            return task.get();
        } finally {
            MDC.clear();
        }
    }

    /** Interrupted (a shutdown that ran out of time): the starts not yet begun are cancelled. */
    private static <T> Outcome<T> await(Future<Outcome<T>> future, List<Future<Outcome<T>>> all) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(f -> f.cancel(false));
            return Outcome.skipped();
        } catch (CancellationException e) {
            return Outcome.skipped();
        } catch (ExecutionException e) {
            // once() catches every RuntimeException; an Error is not ours to swallow
            throw new IllegalStateException("runner start crashed", e.getCause());
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newFixedThreadPool(concurrency, task -> {
                Thread t = new Thread(task, THREAD_PREFIX + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }
}
