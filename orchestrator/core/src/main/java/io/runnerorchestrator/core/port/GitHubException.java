package io.runnerorchestrator.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * A GitHub call that failed after the client's own retries. Messages name the endpoint and the
 * status, never a token or a JIT config.
 */
public class GitHubException extends RuntimeException {

    public enum Kind {
        /** 401: the credentials are wrong or expired. Not retried; work pauses until fixed. */
        UNAUTHORIZED(false),
        /** 403 without rate-limit signs: the credentials lack a permission. */
        FORBIDDEN(false),
        /** Primary or secondary rate limit; {@link #retryAt()} says when to try again. */
        RATE_LIMITED(true),
        NOT_FOUND(false),
        /** 409, e.g. a runner name already taken. */
        CONFLICT(false),
        /** 422, e.g. an invalid body or a runner that cannot be deleted now. */
        UNPROCESSABLE(false),
        /** 5xx after retries. */
        SERVER_ERROR(true),
        /** Connection refused, reset, timed out, after retries. */
        NETWORK(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final transient Instant retryAt;

    public GitHubException(Kind kind, int status, String message, Instant retryAt, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAt = retryAt;
    }

    public GitHubException(Kind kind, int status, String message) {
        this(kind, status, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
