package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.runnerorchestrator.core.Views.NOW;
import static io.runnerorchestrator.core.Views.backoff;
import static io.runnerorchestrator.core.Views.busy;
import static io.runnerorchestrator.core.Views.exited;
import static io.runnerorchestrator.core.Views.idle;
import static io.runnerorchestrator.core.Views.job;
import static io.runnerorchestrator.core.Views.lost;
import static io.runnerorchestrator.core.Views.observe;
import static io.runnerorchestrator.core.Views.registrationOnly;
import static io.runnerorchestrator.core.Views.settings;
import static io.runnerorchestrator.core.Views.starting;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/** Every scaling rule as a row: settings, what was observed, and the starts and removals expected. */
class ScalingPolicyTest {

    // Defaults of the rows: poll 30 s, idle timeout 5 min, boot timeout 120 s.
    static Stream<Arguments> rules() {
        return Stream.of(
                row("MIN=0 and nothing queued: nothing happens",
                        settings(0, 5, 3, 1), List.of(), List.of(), BackoffStatus.NONE, "[]", "[]"),
                row("below MIN: the pool is filled up to MIN",
                        settings(2, 5, 3, 1), List.of(busy("b")), List.of(), BackoffStatus.NONE, "[MIN_RUNNERS]", "[]"),
                row("queue reaches the threshold: one runner per job, in one step",
                        settings(0, 10, 3, 1), List.of(), jobs(3, ofSeconds(5)), BackoffStatus.NONE,
                        "[QUEUE:job-1, QUEUE:job-2, QUEUE:job-3]", "[]"),
                row("below the threshold a fresh job gets a runner at once too: no job waits for a rule",
                        settings(0, 10, 3, 1), List.of(), jobs(2, ofSeconds(1)), BackoffStatus.NONE,
                        "[QUEUE:job-1, QUEUE:job-2]", "[]"),
                row("burst buffer: at the threshold, one spare runner per 10 queued jobs, ahead of demand",
                        settings(0, 20, 3, 1), List.of(), jobs(11, ofSeconds(1)), BackoffStatus.NONE,
                        "[QUEUE:job-1, QUEUE:job-2, QUEUE:job-3, QUEUE:job-4, QUEUE:job-5, QUEUE:job-6, QUEUE:job-7,"
                                + " QUEUE:job-8, QUEUE:job-9, QUEUE:job-10, QUEUE:job-11, BURST_BUFFER]", "[]"),
                row("burst buffer: none below the threshold",
                        settings(0, 20, 12, 1), List.of(), jobs(11, ofSeconds(1)), BackoffStatus.NONE,
                        "[QUEUE:job-1, QUEUE:job-2, QUEUE:job-3, QUEUE:job-4, QUEUE:job-5, QUEUE:job-6, QUEUE:job-7,"
                                + " QUEUE:job-8, QUEUE:job-9, QUEUE:job-10, QUEUE:job-11]", "[]"),
                row("burst buffer: spare idle runners count toward it",
                        settings(0, 20, 3, 1), idleRunners(11, ofSeconds(5)), jobs(10, ofSeconds(1)),
                        BackoffStatus.NONE, "[]", "[]"),
                row("burst buffer: idle runners taken by the queue leave none spare",
                        settings(0, 20, 3, 1), idleRunners(10, ofSeconds(5)), jobs(10, ofSeconds(1)),
                        BackoffStatus.NONE, "[BURST_BUFFER]", "[]"),
                row("booting runners count: only uncovered jobs get a runner",
                        settings(0, 10, 3, 1), List.of(starting("s1", ofSeconds(10)), starting("s2", ofSeconds(10))),
                        jobs(3, ofSeconds(5)), BackoffStatus.NONE, "[QUEUE:job-3]", "[]"),
                row("idle runners take queued jobs first",
                        settings(0, 10, 3, 1), List.of(idle("i1", ofSeconds(5)), idle("i2", ofSeconds(5))),
                        jobs(2, ofSeconds(5)), BackoffStatus.NONE, "[]", "[]"),
                row("MAX caps the step",
                        settings(0, 4, 3, 1), List.of(busy("b1"), busy("b2")), jobs(10, ofSeconds(5)),
                        BackoffStatus.NONE, "[QUEUE:job-1, QUEUE:job-2]", "[]"),
                row("at MAX: no start, however long the queue",
                        settings(0, 2, 1, 0), List.of(busy("b1"), busy("b2")), jobs(5, ofMinutes(10)),
                        BackoffStatus.NONE, "[]", "[]"),
                row("starts for jobs also lift the pool to MIN",
                        settings(3, 10, 1, 0), List.of(), jobs(1, ofSeconds(5)), BackoffStatus.NONE,
                        "[QUEUE:job-1, MIN_RUNNERS, MIN_RUNNERS]", "[]"),
                row("idle past IDLE_TIMEOUT removed down to MIN, longest idle first",
                        settings(1, 10, 3, 1),
                        List.of(idle("a", ofMinutes(10)), idle("b", ofMinutes(20)), idle("c", ofMinutes(6))),
                        List.of(), BackoffStatus.NONE, "[]", "[b:IDLE_TIMEOUT, a:IDLE_TIMEOUT]"),
                row("idle not yet past IDLE_TIMEOUT is kept",
                        settings(0, 10, 3, 1), List.of(idle("a", ofMinutes(4))), List.of(), BackoffStatus.NONE,
                        "[]", "[]"),
                row("MIN=0: every idle runner past the timeout goes",
                        settings(0, 10, 3, 1), List.of(idle("a", ofMinutes(6)), idle("b", ofMinutes(7))), List.of(),
                        BackoffStatus.NONE, "[]", "[b:IDLE_TIMEOUT, a:IDLE_TIMEOUT]"),
                row("scale-down blocked while the queue is above SCALE_DOWN_THRESHOLD",
                        settings(0, 10, 5, 1), idleRunners(4, ofMinutes(10)), jobs(2, ofSeconds(5)),
                        BackoffStatus.NONE, "[]", "[]"),
                row("scale-down keeps the idle runners queued jobs need",
                        settings(0, 10, 3, 1), idleRunners(3, ofMinutes(10)), jobs(1, ofSeconds(5)),
                        BackoffStatus.NONE, "[]", "[i1:IDLE_TIMEOUT, i2:IDLE_TIMEOUT]"),
                row("busy runners are never removed",
                        settings(0, 10, 3, 1), List.of(busy("b1"), busy("b2")), List.of(), BackoffStatus.NONE,
                        "[]", "[]"),
                row("boot timeout: a runner not online after 120 s is removed as a failed start",
                        settings(0, 10, 3, 1), List.of(starting("s", ofSeconds(121))), List.of(), BackoffStatus.NONE,
                        "[]", "[s:BOOT_TIMEOUT]"),
                row("a failed start holds replacements back this pass: the backoff decides the next",
                        settings(2, 10, 1, 0), List.of(starting("s", ofSeconds(121)), exited("e", 1, false)),
                        jobs(3, ofMinutes(2)), BackoffStatus.NONE, "[]", "[s:BOOT_TIMEOUT, e:START_FAILED]"),
                row("within the boot timeout a runner is left to boot",
                        settings(0, 10, 3, 1), List.of(starting("s", ofSeconds(119))), List.of(), BackoffStatus.NONE,
                        "[]", "[]"),
                row("exited after its job: removed",
                        settings(0, 10, 3, 1), List.of(exited("e", 0, true)), List.of(), BackoffStatus.NONE,
                        "[]", "[e:EXITED]"),
                row("exited with an error before it was ever online: a failed start",
                        settings(0, 10, 3, 1), List.of(exited("e", 1, false)), List.of(), BackoffStatus.NONE,
                        "[]", "[e:START_FAILED]"),
                row("offline registration without container deleted, online one left alone",
                        settings(0, 10, 3, 1), List.of(registrationOnly("off", false), registrationOnly("on", true)),
                        List.of(), BackoffStatus.NONE, "[]", "[off:ORPHAN_REGISTRATION]"),
                row("was online, now offline with its container running: removed",
                        settings(0, 10, 3, 1), List.of(lost("l")), List.of(), BackoffStatus.NONE, "[]", "[l:LOST]"),
                row("containers being removed keep their place under MAX this pass",
                        settings(0, 2, 1, 0), List.of(starting("s", ofSeconds(200)), busy("b")), jobs(3, ofSeconds(5)),
                        BackoffStatus.NONE, "[]", "[s:BOOT_TIMEOUT]"),
                row("backoff: no start before it ends, not even for MIN",
                        settings(2, 10, 1, 0), List.of(), jobs(3, ofMinutes(5)), backoff(2, NOW.plusSeconds(10)),
                        "[]", "[]"),
                row("backoff over: one probe runner at a time",
                        settings(0, 10, 1, 0), List.of(), jobs(5, ofSeconds(5)), backoff(2, NOW.minusSeconds(1)),
                        "[QUEUE:job-1]", "[]"),
                row("while the probe boots, no other start",
                        settings(0, 10, 1, 0), List.of(starting("probe", ofSeconds(30))), jobs(5, ofSeconds(5)),
                        backoff(2, NOW.minusSeconds(1)), "[]", "[]"),
                row("stuck job: an idle runner beside it for over 3 polls is recycled, the job gets a fresh one",
                        settings(0, 10, 3, 1), List.of(idle("i", ofMinutes(5))), List.of(job(1, ofMinutes(2))),
                        BackoffStatus.NONE, "[QUEUE:job-1]", "[i:STUCK_JOB]"),
                row("a job beside an idle runner for less than 3 polls is not stuck",
                        settings(0, 10, 3, 1), List.of(idle("i", ofMinutes(5))), List.of(job(1, ofSeconds(80))),
                        BackoffStatus.NONE, "[]", "[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(String rule, ScalingSettings settings, List<RunnerView> runners, List<QueuedJob> jobs,
                 BackoffStatus backoff, String starts, String removals) {
        Decision decision = ScalingPolicy.decide(settings, new Observation(runners, jobs, List.of(), backoff), NOW);

        assertThat(decision.starts()).as("starts").hasToString(starts);
        assertThat(decision.removals()).as("removals").hasToString(removals);
        assertThat(decision.removals()).as("busy runners are never removed")
                .noneMatch(r -> runners.stream().anyMatch(v -> v.name().equals(r.runnerName()) && v.state() == RunnerState.BUSY));
    }

    static Stream<Arguments> warmPool() {
        ScalingSettings predictive = settings(0, 10, 3, 1).withWarmPool(ScalingSettings.WarmPool.PREDICTIVE);
        return Stream.of(
                Arguments.of("off: no spare runner whatever the forecast", settings(0, 10, 3, 1), List.of(), 2.5, "[]"),
                Arguments.of("the expected arrivals within one boot, rounded up", predictive, List.of(), 1.2,
                        "[WARM_POOL, WARM_POOL]"),
                Arguments.of("a negligible forecast keeps nothing", predictive, List.of(), 0.01, "[]"),
                Arguments.of("spare idle and booting runners count toward it", predictive,
                        List.of(idle("i", ofSeconds(5)), starting("s", ofSeconds(2))), 2.0, "[]"),
                Arguments.of("MIN_RUNNERS starts count toward it", settings(1, 10, 3, 1)
                        .withWarmPool(ScalingSettings.WarmPool.PREDICTIVE), List.of(), 1.5, "[MIN_RUNNERS, WARM_POOL]"),
                Arguments.of("busy runners do not", predictive, List.of(busy("b1"), busy("b2")), 0.5, "[WARM_POOL]"));
    }

    @ParameterizedTest(name = "warm pool: {0}")
    @MethodSource("warmPool")
    void keepsTheWarmPool(String rule, ScalingSettings settings, List<RunnerView> runners, double expected,
                          String starts) {
        Observation seen = new Observation(runners, List.of(), List.of(), BackoffStatus.NONE, expected);

        assertThat(ScalingPolicy.decide(settings, seen, NOW).starts()).hasToString(starts);
    }

    @Test
    void theWarmPoolIsNotRemovedForIdleness() {
        ScalingSettings predictive = settings(0, 10, 3, 1).withWarmPool(ScalingSettings.WarmPool.PREDICTIVE);
        Observation seen = new Observation(idleRunners(3, ofMinutes(10)), List.of(), List.of(), BackoffStatus.NONE, 0.8);

        assertThat(ScalingPolicy.decide(predictive, seen, NOW).removals()).hasToString("[i1:IDLE_TIMEOUT, i2:IDLE_TIMEOUT]");
    }

    @Test
    void anIdleRunnerIsRemovedOnlyOnceItsIdlenessIsConfirmed() {
        RunnerView seenIdleOnce = idle("a", ofMinutes(10));
        RunnerView unconfirmed = new RunnerView("a", seenIdleOnce.state(), seenIdleOnce.instance(),
                seenIdleOnce.registration(), seenIdleOnce.idleSince(), true, java.util.Optional.empty(), false);
        Observation seen = new Observation(List.of(unconfirmed), List.of(), List.of(), BackoffStatus.NONE);

        assertThat(ScalingPolicy.decide(settings(0, 10, 3, 1), seen, NOW).removals()).isEmpty();
        assertThat(ScalingPolicy.decide(settings(0, 10, 3, 1), observe(List.of(seenIdleOnce), List.of()), NOW).removals())
                .hasToString("[a:IDLE_TIMEOUT]");
    }

    private static Arguments row(String rule, ScalingSettings settings, List<RunnerView> runners, List<QueuedJob> jobs,
                                 BackoffStatus backoff, String starts, String removals) {
        return Arguments.of(rule, settings, runners, jobs, backoff, starts, removals);
    }

    private static List<QueuedJob> jobs(int count, Duration waited) {
        return Stream.iterate(1, i -> i + 1).limit(count).map(i -> job(i, waited.plusSeconds(count - i))).toList();
    }

    private static List<RunnerView> idleRunners(int count, Duration idleFor) {
        return Stream.iterate(1, i -> i + 1).limit(count).map(i -> idle("i" + i, idleFor.plusMinutes(count - i))).toList();
    }
}
