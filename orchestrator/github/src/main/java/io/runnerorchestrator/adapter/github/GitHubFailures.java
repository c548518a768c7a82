package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubException.Kind;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

/** Turns a failed exchange into a {@link GitHubException} whose message names the endpoint and status. */
final class GitHubFailures {

    private static final int MAX_MESSAGE = 200;
    private static final Map<Integer, String> STATUS_NAMES = Map.of(400, "Bad Request", 401, "Unauthorized",
            403, "Forbidden", 404, "Not Found", 409, "Conflict", 422, "Unprocessable Entity", 429, "Too Many Requests",
            500, "Internal Server Error", 502, "Bad Gateway", 503, "Service Unavailable");

    private GitHubFailures() {
    }

    /** A final error answer (not retried, or retries used up). */
    static GitHubException answer(ApiRequest request, int status, String message, int attempts) {
        String what = status + " " + message;
        String where = " for " + request.describe() + afterAttempts(attempts);
        return switch (status) {
            case 401 -> new GitHubException(Kind.UNAUTHORIZED, status,
                    "GitHub rejected the credentials (" + what + ")" + where);
            case 403 -> new GitHubException(Kind.FORBIDDEN, status, "GitHub refused access (" + what + ")" + where
                    + "; the credentials lack a permission (repository Administration, or organisation Self-hosted runners)");
            case 404 -> new GitHubException(Kind.NOT_FOUND, status, "GitHub found nothing (" + what + ")" + where);
            case 409 -> new GitHubException(Kind.CONFLICT, status, "GitHub reported a conflict (" + what + ")" + where);
            default -> other(request, status, what, where);
        };
    }

    static GitHubException rateLimited(ApiRequest request, int status, Instant retryAt, String reason) {
        return new GitHubException(Kind.RATE_LIMITED, status, "GitHub rate limit reached (" + status + ") for "
                + request.describe() + "; " + reason + ", retry at " + retryAt, retryAt, null);
    }

    static GitHubException network(ApiRequest request, Exception cause, int attempts) {
        String detail = cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage());
        return new GitHubException(Kind.NETWORK, 0, "GitHub unreachable (" + cause.getClass().getSimpleName() + detail
                + ") for " + request.describe() + afterAttempts(attempts), null, cause);
    }

    static GitHubException tooLarge(ApiRequest request, long maxBytes) {
        return new GitHubException(Kind.SERVER_ERROR, 0, "GitHub's answer is larger than " + maxBytes
                + " bytes for " + request.describe() + "; not read");
    }

    static GitHubException heldBack(ApiRequest request, Instant until, int consecutiveFailures) {
        return new GitHubException(Kind.SERVER_ERROR, 0, "GitHub calls held back until " + until + " after "
                + consecutiveFailures + " failed calls in a row (5xx or network); not sent: " + request.describe(),
                until, null);
    }

    static GitHubException interrupted(ApiRequest request, InterruptedException cause) {
        return new GitHubException(Kind.NETWORK, 0, "GitHub call interrupted for " + request.describe(), null, cause);
    }

    static GitHubException unreadable(ApiRequest request, int status, RuntimeException cause) {
        return new GitHubException(Kind.SERVER_ERROR, status, "GitHub sent an unreadable answer (" + status + ") for "
                + request.describe() + ": " + oneLine(cause.getMessage()), null, cause);
    }

    /**
     * GitHub's own explanation from an error body ({@code {"message": ...}}), else the status's
     * name; one line, short.
     */
    static String reason(JsonMapper json, int status, String body) {
        try {
            String message = json.readTree(body == null ? "" : body).path("message").asString("");
            if (!message.isBlank()) {
                return oneLine(message);
            }
        } catch (JacksonException e) {
            // not JSON: fall back to the status name
        }
        return STATUS_NAMES.getOrDefault(status, "Error");
    }

    private static GitHubException other(ApiRequest request, int status, String what, String where) {
        if (status >= 500) {
            return new GitHubException(Kind.SERVER_ERROR, status, "GitHub failed (" + what + ")" + where);
        }
        if (status >= 300 && status < 400) {
            // a renamed repository or organisation answers 301; following it would hide a stale setting
            return new GitHubException(Kind.NOT_FOUND, status, "GitHub moved the resource (" + what + ")" + where
                    + "; check the configured repository or organisation name");
        }
        return new GitHubException(Kind.UNPROCESSABLE, status, "GitHub refused the request (" + what + ")" + where);
    }

    private static String oneLine(String text) {
        String flat = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "...";
    }

    private static String afterAttempts(int attempts) {
        return attempts > 1 ? " after " + attempts + " attempts" : "";
    }
}
