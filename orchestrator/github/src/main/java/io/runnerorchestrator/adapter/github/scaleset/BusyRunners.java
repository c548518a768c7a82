package io.runnerorchestrator.adapter.github.scaleset;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The set's runners that took a job ({@code JobStarted}) and have not completed it ({@code JobCompleted}),
 * as the messages tell: the agent record of the Actions service does not say whether a runner is busy.
 * Memory only: after a restart a runner busy since before is not known here, and the agents DELETE,
 * which refuses a runner that runs a job, is what keeps it. Thread-safe.
 */
public final class BusyRunners implements Consumer<JobMessage> {

    /** Runner id to the {@code JobStarted} message of the job it runs. */
    private final Map<Long, JobMessage> busy = new ConcurrentHashMap<>();

    @Override
    public void accept(JobMessage message) {
        switch (message.type()) {
            case "JobStarted" -> message.runnerId().ifPresent(id -> busy.put(id, message));
            case "JobCompleted" -> message.runnerId().ifPresent(busy::remove);
            default -> {
                // only starts and completions say anything about a runner
            }
        }
    }

    public boolean busy(long runnerId) {
        return busy.containsKey(runnerId);
    }

    /** The {@code JobStarted} message of every busy runner: what a standby instance is told. */
    List<JobMessage> started() {
        return List.copyOf(busy.values());
    }

    /** A runner the service no longer knows: its completion may have been missed, e.g. with a lost session. */
    void gone(long runnerId) {
        busy.remove(runnerId);
    }
}
