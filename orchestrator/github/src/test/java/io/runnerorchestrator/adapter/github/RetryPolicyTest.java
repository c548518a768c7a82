package io.runnerorchestrator.adapter.github;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30));

    @Test
    void backoffDoublesPerAttemptWithinEqualJitterBounds() {
        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(1, 0.999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void backoffNeverExceedsTheCapEvenForHugeAttemptNumbers() {
        for (int attempt : new int[] {5, 10, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(policy.backoff(attempt, 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(policy.backoff(attempt, 0.0)).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void rejectsJitterOutsideTheUnitInterval() {
        assertThatThrownBy(() -> policy.backoff(1, 1.0)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> policy.backoff(1, -0.1)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> policy.backoff(0, 0.5)).hasMessageContaining("1-based");
    }

    @Test
    void rejectsNonsenseSettingsNamingTheCulprit() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("maxRateLimitWait");
    }
}
