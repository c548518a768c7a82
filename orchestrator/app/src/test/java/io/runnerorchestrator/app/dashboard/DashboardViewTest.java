package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.core.ReconcileSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's view of snapshots: timeline entries per decision, chart samples over a window. */
class DashboardViewTest {

    private final LargePool pool = new LargePool(10, 8);

    @Test
    void everyStartAndRemovalOfAPassBecomesOneTimelineEntryOnce() {
        DecisionTimeline timeline = new DecisionTimeline(100);
        ReconcileSnapshot first = pool.pass(1);

        timeline.record(first);
        timeline.record(first);

        assertThat(timeline.all()).extracting(DashboardState.TimelineEntry::action)
                .containsExactly("start", "start", "remove");
        assertThat(timeline.all()).extracting(DashboardState.TimelineEntry::reason)
                .containsExactly("queue", "burst buffer", "exited");
        assertThat(timeline.all().get(0).job()).isEqualTo(20_000_001L);
        assertThat(timeline.all().get(2).runner()).isEqualTo("bench-1");

        timeline.record(pool.pass(2));
        assertThat(timeline.since(3)).extracting(DashboardState.TimelineEntry::pass).containsOnly(2L);
    }

    @Test
    void theTimelineKeepsOnlyTheLatestEntries() {
        DecisionTimeline timeline = new DecisionTimeline(4);
        for (long pass = 1; pass <= 5; pass++) {
            timeline.record(pool.pass(pass));
        }

        assertThat(timeline.all()).hasSize(4).last().extracting(DashboardState.TimelineEntry::seq).isEqualTo(15L);
    }

    @Test
    void chartsKeepTheLastHour() {
        ChartHistory history = new ChartHistory(Duration.ofMinutes(1));
        DashboardView view = LargePool.view(LargePool.START);
        for (long pass = 1; pass <= 30; pass++) {
            history.record(view.sample(pool.pass(pass)));
        }

        assertThat(history.all()).hasSize(13);
        assertThat(history.all().get(0).t()).isEqualTo(LargePool.START.plusSeconds(90).getEpochSecond());
        assertThat(history.from(history.all().get(12).t())).hasSize(1);
    }

    @Test
    void waitPercentilesAreNearestRank() {
        long[] waits = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(DashboardView.percentile(waits, 50)).isEqualTo(5);
        assertThat(DashboardView.percentile(waits, 95)).isEqualTo(10);
        assertThat(DashboardView.percentile(new long[0], 95)).isZero();
    }

    @Test
    void theStateShowsEachRunnerAndQueuedJobWithItsReason() {
        DashboardState state = LargePool.view(LargePool.START).state(pool.pass(1), true, java.util.List.of(),
                java.util.List.of());

        assertThat(state.pool().runners()).hasSize(10);
        assertThat(state.pool().runners().get(0).backend()).isEqualTo("docker");
        assertThat(state.queue()).hasSize(8).allSatisfy(job -> assertThat(job.reason()).isNotBlank());
        assertThat(state.health()).extracting(DashboardState.HealthItem::name)
                .containsExactly("GitHub", "Runner backend (docker)", "Cluster", "Runner starts", "Last error");
    }
}
