package io.runnerorchestrator.githubsim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the simulator: every job ever queued, the runners registered now, the REST API
 * requests it answered and, apart, the Actions service's (scale sets: registration, sessions, JIT
 * configs, the message queue; they do not count against the REST rate limit). Status and conclusion use GitHub's words ({@code queued},
 * {@code in_progress}, {@code completed}; {@code success}, {@code failure}, {@code cancelled}).
 * Times keep full precision (the REST API shows whole seconds).
 */
public record SimState(List<Job> jobs, List<Runner> runners, Requests requests, Requests actionsRequests) {

    public SimState {
        jobs = List.copyOf(jobs);
        runners = List.copyOf(runners);
    }

    public Optional<Job> job(long id) {
        return jobs.stream().filter(job -> job.id() == id).findFirst();
    }

    public Optional<Runner> runner(String name) {
        return runners.stream().filter(runner -> runner.name().equals(name)).findFirst();
    }

    public List<Job> jobsWithStatus(String status) {
        return jobs.stream().filter(job -> job.status().equals(status)).toList();
    }

    /** A job; {@code runnerId}/{@code runnerName} are null until a runner takes it. */
    public record Job(long id, long runId, String repository, String status, String conclusion, List<String> labels,
                      Instant queuedAt, Instant startedAt, Instant completedAt, Long runnerId, String runnerName) {
        public Job {
            labels = List.copyOf(labels);
        }
    }

    /** A registered runner; labels are all its label names, read-only ones first. */
    public record Runner(long id, String name, String status, boolean busy, boolean ephemeral, List<String> labels) {
        public Runner {
            labels = List.copyOf(labels);
        }
    }

    /**
     * API requests answered (the control API and runner protocol are not counted): {@code counted}
     * went against the rate limit, {@code notModified} were 304 answers. Keys of {@code byEndpoint}
     * are templates such as {@code GET /repos/{owner}/{repo}/actions/runners}.
     */
    public record Requests(long total, long counted, long notModified, Map<String, Long> byEndpoint,
                           Map<String, Map<Integer, Long>> byEndpointStatus) {
        public Requests {
            byEndpoint = Map.copyOf(byEndpoint);
            byEndpointStatus = Map.copyOf(byEndpointStatus);
        }

        public long count(String endpoint) {
            return byEndpoint.getOrDefault(endpoint, 0L);
        }

        public long count(String endpoint, int status) {
            return byEndpointStatus.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
        }
    }
}
