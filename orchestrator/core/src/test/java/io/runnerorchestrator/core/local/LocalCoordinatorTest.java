package io.runnerorchestrator.core.local;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCoordinatorTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T12:00:00Z"));
    private final LocalCoordinator coordinator = new LocalCoordinator(new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void aJobIsClaimedOnceUntilTheClaimLapses() {
        assertThat(coordinator.claimJob(7, Duration.ofMinutes(2))).isTrue();
        assertThat(coordinator.claimJob(7, Duration.ofMinutes(2))).isFalse();
        assertThat(coordinator.claimJob(8, Duration.ofMinutes(2))).isTrue();

        now.set(now.get().plus(Duration.ofMinutes(2)));

        assertThat(coordinator.claimJob(7, Duration.ofMinutes(2))).isTrue();
    }

    @Test
    void aReleasedClaimCanBeTakenAgain() {
        coordinator.claimJob(7, Duration.ofMinutes(2));

        coordinator.releaseJob(7);

        assertThat(coordinator.claimJob(7, Duration.ofMinutes(2))).isTrue();
    }

    @Test
    void aRedeliveryIsRecognised() {
        assertThat(coordinator.firstDelivery("d-1")).isTrue();
        assertThat(coordinator.firstDelivery("d-2")).isTrue();
        assertThat(coordinator.firstDelivery("d-1")).isFalse();
    }
}
