package io.runnerorchestrator.adapter.github.scaleset;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BusyRunnersTest {
    private final BusyRunners busy = new BusyRunners();

    @Test
    void aRunnerIsBusyFromItsJobsStartUntilItsCompletion() {
        busy.accept(message("JobStarted", Optional.of(42L)));
        boolean whileRunning = busy.busy(42);
        busy.accept(message("JobCompleted", Optional.of(42L)));

        assertThat(whileRunning).isTrue();
        assertThat(busy.busy(42)).isFalse();
    }

    @Test
    void assignmentsAndCompletionsWithoutARunnerSayNothingOfRunners() {
        busy.accept(message("JobAssigned", Optional.empty()));
        busy.accept(message("JobCompleted", Optional.empty()));
        busy.accept(message("JobStarted", Optional.of(7L)));
        busy.accept(message("JobAssigned", Optional.of(7L)));

        assertThat(busy.busy(7)).isTrue();
    }

    @Test
    void aRunnerTheServiceNoLongerKnowsIsNotBusy() {
        busy.accept(message("JobStarted", Optional.of(42L)));
        busy.gone(42);

        assertThat(busy.busy(42)).isFalse();
    }

    private static JobMessage message(String type, Optional<Long> runnerId) {
        return new JobMessage(type, 1, "acme/app", List.of("set"), Instant.EPOCH, runnerId,
                runnerId.map(id -> "set-" + id), Optional.empty());
    }
}
