package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.scaleset.JobMessage;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.RunnerNews;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale set's job starts and completions as the core's runner news, as ScaleSetWiring joins them. */
class ScaleSetRunnerNewsTest {
    private final JobAssignments assignments = new JobAssignments();
    private final RunnerNews news = new RunnerNews(new QueueHints(), assignments);
    private final Consumer<JobMessage> hints = JobMessage.runnerNews(news::started, news::completed);

    @Test
    void aStartedJobIsTheRunnersUntilItCompletes() {
        hints.accept(message("JobStarted", 11, Optional.of("ro-a")));
        Optional<Long> running = assignments.jobOf("ro-a");
        hints.accept(message("JobCompleted", 11, Optional.of("ro-a")));

        assertThat(running).hasValue(11L);
        assertThat(assignments.jobOf("ro-a")).isEmpty();
    }

    @Test
    void messagesWithoutARunnerNameAssignNothing() {
        hints.accept(message("JobStarted", 12, Optional.of(" ")));
        hints.accept(message("JobCompleted", 13, Optional.empty()));
        hints.accept(message("JobAssigned", 14, Optional.of("ro-b")));

        assertThat(assignments.jobOf(" ")).isEmpty();
        assertThat(assignments.jobOf("ro-b")).isEmpty();
    }

    private static JobMessage message(String type, long request, Optional<String> runner) {
        return new JobMessage(type, request, "acme/app", List.of("set"), Instant.EPOCH, runner.map(name -> 5L), runner,
                Optional.empty());
    }
}
