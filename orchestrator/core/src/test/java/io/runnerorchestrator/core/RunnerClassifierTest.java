package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerClassifierTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "container={0} registration={1} seenOnline={2} age={3}s -> {4}")
    @CsvSource({
            // container, registration,  seen online, age s, state
            "none,        offline,       false,       0,     ORPHAN",
            "none,        idle,          true,        0,     ORPHAN",
            "exited,      idle,          true,        10,    STOPPING",
            // Still only created when a pass looks: a start cut short, nobody will start it.
            "created,     none,          false,       10,    STOPPING",
            "created,     offline,       false,       0,     STOPPING",
            "running,     none,          false,       120,   STARTING",
            "running,     none,          false,       121,   ORPHAN",
            "running,     offline,       false,       60,    STARTING",
            "running,     offline,       true,        60,    ORPHAN",
            "running,     none,          true,        60,    ORPHAN",
            "running,     idle,          false,       500,   IDLE",
            "running,     busy,          true,        500,   BUSY",
    })
    void mergesBothViews(String container, String registration, boolean seenOnline, int ageSeconds, RunnerState expected) {
        Optional<RunnerInstance> instance = switch (container) {
            case "none" -> Optional.empty();
            default -> Optional.of(new RunnerInstance("r", "c", RunnerInstance.State.valueOf(container.toUpperCase()),
                    "img", NOW.minusSeconds(ageSeconds), Optional.empty(), ""));
        };
        Optional<GitHubRunner> reg = switch (registration) {
            case "none" -> Optional.empty();
            default -> Optional.of(new GitHubRunner(1, "r", "Linux", !registration.equals("offline"),
                    registration.equals("busy"), Set.of()));
        };

        assertThat(RunnerClassifier.classify(instance, reg, seenOnline, Duration.ofSeconds(120), NOW)).isEqualTo(expected);
    }
}
