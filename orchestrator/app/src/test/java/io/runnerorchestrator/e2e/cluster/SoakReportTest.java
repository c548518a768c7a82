package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.cluster.FaultSchedule.Fault;
import io.runnerorchestrator.e2e.cluster.FaultSchedule.Kind;
import io.runnerorchestrator.e2e.cluster.SoakReport.EngineOutage;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SoakReportTest {

    private static final Instant START = Instant.parse("2026-12-04T20:00:00Z");
    private static final Fault ENGINE = new Fault(Duration.ofSeconds(20), Kind.DOCKERD_RESTART, Duration.ofSeconds(8),
            0, false);
    private static final EngineOutage OUTAGE = new EngineOutage(START.plusSeconds(20), START.plusSeconds(29));

    @Test
    void aJobCancelledWhileTheEngineWasDownDiedWithItAndWasNotRemovedByTheOrchestrator() {
        SoakReport report = report(List.of(
                job(1, "completed", "cancelled", 15, 21),
                job(2, "completed", "failure", 25, 29 + 30),
                job(3, "completed", "success", 10, 12)));

        assertThat(report.diedWithEngine()).isEqualTo(2);
        assertThat(report.busyRemoved()).isZero();
        assertThat(report.completed()).isEqualTo(3);
        assertThat(report.lost()).isZero();
        assertThat(report.markdown()).isEqualTo(report.table());
    }

    @Test
    void aJobCancelledOutsideAnyOutageHadItsRunnerRemovedUnderIt() {
        SoakReport report = report(List.of(
                job(1, "completed", "cancelled", 5, 19),
                job(2, "completed", "cancelled", 40, 29 + 31)));

        assertThat(report.diedWithEngine()).isZero();
        assertThat(report.busyRemoved()).isEqualTo(2);
        assertThat(report.markdown()).as("the report names each such job")
                .contains("- job 1 cancelled", "- job 2 cancelled");
    }

    @Test
    void aJobStillQueuedOrRunningAtTheEndIsLostWhateverTheEngineDid() {
        SoakReport report = report(List.of(
                job(1, "queued", null, -1, -1),
                job(2, "in_progress", null, 21, -1)));

        assertThat(report.lost()).isEqualTo(2);
        assertThat(report.diedWithEngine()).isZero();
        assertThat(report.table()).contains("| 2 | 0 | 2 | 0 | 0 |");
    }

    private static SoakReport report(List<SimState.Job> jobs) {
        SimState.Requests none = new SimState.Requests(0, 0, 0, Map.of(), Map.of());
        SimState state = new SimState(jobs, List.of(), none, none);
        return SoakReport.of(4, Duration.ofMinutes(3), List.of(ENGINE), state,
                jobs.stream().map(SimState.Job::id).toList(), 4, 4, 0, 0, START, List.of(OUTAGE));
    }

    /** @param started seconds after START, or -1; @param completed likewise */
    private static SimState.Job job(long id, String status, String conclusion, int started, int completed) {
        return new SimState.Job(id, 1, "acme/app", status, conclusion, List.of("self-hosted"), START,
                started < 0 ? null : START.plusSeconds(started), completed < 0 ? null : START.plusSeconds(completed),
                null, null);
    }
}
