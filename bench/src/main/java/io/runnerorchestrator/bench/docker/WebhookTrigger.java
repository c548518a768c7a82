package io.runnerorchestrator.bench.docker;

import com.sun.net.httpserver.HttpServer;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.port.QueuedJob;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest webhook receiver: each {@code workflow_job} delivery whose action needs a runner or
 * changes one gives the core its hint and asks the loop for a pass, as the application's receiver
 * does. It checks no signature: only the embedded simulator on loopback sends to it.
 */
final class WebhookTrigger implements AutoCloseable {
    private static final Set<String> TRIGGERING_ACTIONS = Set.of("queued", "in_progress", "completed");

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookTrigger(ReconcileTrigger trigger, QueueHints hints) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook receiver cannot listen on loopback", e);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode payload = json.readTree(body.readAllBytes());
                String action = payload.path("action").asString("");
                if (TRIGGERING_ACTIONS.contains(action)) {
                    hint(hints, action, payload);
                    trigger.requestPass("webhook " + action);
                }
                exchange.sendResponseHeaders(202, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private static void hint(QueueHints hints, String action, JsonNode payload) {
        JsonNode job = payload.path("workflow_job");
        long id = job.path("id").asLong();
        Optional<String> runner = Optional.ofNullable(job.path("runner_name").asString(null)).filter(n -> !n.isBlank());
        switch (action) {
            case "queued" -> {
                List<String> labels = new ArrayList<>();
                job.path("labels").values().forEach(label -> labels.add(label.asString()));
                hints.queued(new QueuedJob(id, job.path("run_id").asLong(),
                        payload.path("repository").path("full_name").asString(""), labels,
                        Instant.parse(job.path("created_at").asString())));
            }
            case "in_progress" -> runner.ifPresent(name -> hints.started(id, name));
            default -> hints.completed(id, runner);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
