package io.runnerorchestrator.core;

import io.runnerorchestrator.core.Decision.Removal;
import io.runnerorchestrator.core.Decision.Start;
import io.runnerorchestrator.core.DecisionExecutor.Executed;
import io.runnerorchestrator.core.DecisionExecutor.RemovalOutcome;
import io.runnerorchestrator.core.ManualScalingException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Scaling asked for through the API. Each command runs serialized with the reconcile passes on a fresh
 * observation and goes through the same executor, so it re-checks busy on GitHub before a removal and
 * never exceeds MAX_RUNNERS. Runners started here beyond the policy's wish idle and are reaped after
 * IDLE_TIMEOUT like any other. Each command asks for a pass afterwards, so the status shows its effect.
 */
public final class ManualScaling {
    private static final Logger log = LoggerFactory.getLogger(ManualScaling.class);

    /** @param runners the runners started or removed; @param detail what happened, in words */
    public record Result(List<String> runners, String detail) {
        public Result {
            runners = List.copyOf(runners);
        }
    }

    private final Reconciler reconciler;
    private final ReconcileTrigger trigger;

    public ManualScaling(Reconciler reconciler, ReconcileTrigger trigger) {
        this.reconciler = reconciler;
        this.trigger = trigger;
    }

    /** Starts up to {@code count} runners now, as many as fit under MAX_RUNNERS. */
    public Result scaleUp(int count) {
        requirePositive(count);
        Result result = reconciler.command((part, executor) -> {
            int max = part.scaling().maxRunners();
            int live = part.observation().liveContainers();
            int room = Math.max(0, max - live);
            log.info("scale.manual.request direction=up requested={} live={} max={} room={}", count, live, max, room);
            if (room == 0) {
                throw new ManualScalingException(Kind.CONFLICT, "at MAX_RUNNERS=" + max + ": " + live
                        + " runner containers exist; remove one or raise MAX_RUNNERS");
            }
            List<Start> starts = IntStream.range(0, Math.min(count, room))
                    .mapToObj(i -> new Start(StartReason.MANUAL, Optional.empty())).toList();
            Executed done = executor.execute(new Decision(live + starts.size(), starts, List.of(), List.of(), Map.of()),
                    part.slots(), Instant.MAX);
            if (done.started().isEmpty()) {
                throw new ManualScalingException(Kind.FAILED, "no runner could be started: " + reconciler.backoffStatus()
                        .lastFailure().orElse("see the log events runner.start.failed, runner.register.failed and"
                                + " runner.start.skipped"));
            }
            String detail = "started " + done.started().size() + " of " + count + " requested"
                    + (starts.size() < count ? " (MAX_RUNNERS=" + max + ")" : "")
                    + (done.started().size() < starts.size() ? "; a start failed or the cluster is at MAX: see"
                    + " runner.start.failed and runner.start.skipped" : "");
            log.info("scale.manual direction=up requested={} started={} names={}", count, done.started().size(),
                    done.started());
            return new Result(done.started(), detail);
        });
        trigger.requestPass("manual scale-up");
        return result;
    }

    /** Removes up to {@code count} idle runners, longest idle first, never below MIN_RUNNERS. */
    public Result scaleDown(int count) {
        requirePositive(count);
        Result result = reconciler.command((part, executor) -> {
            int min = part.scaling().minRunners();
            List<RunnerView> runners = part.observation().runners();
            int counted = (int) runners.stream().filter(r -> r.state().counted()).count();
            List<RunnerView> idle = runners.stream().filter(r -> r.state() == RunnerState.IDLE).toList();
            List<RunnerView> chosen = ScaleDownSelection.pick(idle, counted, min, count);
            int removable = chosen.size();
            log.info("scale.manual.request direction=down requested={} runners={} idle={} min={} removable={}", count,
                    counted, idle.size(), min, removable);
            if (idle.isEmpty()) {
                throw new ManualScalingException(Kind.CONFLICT, "no idle runner to remove (" + counted
                        + " runners, none idle): busy runners keep their job and starting ones are not idle yet");
            }
            if (removable == 0) {
                throw new ManualScalingException(Kind.CONFLICT, "at MIN_RUNNERS=" + min + ": " + counted
                        + " runners; lower MIN_RUNNERS to go below it");
            }
            List<Removal> removals = chosen.stream()
                    .map(r -> Removal.of(r, RemovalReason.MANUAL)).toList();
            Executed done = executor.execute(new Decision(counted - removable, List.of(), removals, List.of(), Map.of()),
                    part.slots(), Instant.MAX);
            List<String> removed = namesWith(done, RemovalOutcome.REMOVED);
            String kept = done.removals().entrySet().stream().filter(e -> e.getValue() != RemovalOutcome.REMOVED)
                    .map(e -> e.getKey() + " " + describe(e.getValue())).collect(Collectors.joining(", "));
            log.info("scale.manual direction=down requested={} removed={} names={} kept=\"{}\"", count, removed.size(),
                    removed, kept);
            if (removed.isEmpty()) {
                throw new ManualScalingException(Kind.CONFLICT, "no idle runner was removed: " + kept);
            }
            String detail = "removed " + removed.size() + " of " + count + " requested"
                    + (removed.size() < count ? (kept.isEmpty() ? " (MIN_RUNNERS=" + min + " or too few idle runners)"
                    : "; kept " + kept) : "");
            return new Result(removed, detail);
        });
        trigger.requestPass("manual scale-down");
        return result;
    }

    /**
     * Unregisters and removes one runner. A busy runner is refused unless {@code force}, which removes
     * the container at once (its job is cancelled) and the registration as soon as GitHub lets go of it.
     */
    public Result remove(String runnerName, boolean force) {
        Result result = reconciler.command((part, executor) -> {
            RunnerView runner = part.observation().runners().stream().filter(r -> r.name().equals(runnerName)).findFirst()
                    .orElseThrow(() -> new ManualScalingException(Kind.NOT_FOUND, "no runner named '" + runnerName
                            + "' among this instance's runners (see GET /api/v1/runners)"));
            log.info("scale.manual.request direction=remove name={} state={} force={} job={}", runnerName,
                    runner.state().label(), force, runner.job().map(String::valueOf).orElse("-"));
            if (runner.state() == RunnerState.BUSY && !force) {
                throw new ManualScalingException(Kind.CONFLICT, busy(runnerName, runner.job()));
            }
            Removal removal = Removal.of(runner, force ? RemovalReason.FORCED : RemovalReason.MANUAL);
            RemovalOutcome outcome = executor.execute(new Decision(0, List.of(), List.of(removal), List.of(), Map.of()),
                    part.slots(), Instant.MAX).removals().get(runnerName);
            log.info("scale.manual direction=remove name={} outcome={}", runnerName, outcome);
            return switch (outcome) {
                case REMOVED -> new Result(List.of(runnerName), "removed runner " + runnerName
                        + (force && runner.state() == RunnerState.BUSY ? "; its job was cancelled" : ""));
                case KEPT_BUSY -> throw new ManualScalingException(Kind.CONFLICT,
                        busy(runnerName, runner.job()) + " (GitHub showed it busy just now)");
                case KEPT_ONLINE, REFUSED -> throw new ManualScalingException(Kind.CONFLICT,
                        "runner " + runnerName + " " + describe(outcome));
                case FAILED -> throw new ManualScalingException(Kind.FAILED, "removing runner " + runnerName
                        + " failed; see the log event runner.remove.failed");
            };
        });
        trigger.requestPass("manual remove");
        return result;
    }

    private static String busy(String runnerName, Optional<Long> job) {
        return "runner " + runnerName + " is busy" + job.map(id -> " with job " + id).orElse("")
                + "; wait for the job to finish or add ?force=true to remove it and cancel the job";
    }

    private static List<String> namesWith(Executed done, RemovalOutcome outcome) {
        List<String> names = new ArrayList<>();
        done.removals().forEach((name, o) -> {
            if (o == outcome) {
                names.add(name);
            }
        });
        return names;
    }

    private static String describe(RemovalOutcome outcome) {
        return switch (outcome) {
            case REMOVED -> "removed";
            case KEPT_BUSY -> "took a job just now";
            case KEPT_ONLINE -> "is online again";
            case REFUSED -> "could not be unregistered: GitHub refused (422)";
            case FAILED -> "failed to be removed (see runner.remove.failed)";
        };
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
    }
}
