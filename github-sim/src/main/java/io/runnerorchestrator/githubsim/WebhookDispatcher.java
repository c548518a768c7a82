package io.runnerorchestrator.githubsim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Delivers {@code workflow_job} events to subscribed URLs, signed like GitHub, in order, on one
 * background thread so the API never waits for a receiver. A failed delivery is logged and
 * dropped (GitHub does not retry on its own either).
 */
final class WebhookDispatcher implements JobEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GitHubJson json;
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "github-sim-webhook");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDispatcher(GitHubJson json) {
        this.json = json;
    }

    void subscribe(URI target, String secret) {
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("webhook url must be http(s), got " + target);
        }
        hooks.add(new Hook(target, secret));
        log.info("webhook.subscribed target={}", target);
    }

    void unsubscribeAll() {
        hooks.clear();
    }

    @Override
    public void jobChanged(String action, SimJob job, String workflowName) {
        if (hooks.isEmpty()) {
            return;
        }
        byte[] body = Json.write(payload(action, job, workflowName)).getBytes(StandardCharsets.UTF_8);
        for (Hook hook : hooks) {
            executor.execute(() -> deliver(hook, action, job.id(), body));
        }
    }

    private ObjectNode payload(String action, SimJob job, String workflowName) {
        ObjectNode payload = Json.object().put("action", action);
        payload.set("workflow_job", json.job(job, workflowName));
        payload.set("repository", json.repository(job.repository()));
        payload.set("organization", json.organization(job.repository().substring(0, job.repository().indexOf('/'))));
        payload.set("sender", json.sender());
        return payload;
    }

    private void deliver(Hook hook, String action, long jobId, byte[] body) {
        String delivery = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(hook.target())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/sim")
                .header("X-GitHub-Event", "workflow_job")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", WebhookSigner.signature(body, hook.secret()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            log.debug("webhook.delivered action={} job={} delivery={} status={}", action, jobId, delivery, status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("webhook.failed action={} job={} delivery={} target={} error={}", action, jobId, delivery,
                    hook.target(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private record Hook(URI target, String secret) {
        @Override
        public String toString() {
            return "Hook[target=" + target + ", secret=<redacted>]";
        }
    }
}
