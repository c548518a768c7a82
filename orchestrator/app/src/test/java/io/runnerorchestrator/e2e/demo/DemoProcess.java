package io.runnerorchestrator.e2e.demo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar started as {@code java -jar runner-orchestrator.jar --demo}, as run.sh starts it,
 * on a free port under its own instance id, with a fast workload. Output goes to files in {@code dir}.
 */
final class DemoProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "runner-orchestrator.jar");
    private static final Pattern SIM_STATE = Pattern.compile("^\\s+github-sim\\s+(http://127\\.0\\.0\\.1:\\d+/_sim/state)\\s*$",
            Pattern.MULTILINE);
    /** Generous: several builds may share this machine's two cores. */
    static final Duration START_DEADLINE = Duration.ofMinutes(4);

    final String instanceId = "demo-it-" + UUID.randomUUID().toString().substring(0, 8);
    final String webhookSecret = "whsec-demo-it-" + UUID.randomUUID();
    final int port;
    private final Path stdout;
    private final Path stderr;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    DemoProcess(Path dir, Map<String, String> extraEnvironment) throws IOException {
        assertThat(JAR).as("the packaged jar (failsafe runs after package)").isRegularFile();
        port = freePort();
        stdout = dir.resolve("stdout");
        stderr = dir.resolve("stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "--demo")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(extraEnvironment));
        process = builder.start();
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        Optional.ofNullable(System.getenv("PATH")).ifPresent(path -> env.put("PATH", path));
        env.put("PORT", String.valueOf(port));
        env.put("ORCHESTRATOR_INSTANCE_ID", instanceId);
        env.put("ORCHESTRATOR_DEMO_BURST_INTERVAL", "5s");
        env.put("POLL_INTERVAL", "2s");
        env.put("IDLE_TIMEOUT", "10s");
        env.put("WEBHOOK_SECRET", webhookSecret);
        env.putAll(extra);
        return env;
    }

    /**
     * Waits for the banner, then for GET /api/v1/health to answer 200 (a pass has run against the
     * simulator); returns the simulator's state URL the banner prints.
     */
    URI awaitReady() throws IOException {
        URI simState = awaitBanner();
        URI health = api("/api/v1/health");
        await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> status(health) == 200);
        return simState;
    }

    /** GET of the orchestrator's {@code path}, which must answer 200 with JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI awaitBanner() throws IOException {
        await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the demo exited early; stderr: %s", stderr()).isTrue();
            return SIM_STATE.matcher(stdout()).find();
        });
        Matcher matcher = SIM_STATE.matcher(stdout());
        assertThat(matcher.find()).isTrue();
        return URI.create(matcher.group(1));
    }

    /** From the simulator's {@code /_sim/state}: the runner names of the jobs that completed successfully. */
    List<String> runnersOfSucceededJobs(URI simState) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(simState).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return StreamSupport.stream(json.readTree(answer.body()).path("jobs").spliterator(), false)
                .filter(job -> job.path("conclusion").asString("").equals("success"))
                .map(job -> job.path("runner_name").asString(""))
                .toList();
    }

    /** The images of the runners GET /api/v1/runners shows busy now, by runner name. */
    Map<String, String> busyRunnerImages() throws IOException, InterruptedException {
        Map<String, String> busy = new HashMap<>();
        for (JsonNode runner : get("/api/v1/runners").path("runners")) {
            if (runner.path("state").asString("").equals("busy")) {
                busy.put(runner.path("id").asString(), runner.path("image").asString(""));
            }
        }
        return busy;
    }

    /**
     * Checks GET /api/v1/status: this instance, in demo mode, against the simulator the banner named;
     * returns the status's configuration.
     */
    JsonNode assertStatusShowsTheDemo(URI simState) throws IOException, InterruptedException {
        JsonNode status = get("/api/v1/status");
        JsonNode configuration = status.path("configuration");
        assertThat(status.path("instance_id").asString()).isEqualTo(instanceId);
        assertThat(configuration.path("demo").asBoolean()).isTrue();
        assertThat(configuration.path("github_api_url").asString()).isEqualTo(simState.resolve("/").toString()
                .replaceAll("/$", ""));
        assertThat(configuration.path("webhook_secret_set").asBoolean()).isTrue();
        return configuration;
    }

    /** Whether anything still answers at {@code uri}. */
    boolean answers(URI uri) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends SIGTERM, as Ctrl-C or a supervisor would, and returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the demo stops within 90 s of SIGTERM").isTrue();
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
