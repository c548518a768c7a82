package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.RateLimitStatus;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads GitHub's rate-limit headers and decides whether an answer means "wait, then try again". */
final class RateLimitSignals {

    /** GitHub's advice for a secondary limit without headers: wait at least a minute, then back off. */
    static final Duration SECONDARY_MINIMUM_WAIT = Duration.ofMinutes(1);
    /** The reset header has whole seconds and clocks drift: wait a little past it. */
    static final Duration RESET_MARGIN = Duration.ofSeconds(1);

    /** The longest wait any header can ask for: a day (GitHub's own windows are an hour). */
    static final long MAX_WAIT_SECONDS = 86_400;
    /** 3000-01-01: far beyond any real reset, far within {@link Instant}'s range. */
    private static final long MAX_EPOCH_SECOND = 32_503_680_000L;

    private RateLimitSignals() {
    }

    /** The primary limit as the answer reports it, when it carries the headers. */
    static Optional<RateLimitStatus> status(HttpHeaders headers) {
        OptionalLong limit = number(headers, "x-ratelimit-limit");
        OptionalLong remaining = number(headers, "x-ratelimit-remaining");
        OptionalLong reset = number(headers, "x-ratelimit-reset");
        if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimitStatus(clampToInt(limit.getAsLong()), clampToInt(remaining.getAsLong()),
                epochSecond(reset.getAsLong())));
    }

    /**
     * When to try again if the answer is a rate-limit refusal (403 or 429), following GitHub's rules:
     * {@code retry-after} seconds; else, with no requests remaining, the reset time; else, for a
     * secondary limit, a minute doubled per earlier attempt. Empty for anything else (a plain 403 is
     * a missing permission).
     *
     * @param attempt 1-based number of the attempt that got this answer
     */
    static Optional<Instant> retryAt(int status, HttpHeaders headers, String message, Instant now, int attempt) {
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        OptionalLong retryAfter = number(headers, "retry-after");
        if (retryAfter.isPresent()) {
            return Optional.of(now.plusSeconds(Math.min(Math.max(0, retryAfter.getAsLong()), MAX_WAIT_SECONDS)));
        }
        if (number(headers, "x-ratelimit-remaining").orElse(-1) == 0) {
            Instant reset = epochSecond(number(headers, "x-ratelimit-reset").orElse(now.getEpochSecond()));
            Instant at = reset.plus(RESET_MARGIN);
            Instant latest = now.plusSeconds(MAX_WAIT_SECONDS);
            return Optional.of(at.isBefore(now) ? now : at.isAfter(latest) ? latest : at);
        }
        boolean mentionsLimit = message != null && message.toLowerCase(Locale.ROOT).contains("rate limit");
        if (status == 429 || mentionsLimit) {
            long factor = 1L << Math.min(Math.max(attempt - 1, 0), 6);
            return Optional.of(now.plus(SECONDARY_MINIMUM_WAIT.multipliedBy(factor)));
        }
        return Optional.empty();
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** An absurd header value (GitHub's limits reset within the hour) is clamped instead of overflowing. */
    private static Instant epochSecond(long seconds) {
        return Instant.ofEpochSecond(Math.min(Math.max(seconds, 0), MAX_EPOCH_SECOND));
    }

    private static int clampToInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
