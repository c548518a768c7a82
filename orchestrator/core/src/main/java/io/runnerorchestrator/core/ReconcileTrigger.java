package io.runnerorchestrator.core;

/** Asks for a reconcile pass now instead of at the next poll. Events only trigger; they never decide. */
@FunctionalInterface
public interface ReconcileTrigger {
    void requestPass(String reason);
}
