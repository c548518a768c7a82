package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.adapter.github.GitHubRequestEvent;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every request HttpGitHub made, with the time it came back; a 304 costs nothing, an unanswered one is left out. */
final class RequestLog implements GitHubRequestListener {

    record Request(Instant at, String endpoint, boolean notModified) {
    }

    private final Clock clock = Clock.systemUTC();
    private final List<Request> requests = new ArrayList<>();

    @Override
    public synchronized void requestCompleted(GitHubRequestEvent event) {
        if (event.status() > 0) {
            requests.add(new Request(clock.instant(), event.endpoint(), event.notModified()));
        }
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }
}
