package io.runnerorchestrator.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Why the last pass could not act, for the status API and logs. Messages name the endpoint and
 * status, never a credential.
 *
 * @param until when work resumes on its own, if known
 */
public record ReconcileProblem(Kind kind, String message, Optional<Instant> until) {

    public enum Kind {
        /** GitHub answered 401: provisioning is paused until the credentials work again. */
        GITHUB_UNAUTHORIZED(WaitReason.Kind.PROVISIONING_PAUSED),
        GITHUB_RATE_LIMITED(WaitReason.Kind.RATE_LIMITED),
        GITHUB_UNREACHABLE(WaitReason.Kind.GITHUB_UNREACHABLE),
        BACKEND_UNAVAILABLE(WaitReason.Kind.BACKEND_UNAVAILABLE);

        private final WaitReason.Kind waitReason;

        Kind(WaitReason.Kind waitReason) {
            this.waitReason = waitReason;
        }
    }

    /** What this problem means for a job still in the queue. */
    public WaitReason waitReason() {
        return new WaitReason(kind.waitReason, until);
    }
}
