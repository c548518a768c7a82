package io.runnerorchestrator.adapter.github.app;

import io.runnerorchestrator.adapter.github.GitHubRestClient;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubException.Kind;
import io.runnerorchestrator.core.port.GitHubScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The app's installation on the configured repository or organisation, spoken to with the app's
 * JWT: finds the installation id when it is not configured and creates installation tokens. Its
 * errors say which setting to check. Not thread-safe: {@link GitHubAppCredentials} calls it under its lock.
 */
final class AppInstallation {

    static final String ACCESS_TOKENS = "/app/installations/{installation_id}/access_tokens";
    private static final String POST_ACCESS_TOKENS = "POST " + ACCESS_TOKENS;
    private static final Logger log = LoggerFactory.getLogger(AppInstallation.class);
    private static final String KEY_VARIABLES = "GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH";

    private final GitHubAppSettings app;
    private final GitHubScope scope;
    private final GitHubRestClient asApp;
    private Long installationId;

    AppInstallation(GitHubAppSettings app, GitHubScope scope, GitHubRestClient asApp) {
        this.app = app;
        this.scope = scope;
        this.asApp = asApp;
        this.installationId = app.installationId().orElse(null);
    }

    InstallationToken createToken() {
        long id = installationId();
        JsonNode answer;
        try {
            answer = asApp.post(ACCESS_TOKENS, "/app/installations/" + id + "/access_tokens");
        } catch (GitHubException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw explained(e, null);
            }
            if (app.installationId().isPresent()) {
                throw explained(e, "installation " + id + " of GitHub App " + app.appId()
                        + " does not exist; check GITHUB_APP_INSTALLATION_ID, or leave it unset to look it up");
            }
            // uninstalled since the lookup, perhaps reinstalled under a new id: look again next time
            installationId = null;
            throw explained(e, "installation " + id + " of GitHub App " + app.appId() + " is gone; it is looked up again");
        }
        try {
            return new InstallationToken(text(answer, "token", POST_ACCESS_TOKENS),
                    Instant.parse(text(answer, "expires_at", POST_ACCESS_TOKENS)));
        } catch (DateTimeParseException e) {
            throw unreadable(POST_ACCESS_TOKENS, "expires_at is not a timestamp");
        }
    }

    private long installationId() {
        if (installationId == null) {
            installationId = lookUp();
        }
        return installationId;
    }

    private long lookUp() {
        String endpoint = scope.isOrganization() ? "/orgs/{org}/installation" : "/repos/{owner}/{repo}/installation";
        JsonNode answer;
        try {
            answer = asApp.get(endpoint, scope.apiPath() + "/installation");
        } catch (GitHubException e) {
            throw explained(e, e.kind() == Kind.NOT_FOUND ? "GitHub App " + app.appId() + " is not installed on "
                    + scope + "; install it there, or set GITHUB_APP_INSTALLATION_ID" : null);
        }
        JsonNode id = answer.path("id");
        if (!id.isIntegralNumber()) {
            throw unreadable("GET " + endpoint, "no installation id");
        }
        log.info("github.app_installation_found app_id={} scope={} installation_id={}", app.appId(), scope, id.asLong());
        return id.asLong();
    }

    /** A 401 to the JWT means the app ID and the key do not belong together (or the key was revoked). */
    private GitHubException explained(GitHubException e, String notFound) {
        if (e.kind() == Kind.UNAUTHORIZED) {
            return new GitHubException(Kind.UNAUTHORIZED, e.status(), "GitHub App sign-in refused: " + e.getMessage()
                    + "; check GITHUB_APP_ID=" + app.appId() + " and that " + KEY_VARIABLES
                    + " holds a current private key of that app", null, e);
        }
        if (notFound != null) {
            return new GitHubException(Kind.NOT_FOUND, e.status(), notFound + " (" + e.getMessage() + ")", null, e);
        }
        return e;
    }

    private static String text(JsonNode answer, String field, String endpoint) {
        JsonNode value = answer.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw unreadable(endpoint, "no '" + field + "'");
        }
        return value.asString();
    }

    private static GitHubException unreadable(String endpoint, String what) {
        return new GitHubException(Kind.SERVER_ERROR, 200, "GitHub sent an unreadable answer for " + endpoint + ": " + what);
    }
}
