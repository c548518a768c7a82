package io.runnerorchestrator.e2e.logging;

import io.runnerorchestrator.app.api.ApiClient;
import io.runnerorchestrator.app.api.OrchestratorUnderTest;
import io.runnerorchestrator.app.api.OwnContainers;
import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.runnerorchestrator.app.api.OrchestratorUnderTest.API_TOKEN;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.GITHUB_TOKEN;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.REPOSITORY;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar with STRUCTURED_LOGGING=true and LOG_LEVEL=DEBUG serving a burst with real
 * fake-runner containers, webhooks and API calls: every stdout line is one JSON object, pass and
 * request lines carry their correlation id, and no secret appears anywhere in the output. Kept out of
 * the app packages so that a surefire run of them never starts a jar that is not built yet.
 */
class StructuredLoggingIT {

    private static final Path JAR = Path.of("target", "runner-orchestrator.jar");
    private static final String REQUEST_ID = "it-scale-up-1";

    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().host("127.0.0.1").port(0)
            .token(GITHUB_TOKEN).repository(REPOSITORY).offlineAfter(Duration.ofSeconds(5)).build());
    private final String instanceId = OrchestratorUnderTest.uniqueInstanceId("log-it");
    private final OwnContainers containers = new OwnContainers(instanceId);
    private Process process;

    @AfterEach
    void cleanUp() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        containers.removeAll();
        containers.close();
        sim.close();
    }

    @Test
    void everyLineIsJsonWithCorrelationIdsAndNoSecret(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        process = start(port, stdout, stderr);
        ApiClient api = new ApiClient(port);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> api.get("/api/v1/health").statusCode() == 200);
        sim.webhooks(URI.create("http://127.0.0.1:" + port + WebhookController.PATH), WEBHOOK_SECRET);

        List<Long> jobs = sim.enqueue(Workload.jobs(REPOSITORY, 3).labels("self-hosted", "docker")
                .duration(Duration.ofSeconds(3)));
        String jitConfig = await().atMost(Duration.ofSeconds(60)).until(this::someJitConfig, config -> !config.isEmpty());
        Map<String, String> headers = new HashMap<>(ApiClient.bearer(API_TOKEN));
        headers.put("X-Request-ID", REQUEST_ID);
        HttpResponse<String> up = api.post("/api/v1/runners/scale-up", "{\"count\": 1}", headers);
        assertThat(up.statusCode()).as(up.body()).isIn(200, 409);
        assertThat(api.post("/api/v1/runners/scale-up", "", ApiClient.bearer("wrong-" + API_TOKEN)).statusCode())
                .isEqualTo(401);
        await().atMost(Duration.ofMinutes(3)).until(() -> sim.state().jobsWithStatus("completed").size() == jobs.size());

        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops within the shutdown grace").isTrue();

        List<JsonNode> lines = jsonLines(stdout);
        String everything = Files.readString(stdout) + Files.readString(stderr);
        assertThat(everything).doesNotContain(GITHUB_TOKEN, API_TOKEN, WEBHOOK_SECRET, jitConfig);
        assertThat(lines).as("every line of the reconcile loop").filteredOn(line -> thread(line).equals("reconcile-loop"))
                .anySatisfy(line -> assertThat(message(line)).startsWith("reconcile.decision"))
                .allSatisfy(line -> assertThat(line.path("correlation_id").asString()).matches("pass-\\d+|shutdown"));
        assertThat(lines).as("the scale-up request's lines").filteredOn(line -> message(line).startsWith("scale.manual"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("correlation_id").asString()).isEqualTo(REQUEST_ID));
        assertThat(lines).as("webhook lines").filteredOn(line -> message(line).startsWith("webhook.received"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("correlation_id").asString()).isNotBlank());
        assertThat(lines).as("each decision logs its inputs")
                .filteredOn(line -> message(line).startsWith("reconcile.decision"))
                .anySatisfy(line -> assertThat(message(line)).contains("queued=", "busy=", "idle=",
                        "scale_up_threshold=2").containsPattern("start=\\[QUEUE:job-"));
    }

    private Process start(int port, Path stdout, Path stderr) throws IOException {
        assertThat(JAR).as("the packaged jar (failsafe runs after package)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(OrchestratorUnderTest.baseEnvironment(sim.baseUrl(), instanceId));
        builder.environment().putAll(Map.of("PATH", System.getenv("PATH"), "PORT", Integer.toString(port),
                "STRUCTURED_LOGGING", "true", "LOG_LEVEL", "DEBUG", "MIN_RUNNERS", "1", "SCALE_UP_THRESHOLD", "2",
                "POLL_INTERVAL", "1s"));
        return builder.start();
    }

    /** The JIT config the orchestrator gave some runner: a secret the logs must never show. */
    private String someJitConfig() {
        for (String name : containers.runningNames()) {
            for (String variable : containers.environment(name)) {
                if (variable.startsWith("ACTIONS_RUNNER_INPUT_JITCONFIG=")) {
                    return variable.substring(variable.indexOf('=') + 1);
                }
            }
        }
        return "";
    }

    private static List<JsonNode> jsonLines(Path stdout) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            try {
                JsonNode json = ApiClient.parse(line);
                assertThat(json.isObject()).as(line).isTrue();
                lines.add(json);
            } catch (JacksonException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        assertThat(lines).isNotEmpty();
        return lines;
    }

    private static String message(JsonNode line) {
        return line.path("message").asString("");
    }

    private static String thread(JsonNode line) {
        return line.path("process").path("thread").path("name").asString("");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
