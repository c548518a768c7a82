package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Questions about the simulator's jobs that the end-to-end tests ask again and again. */
public final class SimJobs {

    private SimJobs() {
    }

    public static List<SimState.Job> of(SimState state, Collection<Long> ids) {
        return state.jobs().stream().filter(job -> ids.contains(job.id())).toList();
    }

    public static boolean allCompleted(SimState state, Collection<Long> ids) {
        List<SimState.Job> jobs = of(state, ids);
        return jobs.size() == ids.size() && jobs.stream().allMatch(job -> job.status().equals("completed"));
    }

    /** Jobs that ended other than with success: a runner killed under a job shows here. */
    public static List<String> notSuccessful(SimState state) {
        return state.jobs().stream()
                .filter(job -> job.conclusion() != null && !job.conclusion().equals("success"))
                .map(job -> job.id() + ":" + job.conclusion())
                .toList();
    }

    /** From queued to taken by a runner, for each job that was taken. */
    static List<Duration> waits(SimState state, Collection<Long> ids) {
        return of(state, ids).stream().filter(job -> job.startedAt() != null)
                .map(job -> Duration.between(job.queuedAt(), job.startedAt())).sorted().toList();
    }
}
