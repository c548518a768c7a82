package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.RateLimitStatus;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitSignalsTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void readsThePrimaryLimitFromTheHeaders() {
        HttpHeaders headers = headers(Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "4321",
                "x-ratelimit-reset", String.valueOf(NOW.getEpochSecond())));

        assertThat(RateLimitSignals.status(headers)).contains(new RateLimitStatus(5000, 4321, NOW));
    }

    @Test
    void noFiguresWithoutTheHeadersOrWithGarbage() {
        assertThat(RateLimitSignals.status(headers(Map.of()))).isEmpty();
        assertThat(RateLimitSignals.status(headers(Map.of("x-ratelimit-limit", "lots", "x-ratelimit-remaining", "1",
                "x-ratelimit-reset", "1")))).isEmpty();
    }

    @Test
    void absurdResetAndRetryAfterValuesAreClampedInsteadOfThrowing() {
        String huge = String.valueOf(Long.MAX_VALUE);
        HttpHeaders absurd = headers(Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", huge));

        assertThat(RateLimitSignals.status(absurd)).hasValueSatisfying(status ->
                assertThat(status.resetAt()).isEqualTo(Instant.parse("3000-01-01T00:00:00Z")));
        assertThat(RateLimitSignals.retryAt(403, absurd, "API rate limit exceeded", NOW, 1))
                .contains(NOW.plus(Duration.ofDays(1)));
        assertThat(RateLimitSignals.retryAt(429, headers(Map.of("retry-after", huge)), "", NOW, 1))
                .contains(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void retryAfterWins() {
        HttpHeaders headers = headers(Map.of("retry-after", "7", "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 600)));

        assertThat(RateLimitSignals.retryAt(429, headers, "slow down", NOW, 1)).contains(NOW.plusSeconds(7));
    }

    @Test
    void exhaustedPrimaryLimitWaitsForTheResetPlusAMargin() {
        HttpHeaders headers = headers(Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 30)));

        assertThat(RateLimitSignals.retryAt(403, headers, "API rate limit exceeded", NOW, 1))
                .contains(NOW.plusSeconds(30).plus(RateLimitSignals.RESET_MARGIN));
    }

    @Test
    void secondaryLimitWithoutHeadersWaitsAMinuteDoubledPerAttempt() {
        HttpHeaders none = headers(Map.of("x-ratelimit-remaining", "4000"));
        String message = "You have exceeded a secondary rate limit";

        assertThat(RateLimitSignals.retryAt(403, none, message, NOW, 1)).contains(NOW.plus(Duration.ofMinutes(1)));
        assertThat(RateLimitSignals.retryAt(403, none, message, NOW, 3)).contains(NOW.plus(Duration.ofMinutes(4)));
        assertThat(RateLimitSignals.retryAt(429, none, "", NOW, 2)).contains(NOW.plus(Duration.ofMinutes(2)));
    }

    @Test
    void plainForbiddenAndOtherStatusesAreNotRateLimits() {
        HttpHeaders headers = headers(Map.of("x-ratelimit-remaining", "4000"));

        assertThat(RateLimitSignals.retryAt(403, headers, "Resource not accessible by integration", NOW, 1)).isEmpty();
        assertThat(RateLimitSignals.retryAt(500, headers(Map.of("retry-after", "3")), "", NOW, 1)).isEmpty();
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (k, v) -> true);
    }
}
