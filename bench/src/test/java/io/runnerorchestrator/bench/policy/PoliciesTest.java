package io.runnerorchestrator.bench.policy;

import io.runnerorchestrator.core.BackoffStatus;
import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.Observation;
import io.runnerorchestrator.core.RemovalReason;
import io.runnerorchestrator.core.RunnerState;
import io.runnerorchestrator.core.RunnerView;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RunnerInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The alternative policies' rules as a table: pool and queue in, starts and removals out. */
class PoliciesTest {
    private static final Instant NOW = Instant.parse("2025-01-06T12:00:00Z");
    private static final ScalingSettings SETTINGS = new ScalingSettings(2, 10, 3, 1, Duration.ofSeconds(300),
            Duration.ofSeconds(30), Duration.ofSeconds(120));

    @Test
    void staticPoolFillsUpToMax() {
        Decision decision = BenchPolicy.STATIC.rules().decide(SETTINGS, observe(runners(2, 1, 0, 60), 0), NOW);

        assertThat(decision.starts()).hasSize(7);
        assertThat(decision.removals()).isEmpty();
    }

    @Test
    void seedAddsOneRunnerPerPassOnlyAtTheThreshold() {
        assertThat(BenchPolicy.SEED.rules().decide(SETTINGS, observe(runners(2, 0, 0, 60), 5), NOW).starts()).hasSize(1);
        assertThat(BenchPolicy.SEED.rules().decide(SETTINGS, observe(runners(2, 0, 0, 60), 2), NOW).starts()).isEmpty();
        assertThat(BenchPolicy.SEED.rules().decide(SETTINGS, observe(runners(0, 0, 0, 60), 2), NOW).starts()).hasSize(2);
    }

    @Test
    void seedRemovesOneRunnerIdlePastTheTimeoutPerPassAndKeepsMin() {
        Decision decision = BenchPolicy.SEED.rules().decide(SETTINGS, observe(runners(4, 0, 0, 400), 0), NOW);

        assertThat(decision.removals()).singleElement()
                .satisfies(removal -> assertThat(removal.reason()).isEqualTo(RemovalReason.IDLE_TIMEOUT));
        assertThat(BenchPolicy.SEED.rules().decide(SETTINGS, observe(runners(2, 0, 0, 400), 0), NOW).removals())
                .isEmpty();
    }

    @Test
    void demandKeepsOneRunnerPerQueuedOrBusyJobPlusMinIdle() {
        assertThat(BenchPolicy.DEMAND.rules().decide(SETTINGS, observe(runners(2, 1, 0, 60), 5), NOW).starts())
                .hasSize(5);
        assertThat(BenchPolicy.DEMAND.rules().decide(SETTINGS, observe(runners(2, 1, 1, 60), 20), NOW).starts())
                .hasSize(6);
        assertThat(BenchPolicy.DEMAND.rules().decide(SETTINGS, observe(runners(4, 0, 0, 5), 0), NOW).removals())
                .hasSize(2);
    }

    private static Observation observe(List<RunnerView> runners, int queued) {
        List<QueuedJob> jobs = new ArrayList<>();
        for (int i = 0; i < queued; i++) {
            jobs.add(new QueuedJob(100 + i, 100 + i, "bench/app", List.of("self-hosted"), NOW.minusSeconds(5)));
        }
        return new Observation(runners, jobs, List.of(), BackoffStatus.NONE);
    }

    /** Idle runners idle for {@code idleSeconds} (each a second less than the one before), busy ones and booting ones. */
    private static List<RunnerView> runners(int idle, int busy, int starting, int idleSeconds) {
        List<RunnerView> runners = new ArrayList<>();
        for (int i = 0; i < idle + busy + starting; i++) {
            RunnerState state = i < idle ? RunnerState.IDLE : i < idle + busy ? RunnerState.BUSY : RunnerState.STARTING;
            String name = "bench-" + i;
            RunnerInstance container = new RunnerInstance(name, "c" + i, RunnerInstance.State.RUNNING, "image",
                    NOW.minusSeconds(600), Optional.empty(), "");
            Optional<GitHubRunner> registration = state == RunnerState.STARTING ? Optional.empty()
                    : Optional.of(new GitHubRunner(i, name, "linux", true, state == RunnerState.BUSY, Set.of()));
            Optional<Instant> idleSince = state == RunnerState.IDLE ? Optional.of(NOW.minusSeconds(idleSeconds - i))
                    : Optional.empty();
            runners.add(new RunnerView(name, state, Optional.of(container), registration, idleSince,
                    state != RunnerState.STARTING, Optional.empty()));
        }
        return runners;
    }
}
