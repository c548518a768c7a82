package io.runnerorchestrator.core;

/**
 * Told of each {@link ReconcileSnapshot} as its pass ends, on the reconcile thread, so a live view can
 * push it at once instead of polling. Must return quickly and never throw: hand the work elsewhere.
 */
public interface SnapshotListener {

    SnapshotListener NOOP = snapshot -> {
    };

    void published(ReconcileSnapshot snapshot);
}
