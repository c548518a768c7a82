package io.runnerorchestrator.core;

import io.runnerorchestrator.core.WaitReason.Kind;
import io.runnerorchestrator.core.port.QueuedJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.runnerorchestrator.core.Views.NOW;
import static io.runnerorchestrator.core.Views.backoff;
import static io.runnerorchestrator.core.Views.busy;
import static io.runnerorchestrator.core.Views.exited;
import static io.runnerorchestrator.core.Views.idle;
import static io.runnerorchestrator.core.Views.job;
import static io.runnerorchestrator.core.Views.observe;
import static io.runnerorchestrator.core.Views.registrationOnly;
import static io.runnerorchestrator.core.Views.settings;
import static io.runnerorchestrator.core.Views.starting;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/** What a decision says besides starts and removals: why jobs wait, the desired size, shutdown, the log line. */
class DecisionDetailsTest {

    @Test
    void everyQueuedJobHasTheReasonItWaits() {
        List<QueuedJob> jobs = List.of(job(1, ofSeconds(50)), job(2, ofSeconds(40)), job(3, ofSeconds(30)),
                job(4, ofSeconds(20)), job(5, ofSeconds(10)));
        Observation observation = new Observation(List.of(idle("i", ofSeconds(5)), starting("s", ofSeconds(5)), busy("b")),
                jobs, List.of(job(9, ofSeconds(5), "gpu")), BackoffStatus.NONE);

        Decision decision = ScalingPolicy.decide(settings(0, 4, 3, 1), observation, NOW);

        assertThat(kinds(decision)).containsExactlyInAnyOrderEntriesOf(Map.of(
                1L, Kind.RUNNER_IDLE, 2L, Kind.RUNNER_STARTING, 3L, Kind.RUNNER_STARTING,
                4L, Kind.AT_MAX_RUNNERS, 5L, Kind.AT_MAX_RUNNERS, 9L, Kind.LABELS_NOT_SERVED));
        assertThat(decision.waits().get(3L).describe()).isEqualTo("runner starting");
        assertThat(decision.waits().get(4L).describe()).isEqualTo("at MAX_RUNNERS");
        assertThat(decision.desired()).isEqualTo(4);
    }

    @Test
    void aFreshJobBelowTheThresholdWaitsOnlyForItsRunnerToBoot() {
        Decision decision = ScalingPolicy.decide(settings(0, 10, 3, 1), observe(List.of(), List.of(job(1, ofSeconds(5)))), NOW);

        assertThat(decision.waits().get(1L).describe()).isEqualTo("runner starting");
    }

    @Test
    void duringBackoffJobsWaitUntilItEnds() {
        Observation observation = new Observation(List.of(), List.of(job(1, ofMinutes(2))), List.of(),
                backoff(3, NOW.plusSeconds(60)));

        Decision decision = ScalingPolicy.decide(settings(0, 10, 1, 0), observation, NOW);

        assertThat(decision.starts()).isEmpty();
        assertThat(decision.waits().get(1L).describe())
                .isEqualTo("start failures: backing off until " + NOW.plusSeconds(60));
    }

    @Test
    void stuckJobsAreNamed() {
        Decision decision = ScalingPolicy.decide(settings(0, 10, 3, 1),
                observe(List.of(idle("i", ofMinutes(10))), List.of(job(7, ofMinutes(3)))), NOW);

        assertThat(decision.stuckJobs()).containsExactly(7L);
        assertThat(decision.waits().get(7L).kind()).isEqualTo(Kind.STUCK);
    }

    @Test
    void shutdownRemovesIdleAndBootingRunnersAndLeavesBusyOnes() {
        Observation observation = observe(List.of(idle("i", ofSeconds(5)), starting("s", ofSeconds(5)), busy("b"),
                exited("e", 0, true), registrationOnly("o", false)), List.of(job(1, ofSeconds(5))));

        Decision decision = ScalingPolicy.decideShutdown(observation);

        assertThat(decision.starts()).isEmpty();
        assertThat(decision.removals()).hasToString("[e:EXITED, o:ORPHAN_REGISTRATION, i:SHUTDOWN, s:SHUTDOWN]");
        assertThat(decision.waits().get(1L).kind()).isEqualTo(Kind.SHUTTING_DOWN);
        assertThat(decision.desired()).isEqualTo(1);
    }

    @Test
    void printsAsOneReadableLine() {
        Decision decision = ScalingPolicy.decide(settings(1, 10, 1, 0),
                observe(List.of(exited("old", 0, true)), List.of(job(5, ofSeconds(3)))), NOW);

        assertThat(decision).hasToString(
                "desired=1 start=[QUEUE:job-5] remove=[old:EXITED] stuck=[] waiting={RUNNER_STARTING=1}");
    }

    /** Random pictures, fixed seed: the bounds hold whatever the mix of runners and jobs. */
    @Test
    void neverAboveMaxNeverBelowMinNeverBusy() {
        Random random = new Random(42);
        for (int round = 0; round < 1_000; round++) {
            int min = random.nextInt(4);
            int max = min + random.nextInt(6);
            ScalingSettings settings = settings(min, Math.max(max, 1), 1 + random.nextInt(4), random.nextInt(2));
            List<RunnerView> runners = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                runners.add(randomRunner(random, "r" + i));
            }
            List<QueuedJob> jobs = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                jobs.add(job(i, ofSeconds(random.nextInt(300))));
            }
            Decision decision = ScalingPolicy.decide(settings, observe(runners, jobs), NOW);

            Map<String, RunnerView> byName = runners.stream().collect(Collectors.toMap(RunnerView::name, Function.identity()));
            long liveBefore = runners.stream().filter(RunnerView::liveContainer).count();
            long countedRemoved = decision.removals().stream().filter(r -> byName.get(r.runnerName()).state().counted()).count();
            long countedAfter = runners.stream().filter(r -> r.state().counted()).count() - countedRemoved + decision.starts().size();
            Supplier<String> picture = () -> runners + " " + jobs + " " + settings + " -> " + decision;
            if (!decision.starts().isEmpty()) {
                assertThat(liveBefore + decision.starts().size()).as(picture).isLessThanOrEqualTo(settings.maxRunners());
            }
            if (decision.removals().stream().anyMatch(r -> r.reason() == RemovalReason.IDLE_TIMEOUT)) {
                assertThat(countedAfter).as(picture).isGreaterThanOrEqualTo(settings.minRunners());
            }
            assertThat(decision.removals()).as(picture)
                    .noneMatch(r -> byName.get(r.runnerName()).state() == RunnerState.BUSY);
        }
    }

    private static RunnerView randomRunner(Random random, String name) {
        return switch (random.nextInt(6)) {
            case 0 -> idle(name, ofMinutes(random.nextInt(20)));
            case 1 -> busy(name);
            case 2 -> starting(name, ofSeconds(random.nextInt(200)));
            case 3 -> exited(name, random.nextInt(2), random.nextBoolean());
            case 4 -> registrationOnly(name, random.nextBoolean());
            default -> idle(name, Duration.ZERO);
        };
    }

    private static Map<Long, Kind> kinds(Decision decision) {
        return decision.waits().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().kind()));
    }
}
