package io.runnerorchestrator.githubsim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** GitHub's timestamp form: ISO-8601, UTC, whole seconds ({@code 2026-01-01T00:00:00Z}). */
final class Timestamps {
    private Timestamps() {
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Epoch seconds rounded up, so a client that waits until then is never early. */
    static long epochSecondsCeil(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}
