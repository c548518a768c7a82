package io.runnerorchestrator.adapter.github;

/** Hears about every request the client sends, e.g. to count them as metrics. */
@FunctionalInterface
public interface GitHubRequestListener {

    GitHubRequestListener NOOP = event -> { };

    /** Called on the requesting thread after each exchange; must be quick and must not throw. */
    void requestCompleted(GitHubRequestEvent event);
}
