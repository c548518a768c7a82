package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubCredentials;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.app.config.GitHubSettings;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.port.GitHub;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The {@link GitHub} port: {@link HttpGitHub} for the configured scope, API URL and token. */
@Configuration(proxyBeanMethods = false)
public class GitHubWiring {

    @Bean
    GitHub gitHub(OrchestratorConfig config, GitHubRequestListener listener, Clock clock) {
        GitHubSettings github = config.github();
        return new HttpGitHub(GitHubApiSettings.defaults(github.apiUrl(), github.scope()), credentials(github),
                listener, clock);
    }

    private static GitHubCredentials credentials(GitHubSettings github) {
        return github.token()
                .<GitHubCredentials>map(token -> new PersonalAccessToken(token.reveal()))
                .orElseGet(() -> new MissingToken(github.apiUrl()));
    }
}
