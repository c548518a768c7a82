package io.runnerorchestrator.githubsim;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A workflow run and its jobs; its status follows its jobs as on GitHub. */
record SimRun(long id, String repository, String workflowName, Instant createdAt, List<SimJob> jobs) {

    SimRun {
        jobs = List.copyOf(jobs);
    }

    /** queued until a job starts, in_progress while any job is not completed, then completed. */
    String status() {
        if (jobs.stream().allMatch(job -> job.status() == SimJob.JobStatus.COMPLETED)) {
            return "completed";
        }
        return jobs.stream().allMatch(job -> job.status() == SimJob.JobStatus.QUEUED) ? "queued" : "in_progress";
    }

    /** null until completed; failure if a job failed, cancelled if one was cancelled, else success. */
    String conclusion() {
        if (!"completed".equals(status())) {
            return null;
        }
        List<String> conclusions = jobs.stream().map(SimJob::conclusion).toList();
        if (conclusions.contains("failure")) {
            return "failure";
        }
        return conclusions.contains("cancelled") ? "cancelled" : "success";
    }

    Instant startedAt() {
        return jobs.stream().map(SimJob::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(createdAt);
    }

    Instant updatedAt() {
        return jobs.stream()
                .map(job -> job.completedAt() != null ? job.completedAt() : job.startedAt())
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(createdAt);
    }
}
