package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.scaleset.ActionsServiceClient;
import io.runnerorchestrator.adapter.github.scaleset.BusyRunners;
import io.runnerorchestrator.adapter.github.scaleset.JobMessage;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetDemand;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetGitHub;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetListener;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.RunnerNews;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubScope;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Scale-set mode against the embedded simulator, wired as the application's ScaleSetWiring and
 * GitHubWiring do: the Actions service client (its admin connection bought with REST registration
 * tokens from the run's HttpGitHub, so those are counted as REST requests), the demand and busy
 * runners its listener keeps, the port wrapping the REST client, and the listener, started before
 * the loop and closed after it (its session deleted).
 */
final class DockerScaleSet implements AutoCloseable {
    private final ActionsServiceClient client;
    private final ScaleSetDemand demand = new ScaleSetDemand();
    private final BusyRunners busy = new BusyRunners();
    private final ScaleSetListener.Settings settings;
    private ScaleSetListener listener;

    /**
     * @param webUrl the simulator's web URL (its REST API root too, as it has no path prefix)
     * @param name   the scale set's name, its one label, and the session's owner
     */
    DockerScaleSet(String webUrl, GitHubScope scope, HttpGitHub rest, String name, int maxRunners, Clock clock) {
        this.client = new ActionsServiceClient(URI.create(webUrl), URI.create(webUrl + scope.webPath()),
                rest::createRegistrationToken, "runner-orchestrator-bench", Duration.ofSeconds(5), clock);
        this.settings = new ScaleSetListener.Settings(name, "Default", List.of(name), name, maxRunners);
    }

    /** The GitHub port of scale-set mode over the REST client. */
    GitHub port(GitHub rest) {
        return new ScaleSetGitHub(rest, client, demand, busy);
    }

    void start(QueueHints hints, JobAssignments assignments, ReconcileTrigger trigger) {
        RunnerNews news = new RunnerNews(hints, assignments);
        listener = new ScaleSetListener(client, settings, demand, busy.andThen(JobMessage.runnerNews(news::started, news::completed)),
                trigger::requestPass);
        listener.start();
    }

    /** Whether the listener has found or created the scale set. */
    boolean ready() {
        return demand.scaleSet().isPresent();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }
}
