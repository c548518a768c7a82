package io.runnerorchestrator.adapter.github.scaleset;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The set's runners that took a job ({@code JobStarted}) and have not completed it ({@code JobCompleted}),
 * as the messages tell: the agent record of the Actions service does not say whether a runner is busy.
 * Memory only: after a restart a runner busy since before is not known here, and the agents DELETE,
 * which refuses a runner that runs a job, is what keeps it. Thread-safe.
 */
public final class BusyRunners implements Consumer<JobMessage> {

    private final Set<Long> busy = ConcurrentHashMap.newKeySet();

    @Override
    public void accept(JobMessage message) {
        switch (message.type()) {
            case "JobStarted" -> message.runnerId().ifPresent(busy::add);
            case "JobCompleted" -> message.runnerId().ifPresent(busy::remove);
            default -> {
                // only starts and completions say anything about a runner
            }
        }
    }

    public boolean busy(long runnerId) {
        return busy.contains(runnerId);
    }

    /** A runner the service no longer knows: its completion may have been missed, e.g. with a lost session. */
    void gone(long runnerId) {
        busy.remove(runnerId);
    }
}
