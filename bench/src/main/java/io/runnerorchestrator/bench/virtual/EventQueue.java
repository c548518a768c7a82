package io.runnerorchestrator.bench.virtual;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The discrete-event loop: actions at virtual instants, run in time order (ties in the order they
 * were scheduled), each after the clock is moved to its instant.
 */
final class EventQueue {

    /** A scheduled action that can still be called off. */
    static final class Handle {
        private boolean cancelled;

        void cancel() {
            cancelled = true;
        }
    }

    private record Event(Instant at, long seq, Runnable action, Handle handle) {
    }

    private final VirtualClock clock;
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private long seq;

    EventQueue(VirtualClock clock) {
        this.clock = clock;
    }

    Handle at(Instant at, Runnable action) {
        Handle handle = new Handle();
        queue.add(new Event(at.isBefore(clock.instant()) ? clock.instant() : at, seq++, action, handle));
        return handle;
    }

    /** Runs events until the next one lies past {@code end} or {@code done} says so; the clock ends at {@code end} at most. */
    void runUntil(Instant end, BooleanSupplier done) {
        while (!queue.isEmpty() && !queue.peek().at.isAfter(end) && !done.getAsBoolean()) {
            Event event = queue.poll();
            if (!event.handle.cancelled) {
                clock.advanceTo(event.at);
                event.action.run();
            }
        }
    }
}
