package io.runnerorchestrator.demo;

import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Queues the {@link BurstPlan}'s bursts of jobs into the simulator, on one named thread ({@value #THREAD_NAME}). */
public final class DemoWorkload {

    static final String THREAD_NAME = "demo-workload";
    private static final Logger log = LoggerFactory.getLogger(DemoWorkload.class);

    private final GitHubSimulator simulator;
    private final String repository;
    private final List<String> runsOn;
    private final BurstPlan plan;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    /** @param runsOn the jobs' {@code runs-on} labels: the orchestrator's runner labels, so it serves them */
    public DemoWorkload(GitHubSimulator simulator, String repository, List<String> runsOn, BurstPlan plan) {
        this.simulator = simulator;
        this.repository = repository;
        this.runsOn = List.copyOf(runsOn);
        this.plan = plan;
    }

    void start() {
        scheduleNext();
    }

    /** No burst begins after this returns. */
    void stop() {
        thread.shutdownNow();
    }

    String schedule() {
        return plan.schedule();
    }

    private void scheduleNext() {
        BurstPlan.Burst burst = plan.next();
        try {
            thread.schedule(() -> queue(burst), burst.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("demo.workload.stopped");
        }
    }

    private void queue(BurstPlan.Burst burst) {
        try {
            Workload jobs = Workload.jobs(repository, burst.jobs()).labels(runsOn).duration(burst.jobDuration())
                    .named(burst.matrix() ? "test" : "build");
            List<Long> ids = simulator.enqueue(burst.matrix() ? jobs.matrix() : jobs);
            log.info("demo.burst jobs={} matrix={} job_duration_s={} job_ids={}", burst.jobs(), burst.matrix(),
                    burst.jobDuration().toSeconds(), ids);
        } catch (RuntimeException e) {
            // One failed burst must not end the demo's workload.
            log.warn("demo.burst.failed error={}", e.toString());
        }
        scheduleNext();
    }
}
