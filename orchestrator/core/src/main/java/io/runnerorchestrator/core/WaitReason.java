package io.runnerorchestrator.core;

import java.time.Instant;
import java.util.Optional;

/** Why a queued job still waits, in words for the status API. */
public record WaitReason(Kind kind, Optional<Instant> until) {

    public enum Kind {
        RUNNER_IDLE("an idle runner should take it"),
        RUNNER_STARTING("runner starting"),
        CLAIMED_ELSEWHERE("another orchestrator instance starts a runner for it"),
        STUCK("idle runners did not take it; recycling them"),
        AT_MAX_RUNNERS("at MAX_RUNNERS"),
        START_BACKOFF("start failures: backing off"),
        STARTS_HALTED("starts halted: GitHub no longer accepts the runner version; update the image and restart"),
        LABELS_NOT_SERVED("labels not served"),
        GITHUB_UNREACHABLE("GitHub unreachable"),
        RATE_LIMITED("rate limited"),
        PROVISIONING_PAUSED("provisioning paused: GitHub rejected the credentials"),
        BACKEND_UNAVAILABLE("runner backend unavailable"),
        SHUTTING_DOWN("orchestrator shutting down");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    public static WaitReason of(Kind kind) {
        return new WaitReason(kind, Optional.empty());
    }

    public static WaitReason until(Kind kind, Instant until) {
        return new WaitReason(kind, Optional.of(until));
    }

    public String describe() {
        return until.map(t -> kind.words + " until " + t).orElse(kind.words);
    }

    @Override
    public String toString() {
        return describe();
    }
}
