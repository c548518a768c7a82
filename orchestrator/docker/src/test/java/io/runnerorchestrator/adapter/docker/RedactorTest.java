package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void masksLongEnvironmentValuesButNotTheRunnerNameOrShortFlags() {
        Redactor redactor = Redactor.of(new RunnerSpec("runner-abc123",
                Map.of("TOKEN", "AABBCCDDEEFF", "RUNNER_NAME", "runner-abc123", "EPHEMERAL", "true"), List.of()));

        assertThat(redactor.redact("runner-abc123 got AABBCCDDEEFF, ephemeral true"))
                .isEqualTo("runner-abc123 got ***, ephemeral true");
    }

    @Test
    void masksASecretContainingAnotherWhole() {
        Redactor redactor = new Redactor(List.of("secret-1", "secret-1-and-more"));

        assertThat(redactor.redact("x secret-1-and-more y")).isEqualTo("x *** y");
    }
}
