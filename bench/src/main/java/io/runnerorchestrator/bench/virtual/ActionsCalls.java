package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.bench.measure.RequestTally;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Calls to the Actions service in the virtual world, counted by endpoint (as github-sim names them) and
 * never against the REST budget, and the admin connection that admin calls need: bought with a REST
 * registration token, good for an hour, renewed when less than a minute is left (as ActionsServiceClient does).
 */
final class ActionsCalls {
    private static final Duration ADMIN_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final Clock clock;
    private final RequestTally tally;
    private final BooleanSupplier idle;
    private final Instant countFrom;
    private final Runnable restRegistrationToken;
    private Instant adminExpiresAt;

    /**
     * @param countFrom             calls before it (the pool's warm-up) are made but not tallied
     * @param restRegistrationToken the REST request the admin connection is bought with
     */
    ActionsCalls(Clock clock, RequestTally tally, BooleanSupplier idle, Instant countFrom,
                 Runnable restRegistrationToken) {
        this.clock = clock;
        this.tally = tally;
        this.idle = idle;
        this.countFrom = countFrom;
        this.restRegistrationToken = restRegistrationToken;
    }

    /** A call with the admin token (scale sets, sessions, JIT configs, agents). */
    void admin(String endpoint) {
        Instant now = clock.instant();
        if (adminExpiresAt == null || !now.isBefore(adminExpiresAt.minus(RENEW_BEFORE))) {
            restRegistrationToken.run();
            call("POST /actions/runner-registration");
            adminExpiresAt = now.plus(ADMIN_TOKEN_LIFETIME);
        }
        call(endpoint);
    }

    /** A call with the session's queue token (polls, acknowledgements, acquisitions). */
    void call(String endpoint) {
        if (!clock.instant().isBefore(countFrom)) {
            tally.record(endpoint, false, idle.getAsBoolean());
        }
    }
}
