package io.runnerorchestrator.adapter.github.scaleset;

/**
 * The Actions service's counts for one scale set; a scaler sizes its pool from {@link #assignedJobs()}
 * (jobs the set acquired that have not finished), not from counting messages.
 */
public record ScaleSetStatistics(int availableJobs, int acquiredJobs, int assignedJobs, int runningJobs,
                                 int registeredRunners, int busyRunners, int idleRunners) {

    public static final ScaleSetStatistics NONE = new ScaleSetStatistics(0, 0, 0, 0, 0, 0, 0);
}
