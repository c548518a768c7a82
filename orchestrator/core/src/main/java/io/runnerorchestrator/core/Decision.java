package io.runnerorchestrator.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one pass decided, as a value: runners to start and why, runners to remove and why (a
 * registration without container is a removal too), stuck jobs, and why each queued job waits.
 *
 * @param desired the number of runners the pool heads for after this decision
 * @param waits   queued job id to the reason it still waits (every queued job, served or not)
 */
public record Decision(int desired, List<Start> starts, List<Removal> removals, List<Long> stuckJobs,
                       Map<Long, WaitReason> waits) {

    public Decision {
        starts = List.copyOf(starts);
        removals = List.copyOf(removals);
        stuckJobs = List.copyOf(stuckJobs);
        waits = Map.copyOf(waits);
    }

    /** One runner to start, for a job (claimed first, so that instances can share a queue) or for MIN_RUNNERS. */
    public record Start(StartReason reason, Optional<Long> jobId) {
        @Override
        public String toString() {
            return reason + jobId.map(id -> ":job-" + id).orElse("");
        }
    }

    /**
     * One runner to remove.
     *
     * @param registrationId the GitHub registration to delete first (checked not busy just before)
     * @param container      whether there is a container to remove
     */
    public record Removal(String runnerName, Optional<Long> registrationId, boolean container, RemovalReason reason) {
        static Removal of(RunnerView runner, RemovalReason reason) {
            return new Removal(runner.name(), runner.registrationId(), runner.instance().isPresent(), reason);
        }

        @Override
        public String toString() {
            return runnerName + ":" + reason;
        }
    }

    public boolean changesNothing() {
        return starts.isEmpty() && removals.isEmpty() && stuckJobs.isEmpty();
    }

    @Override
    public String toString() {
        Map<WaitReason.Kind, Long> waiting = waits.values().stream()
                .collect(Collectors.groupingBy(WaitReason::kind, () -> new EnumMap<>(WaitReason.Kind.class),
                        Collectors.counting()));
        return "desired=" + desired + " start=" + starts + " remove=" + removals + " stuck=" + stuckJobs
                + " waiting=" + waiting;
    }
}
