package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.port.RunnerInstance.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How Docker's container state reads in the backend's terms, and the words for why a runner stopped. */
class ContainerStatusTest {

    @ParameterizedTest
    @CsvSource({"created, CREATED", "running, RUNNING", "paused, RUNNING", "restarting, RUNNING",
            "exited, EXITED", "dead, DEAD", "removing, DEAD"})
    void dockerStatesMapToLifecycleStates(String docker, State state) {
        assertThat(ContainerStatus.state(docker)).isEqualTo(state);
    }

    @Test
    void reasonsStateTheCause() {
        assertThat(new ContainerStatus(State.EXITED, 3, false, "").exitReason()).isEqualTo("exited with code 3");
        assertThat(new ContainerStatus(State.EXITED, 137, true, "").exitReason()).isEqualTo("OOM-killed (exit code 137)");
        assertThat(new ContainerStatus(State.DEAD, 128, false, "mount failed").exitReason())
                .isEqualTo("dead (exit code 128): mount failed");
        assertThat(new ContainerStatus(State.RUNNING, 0, false, "").exitReason()).isEmpty();
    }

    @Test
    void onlyAFailedStopRightAfterStartIsAFailedStart() {
        assertThat(new ContainerStatus(State.EXITED, 1, false, "").diedOnArrival()).isTrue();
        assertThat(new ContainerStatus(State.EXITED, 0, true, "").diedOnArrival()).isTrue();
        assertThat(new ContainerStatus(State.EXITED, 0, false, "").diedOnArrival()).isFalse();
        assertThat(new ContainerStatus(State.RUNNING, 0, false, "").diedOnArrival()).isFalse();
    }

    @Test
    void exitCodeOnlyOnceStopped() {
        assertThat(new ContainerStatus(State.RUNNING, 0, false, "").exitCodeIfStopped()).isEmpty();
        assertThat(new ContainerStatus(State.EXITED, 0, false, "").exitCodeIfStopped()).contains(0);
    }
}
