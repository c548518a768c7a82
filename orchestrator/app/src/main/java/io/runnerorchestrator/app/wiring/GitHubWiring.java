package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubCredentials;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.adapter.github.app.GitHubAppCredentials;
import io.runnerorchestrator.adapter.github.scaleset.ActionsServiceClient;
import io.runnerorchestrator.adapter.github.scaleset.BusyRunners;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetDemand;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetGitHub;
import io.runnerorchestrator.app.config.GitHubSettings;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.port.GitHub;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The {@link GitHub} port: {@link HttpGitHub} for the configured scope and API URL, as the token or the
 * GitHub App; in scale-set mode wrapped so that demand and registrations come from the scale set.
 */
@Configuration(proxyBeanMethods = false)
public class GitHubWiring {

    /** In scale-set mode the queue and registrations go through the scale set ({@link ScaleSetWiring}). */
    @Bean
    GitHub gitHub(OrchestratorConfig config, GitHubRequestListener listener, Clock clock,
                  ObjectProvider<ActionsServiceClient> scaleSetClient, ObjectProvider<ScaleSetDemand> demand,
                  ObjectProvider<BusyRunners> busy) {
        HttpGitHub rest = rest(config, listener, clock);
        return config.demand().scaleSet()
                ? new ScaleSetGitHub(rest, scaleSetClient.getObject(), demand.getObject(), busy.getObject()) : rest;
    }

    static HttpGitHub rest(OrchestratorConfig config, GitHubRequestListener listener, Clock clock) {
        GitHubSettings github = config.github();
        GitHubApiSettings api = GitHubApiSettings.defaults(github.apiUrl(), github.scope());
        return new HttpGitHub(api, credentials(github, api, listener, clock), listener, clock);
    }

    private static GitHubCredentials credentials(GitHubSettings github, GitHubApiSettings api,
                                                 GitHubRequestListener listener, Clock clock) {
        if (github.app().isPresent()) {
            return new GitHubAppCredentials(github.app().get(), api, listener, clock);
        }
        return github.token()
                .<GitHubCredentials>map(token -> new PersonalAccessToken(token.reveal()))
                .orElseGet(() -> new MissingToken(github.apiUrl()));
    }
}
