package io.runnerorchestrator.githubsim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A workflow job as the simulator holds it (immutable; the world replaces it on each change). */
record SimJob(
        long id,
        long runId,
        String repository,
        String name,
        List<String> labels,
        Duration duration,
        JobStatus status,
        String conclusion,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Long runnerId,
        String runnerName) {

    SimJob {
        labels = List.copyOf(labels);
    }

    static SimJob queued(long id, long runId, String repository, String name, List<String> labels,
                         Duration duration, Instant now) {
        return new SimJob(id, runId, repository, name, labels, duration, JobStatus.QUEUED, null, now, null, null,
                null, null);
    }

    SimJob startedBy(SimRunner runner, Instant now) {
        return new SimJob(id, runId, repository, name, labels, duration, JobStatus.IN_PROGRESS, null, createdAt, now,
                null, runner.id(), runner.name());
    }

    /** Back in the queue: it was handed to a runner that left before it saw the job. */
    SimJob requeued() {
        return new SimJob(id, runId, repository, name, labels, duration, JobStatus.QUEUED, null, createdAt, null, null,
                null, null);
    }

    SimJob completed(String jobConclusion, Instant now) {
        return new SimJob(id, runId, repository, name, labels, duration, JobStatus.COMPLETED, jobConclusion,
                createdAt, startedAt, now, runnerId, runnerName);
    }

    /** Every {@code runs-on} label is among the runner's labels, ignoring case (as GitHub matches). */
    boolean matches(SimRunner runner) {
        return labels.stream().allMatch(runner::hasLabel);
    }

    enum JobStatus {
        QUEUED("queued"), IN_PROGRESS("in_progress"), COMPLETED("completed");

        private final String apiName;

        JobStatus(String apiName) {
            this.apiName = apiName;
        }

        String apiName() {
            return apiName;
        }
    }
}
