package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.ReconcileTrigger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every reason it was asked for a pass. */
final class RecordingTrigger implements ReconcileTrigger {

    private final List<String> reasons = new CopyOnWriteArrayList<>();

    @Override
    public void requestPass(String reason) {
        reasons.add(reason);
    }

    List<String> reasons() {
        return List.copyOf(reasons);
    }

    void clear() {
        reasons.clear();
    }
}
