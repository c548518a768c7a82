package io.runnerorchestrator.githubsim;

/** Told when a job is queued, taken by a runner, or completed (GitHub's workflow_job actions). */
interface JobEvents {
    /** Called under the world's lock: implementations must not block. */
    void jobChanged(String action, SimJob job, String workflowName);

    /** Tells {@code first}, then {@code second}. */
    static JobEvents both(JobEvents first, JobEvents second) {
        return (action, job, workflowName) -> {
            first.jobChanged(action, job, workflowName);
            second.jobChanged(action, job, workflowName);
        };
    }
}
