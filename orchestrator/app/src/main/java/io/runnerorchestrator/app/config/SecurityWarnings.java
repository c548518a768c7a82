package io.runnerorchestrator.app.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What in a valid configuration still weakens the host or the orchestrator, each in one line naming
 * the setting and the risk. Logged at start and shown in the status; never holds a secret.
 */
public final class SecurityWarnings {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private SecurityWarnings() {
    }

    public static List<String> of(OrchestratorConfig config) {
        List<String> warnings = new ArrayList<>(config.backend().securityWarnings());
        if (config.http().apiToken().isEmpty()) {
            warnings.add("API_TOKEN is not set: the API's scale and delete calls are disabled, and nothing"
                    + " authenticates operators (setup-orchestrator.sh generates one)");
        }
        if (config.http().webhookSecret().isEmpty()) {
            warnings.add("WEBHOOK_SECRET is not set: every webhook delivery is refused, so new jobs wait for"
                    + " the next poll (setup-orchestrator.sh generates one)");
        }
        plainHttp("GITHUB_API_URL", config.github().apiUrl(), warnings);
        plainHttp("GITHUB_URL", config.github().webUrl(), warnings);
        return List.copyOf(warnings);
    }

    /** Plain http off this host carries the GitHub token and registration tokens unencrypted. */
    private static void plainHttp(String name, URI url, List<String> warnings) {
        if ("http".equalsIgnoreCase(url.getScheme()) && !LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT))) {
            warnings.add(name + " is plain http (" + url.getHost() + "): GitHub credentials and runner tokens"
                    + " cross the network unencrypted; use https");
        }
    }
}
