package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelMatcherTest {
    private final LabelMatcher matcher = new LabelMatcher(List.of("docker", "Self-Hosted"));

    @Test
    void servesAJobWhenEveryLabelIsOursIgnoringCase() {
        assertThat(matcher.serves(job("self-hosted"))).isTrue();
        assertThat(matcher.serves(job("SELF-HOSTED", "Linux", "X64", "Docker"))).isTrue();
    }

    @Test
    void doesNotServeAJobWithALabelWeLack() {
        assertThat(matcher.serves(job("self-hosted", "gpu"))).isFalse();
        assertThat(matcher.serves(job("ubuntu-latest"))).isFalse();
    }

    @Test
    void doesNotServeAJobWithoutLabels() {
        assertThat(matcher.serves(job())).isFalse();
    }

    @Test
    void registersRunnersWithDefaultAndCustomLabelsOnce() {
        assertThat(matcher.runnerLabels()).containsExactly("self-hosted", "linux", "x64", "docker");
    }

    private static QueuedJob job(String... labels) {
        return new QueuedJob(1, 1, "acme/app", List.of(labels), Instant.EPOCH);
    }
}
