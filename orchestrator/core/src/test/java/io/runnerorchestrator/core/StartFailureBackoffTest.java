package io.runnerorchestrator.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartFailureBackoffTest {
    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    private final StartFailureBackoff backoff = new StartFailureBackoff(Duration.ofSeconds(15), Duration.ofMinutes(2));

    @Test
    void doublesTheWaitWithEachFailureUpToTheCap() {
        backoff.recordFailure(T, "boot timeout");
        assertThat(backoff.status().retryAt()).contains(T.plusSeconds(15));
        backoff.recordFailure(T, "boot timeout");
        assertThat(backoff.status().retryAt()).contains(T.plusSeconds(30));
        backoff.recordFailure(T, "boot timeout");
        assertThat(backoff.status().retryAt()).contains(T.plusSeconds(60));
        for (int i = 0; i < 40; i++) {
            backoff.recordFailure(T, "image not found");
        }
        assertThat(backoff.status().retryAt()).contains(T.plusSeconds(120));
        assertThat(backoff.status().consecutiveFailures()).isEqualTo(43);
        assertThat(backoff.status().lastFailure()).contains("image not found");
        assertThat(backoff.status().blocksStartsAt(T.plusSeconds(119))).isTrue();
        assertThat(backoff.status().blocksStartsAt(T.plusSeconds(120))).isFalse();
    }

    @Test
    void aRunnerComingOnlineEndsTheBackoffButKeepsTheTotal() {
        backoff.recordFailure(T, "boot timeout");
        backoff.recordFailure(T, "boot timeout");

        backoff.recordBoot();

        assertThat(backoff.status().consecutiveFailures()).isZero();
        assertThat(backoff.status().retryAt()).isEmpty();
        assertThat(backoff.status().probing()).isFalse();
        assertThat(backoff.status().totalFailures()).isEqualTo(2);
        backoff.recordFailure(T, "boot timeout");
        assertThat(backoff.status().retryAt()).contains(T.plusSeconds(15));
    }

    @Test
    void refusesABaseAboveTheCap() {
        assertThatThrownBy(() -> new StartFailureBackoff(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .hasMessageContaining("base=PT5M cap=PT1M");
    }
}
