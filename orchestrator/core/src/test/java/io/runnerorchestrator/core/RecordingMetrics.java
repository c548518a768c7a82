package io.runnerorchestrator.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps what the core reported, for assertions. */
final class RecordingMetrics implements OrchestratorMetrics {
    final List<StartReason> scaledUp = new ArrayList<>();
    final List<RemovalReason> scaledDown = new ArrayList<>();
    final List<String> startFailures = new ArrayList<>();
    final List<Duration> boots = new ArrayList<>();
    final List<Long> stuckJobs = new ArrayList<>();
    final List<String> passes = new ArrayList<>();
    final List<String> failedPasses = new java.util.concurrent.CopyOnWriteArrayList<>();
    Map<RunnerState, Integer> runners = Map.of();
    int queueLength;
    Duration oldestQueued = Duration.ZERO;
    int jobsStarted;
    int jobsCompleted;

    @Override
    public synchronized void runners(Map<RunnerState, Integer> byState) {
        runners = Map.copyOf(byState);
    }

    @Override
    public synchronized void queue(int length, Duration oldestAge) {
        queueLength = length;
        oldestQueued = oldestAge;
    }

    @Override
    public synchronized void scaledUp(StartReason reason) {
        scaledUp.add(reason);
    }

    @Override
    public synchronized void scaledDown(RemovalReason reason) {
        scaledDown.add(reason);
    }

    @Override
    public synchronized void startFailed(String cause) {
        startFailures.add(cause);
    }

    @Override
    public synchronized void runnerBooted(Duration bootTime) {
        boots.add(bootTime);
    }

    @Override
    public synchronized void reconciled(Duration duration, String outcome) {
        passes.add(outcome);
    }

    @Override
    public void passFailed(String exception) {
        failedPasses.add(exception);
    }

    @Override
    public synchronized void stuckJob(long jobId) {
        stuckJobs.add(jobId);
    }

    @Override
    public synchronized void jobStarted() {
        jobsStarted++;
    }

    @Override
    public synchronized void jobCompleted() {
        jobsCompleted++;
    }
}
