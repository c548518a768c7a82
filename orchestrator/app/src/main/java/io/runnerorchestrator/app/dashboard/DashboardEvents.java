package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.SnapshotListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The live side of the dashboard: told of each snapshot by the reconcile loop, it records the
 * timeline and the charts at once, then sends one event to every subscriber from its own thread
 * ({@value #THREAD_NAME}), so a slow browser never holds up a pass. Snapshots that arrive while a send
 * is under way are merged into the next event (the timeline and samples carry over, so nothing is
 * lost). A comment line goes out every {@code heartbeat}: a write is the only way to notice a browser
 * that went away, and a failed write forgets it, so a dropped connection keeps neither thread nor memory.
 */
public final class DashboardEvents implements SnapshotListener, AutoCloseable {

    public static final String THREAD_NAME = "dashboard-events";
    public static final String EVENT = "snapshot";
    private static final Logger log = LoggerFactory.getLogger(DashboardEvents.class);

    private final DashboardView view;
    private final DecisionTimeline timeline;
    private final ChartHistory history;
    private final Supplier<ReconcileSnapshot> current;
    private final JsonMapper json;
    private final Duration streamTimeout;
    private final int maxSubscribers;
    private final Set<SseEmitter> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ReconcileSnapshot> pending = new AtomicReference<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    /** What the previous event carried; only the events thread touches them. */
    private long sentSeq;
    private long sentSampleT;

    /**
     * @param current       the last snapshot, for a subscriber's first event
     * @param streamTimeout a stream ends after this (the browser reconnects on its own): a bound on
     *                      what a client that vanished without a trace can hold
     */
    DashboardEvents(DashboardView view, DecisionTimeline timeline, ChartHistory history,
                    Supplier<ReconcileSnapshot> current, JsonMapper json, Duration heartbeat, Duration streamTimeout,
                    int maxSubscribers) {
        this.view = view;
        this.timeline = timeline;
        this.history = history;
        this.current = current;
        this.json = json;
        this.streamTimeout = streamTimeout;
        this.maxSubscribers = maxSubscribers;
        thread.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void published(ReconcileSnapshot snapshot) {
        timeline.record(snapshot);
        history.record(view.sample(snapshot));
        if (pending.getAndSet(snapshot) == null) {
            thread.execute(this::broadcast);
        }
    }

    /** The whole picture as of now: the page's first render and a subscriber's first event. */
    DashboardState fullState() {
        return view.state(current.get(), true, timeline.all(), history.all());
    }

    /** A new stream, its first event the whole picture; empty when too many are open already. */
    Optional<SseEmitter> subscribe() {
        if (subscribers.size() >= maxSubscribers) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        subscribers.add(emitter);
        DashboardState state = fullState();
        send(emitter, state.pass(), json.writeValueAsString(state));
        return Optional.of(emitter);
    }

    /** Open streams; for tests and the metrics. */
    public int subscribers() {
        return subscribers.size();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        List.copyOf(subscribers).forEach(SseEmitter::complete);
        subscribers.clear();
    }

    private void broadcast() {
        ReconcileSnapshot snapshot = pending.getAndSet(null);
        if (snapshot == null) {
            return;
        }
        try {
            long seq = timeline.lastSeq();
            List<DashboardState.Sample> samples = history.from(sentSampleT);
            DashboardState state = view.state(snapshot, false, timeline.since(sentSeq), samples);
            sentSeq = seq;
            if (!samples.isEmpty()) {
                sentSampleT = samples.get(samples.size() - 1).t();
            }
            String data = json.writeValueAsString(state);
            for (SseEmitter emitter : subscribers) {
                send(emitter, snapshot.pass(), data);
            }
        } catch (RuntimeException e) {
            // A bug here must not end the events thread: the next pass sends the picture again.
            log.warn("dashboard.broadcast.failed error={}", e.toString(), e);
        }
    }

    private void heartbeat() {
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                forget(emitter, e);
            }
        }
    }

    private void send(SseEmitter emitter, long pass, String data) {
        try {
            emitter.send(SseEmitter.event().name(EVENT).id(Long.toString(pass)).data(data, MediaType.TEXT_PLAIN));
        } catch (IOException | IllegalStateException e) {
            forget(emitter, e);
        }
    }

    /** The browser went away: drop it now and end its request, so the container frees it at once. */
    private void forget(SseEmitter emitter, Exception cause) {
        if (subscribers.remove(emitter)) {
            try {
                emitter.completeWithError(cause);
            } catch (RuntimeException alreadyEnded) {
                // Ended by the container already: nothing left to free.
            }
            log.debug("dashboard.subscriber.gone subscribers={}", subscribers.size());
        }
    }
}
