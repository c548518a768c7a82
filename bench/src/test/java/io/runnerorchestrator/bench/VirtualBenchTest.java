package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.measure.ResultTable;
import io.runnerorchestrator.bench.measure.RunRecord;
import io.runnerorchestrator.bench.measure.RunSummary;
import io.runnerorchestrator.bench.measure.Timeline;
import io.runnerorchestrator.bench.policy.BenchPolicy;
import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.bench.trace.TraceRun;
import io.runnerorchestrator.bench.virtual.VirtualModel;
import io.runnerorchestrator.bench.virtual.VirtualRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every policy in every mode on a tiny trace in virtual time: every job done, and figures that add up. */
class VirtualBenchTest {
    private static final Trace TINY = new Trace("tiny", 0, "a matrix of 4, then two single jobs, 20 s each",
            Duration.ofMinutes(3), List.of(
            new TraceRun(Duration.ZERO, 4, Duration.ofSeconds(20)),
            new TraceRun(Duration.ofSeconds(40), 1, Duration.ofSeconds(20)),
            new TraceRun(Duration.ofSeconds(100), 1, Duration.ofSeconds(20))));
    private static final VirtualModel MODEL = new VirtualModel(Duration.ofMillis(300), Duration.ofSeconds(5),
            Duration.ofMillis(500), 5_000);
    private static final int MAX = 6;

    @Test
    void everyPolicyCompletesEveryJobAndTheTableHasARowPerRun() {
        List<RunSummary> rows = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (BenchPolicy policy : BenchPolicy.values()) {
                RunRecord record = new VirtualRun(setup(policy, mode), MODEL).run();
                RunSummary summary = RunSummary.of(record);
                String run = policy.label() + ", " + mode.label();

                assertThat(summary.completed()).as(run).isEqualTo(6).isEqualTo(summary.jobs());
                assertThat(summary.busyRunnerSeconds()).as(run).isCloseTo(120, within(1e-6));
                assertThat(summary.pickupSeconds().count()).as(run).isEqualTo(6);
                assertThat(summary.pickupSeconds().max()).as(run).isLessThanOrEqualTo(summary.waitSeconds().max());
                assertThat(summary.peakRunners()).as(run).isBetween(1, MAX);
                // The runners started for the jobs were registered: charged requests.
                assertThat(summary.countedPerJob()).as(run).isPositive();
                assertThat(summary.passMillis().count()).as(run).isPositive();
                Timeline timeline = Timeline.of(record, 50);
                assertThat(Arrays.stream(timeline.queued()).max().orElseThrow()).as(run).isLessThanOrEqualTo(4);
                assertThat(Arrays.stream(timeline.runners()).min().orElseThrow()).as(run).isGreaterThanOrEqualTo(0);
                rows.add(summary);
            }
        }

        String table = ResultTable.markdown(rows);
        assertThat(table.lines()).hasSize(2 + 12);
        assertThat(table).contains("| static | webhook | 6/6 |", "| ours | polling | 6/6 |", "| ours | scaleset | 6/6 |",
                "Actions calls per job");
    }

    @Test
    void scaleSetModeServesEveryJobFromItsMessagesAndReadsLessOfTheRestApiThanWebhooks() {
        RunSummary webhook = RunSummary.of(new VirtualRun(setup(BenchPolicy.OURS, Mode.WEBHOOK), MODEL).run());
        RunSummary scaleSet = RunSummary.of(new VirtualRun(setup(BenchPolicy.OURS, Mode.SCALESET), MODEL).run());

        assertThat(scaleSet.completed()).isEqualTo(6).isEqualTo(scaleSet.jobs());
        assertThat(scaleSet.countedPerJob()).isLessThan(webhook.countedPerJob());
        // Runners are registered through the Actions service, and the queue never comes from the REST API.
        assertThat(scaleSet.requestsByEndpoint()).doesNotContainKeys(
                "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig", "GET /repos/{owner}/{repo}/actions/runs");
        assertThat(scaleSet.actionsByEndpoint().get("POST /_apis/runtime/runnerscalesets/{id}/generatejitconfig")[0])
                .isGreaterThanOrEqualTo(6);
        assertThat(scaleSet.actionsRegisteringPerJob()).isGreaterThanOrEqualTo(1);
        assertThat(scaleSet.actionsOtherPerJob()).isPositive();
        assertThat(scaleSet.actionsByEndpoint()).containsKeys("GET /queue/{session}/messages",
                "POST /_apis/runtime/runnerscalesets/{id}/acquirejobs", "DELETE /queue/{session}/messages/{message}");
        assertThat(webhook.usedActionsService()).isFalse();
    }

    @Test
    void theStaticPoolPaysForIdleRunnersAndTheOthersLess() {
        RunSummary fixed = RunSummary.of(new VirtualRun(setup(BenchPolicy.STATIC, Mode.WEBHOOK), MODEL).run());
        RunSummary scaled = RunSummary.of(new VirtualRun(setup(BenchPolicy.OURS, Mode.WEBHOOK), MODEL).run());

        assertThat(fixed.peakRunners()).isEqualTo(MAX);
        assertThat(fixed.idleRunnerSeconds()).isGreaterThan(scaled.idleRunnerSeconds());
        assertThat(fixed.waitSeconds().max()).isZero();
    }

    private static RunSetup setup(BenchPolicy policy, Mode mode) {
        return new RunSetup(TINY, policy, mode, RunSetup.defaults(1, MAX), Duration.ofMinutes(2), RunSetup.IDLE_TAIL);
    }
}
