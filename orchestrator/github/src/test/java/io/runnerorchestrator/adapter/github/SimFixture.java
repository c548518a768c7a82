package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A simulator on loopback plus clients for it, with the requests each client reported. */
final class SimFixture implements AutoCloseable {

    static final String TOKEN = "ghp_simTestToken0123456789";
    /** Short pauses so retry tests stay quick; rate-limit waits up to 10 s are waited out. */
    static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(10));

    final GitHubSimulator sim;
    final List<GitHubRequestEvent> events = new CopyOnWriteArrayList<>();

    SimFixture(String... repositories) {
        SimConfig.Builder config = SimConfig.builder().port(0).token(TOKEN);
        for (String repository : repositories) {
            config.repository(repository);
        }
        this.sim = GitHubSimulator.start(config.build());
    }

    HttpGitHub client(GitHubScope scope) {
        return client(scope, QUICK_RETRIES, TOKEN);
    }

    HttpGitHub client(GitHubScope scope, RetryPolicy retry, String token) {
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create(sim.baseUrl()), scope).withRetry(retry);
        return new HttpGitHub(settings, new PersonalAccessToken(token), events::add, Clock.systemUTC());
    }

    List<Integer> statusesOf(String endpoint) {
        return events.stream().filter(event -> event.endpoint().equals(endpoint)).map(GitHubRequestEvent::status).toList();
    }

    @Override
    public void close() {
        sim.close();
    }
}
