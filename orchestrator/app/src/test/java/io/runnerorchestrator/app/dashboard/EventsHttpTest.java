package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.app.api.OrchestratorHttpTest;
import io.runnerorchestrator.app.api.OrchestratorUnderTest;
import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;

import static io.runnerorchestrator.app.api.OrchestratorUnderTest.REPOSITORY;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/events: the event of a pass carries what that pass decided, and browsers that go away
 * are forgotten. Passes run only when a webhook asks (POLL_INTERVAL=10m); SCALE_UP_THRESHOLD=1 starts a
 * runner for the first queued job. Heartbeats every 200 ms, so dropped streams are noticed quickly.
 */
@Import(EventsHttpTest.Beans.class)
@TestPropertySource(properties = "runner-orchestrator.dashboard.heartbeat=200ms")
class EventsHttpTest extends OrchestratorHttpTest {

    private static final int DROPPED = 200;

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
            env.put("MIN_RUNNERS", "0");
            env.put("MAX_RUNNERS", "1");
            env.put("SCALE_UP_THRESHOLD", "1");
            env.put("SCALE_DOWN_THRESHOLD", "0");
            env.put("POLL_INTERVAL", "10m");
        }

        @Override
        protected String instancePrefix() {
            return "dash-events";
        }
    }

    @Autowired
    private DashboardEvents events;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void subscribeWebhooks() {
        sim.webhooks(URI.create("http://127.0.0.1:" + port + WebhookController.PATH), WEBHOOK_SECRET);
    }

    @Test
    void theEventOfAPassCarriesTheStartItDecided() throws Exception {
        try (SseStream stream = SseStream.open(http, events(), Map.of()).get()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !stream.events().isEmpty());
            assertThat(stream.events().get(0).data().path("full").asBoolean()).as("the first event is whole").isTrue();

            long job = sim.enqueue(Workload.jobs(REPOSITORY, 1).labels("self-hosted", "docker")
                    .duration(Duration.ofMinutes(10))).get(0);

            SseStream.Event started = await().atMost(Duration.ofSeconds(60))
                    .until(() -> startFor(stream.events(), job), Optional::isPresent).get();
            JsonNode entry = entries(started.data()).stream().filter(e -> isStartFor(e, job)).findFirst().orElseThrow();
            assertThat(entry.path("pass").asLong()).as("sent with the pass that decided it").isEqualTo(started.id());
            assertThat(started.data().path("pass").asLong()).isEqualTo(started.id());
            assertThat(entry.path("reason").asString()).isNotBlank();
            assertThat(started.data().path("full").asBoolean()).isFalse();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode last = stream.events().get(stream.events().size() - 1).data();
                assertThat(last.path("pool").path("runners").size()).as("the runner in a later pass's pool").isEqualTo(1);
            });
        }
    }

    @Test
    void theStreamIsInTheOpenApiDocument() {
        JsonNode events = api.json("/openapi.json").path("paths").path(EventsController.PATH).path("get");

        assertThat(events.path("summary").asString()).contains("Server-Sent Events");
        assertThat(events.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
    }

    @Test
    void droppedClientsLeaveNoThreadOrMemoryBehind() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> events.subscribers() == 0);
        int threadsBefore = Thread.activeCount();
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<SseStream>> opening = new ArrayList<>();
        for (int i = 0; i < DROPPED; i++) {
            opening.add(SseStream.open(client, events(), Map.of()));
        }
        List<SseStream> streams = new ArrayList<>();
        for (CompletableFuture<SseStream> future : opening) {
            streams.add(future.get());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.stream().allMatch(s -> !s.events().isEmpty()));
        assertThat(events.subscribers()).isEqualTo(DROPPED);

        streams.forEach(SseStream::close);
        clientThreads.shutdownNow();

        await("every dropped stream forgotten").atMost(Duration.ofSeconds(60))
                .until(() -> events.subscribers() == 0);
        // Streams hold no thread while open (async requests); what is left is the server's spare pool.
        await("no thread per dropped stream").atMost(Duration.ofSeconds(90))
                .until(() -> Thread.activeCount() < threadsBefore + DROPPED / 10);
    }

    private URI events() {
        return URI.create("http://127.0.0.1:" + port + EventsController.PATH);
    }

    private static Optional<SseStream.Event> startFor(List<SseStream.Event> events, long job) {
        return events.stream().filter(e -> entries(e.data()).stream().anyMatch(entry -> isStartFor(entry, job)))
                .findFirst();
    }

    private static boolean isStartFor(JsonNode entry, long job) {
        return entry.path("action").asString().equals("start") && entry.path("job").asLong() == job;
    }

    private static List<JsonNode> entries(JsonNode state) {
        return StreamSupport.stream(state.path("timeline").spliterator(), false).toList();
    }
}
