package io.runnerorchestrator.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol with the JDK's own HTTP client
 * and WebSocket: no driver binary, no browser-automation library. A test opens a page and evaluates
 * JavaScript in it (read the DOM, type, click), polling with Awaitility for what it expects. Loopback
 * only: the debugging port is bound to 127.0.0.1 and the profile is a fresh temporary directory.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HeadlessChromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts the browser with a window of {@code width} x {@code height}; its output goes to {@code dir}. */
    public static HeadlessChromium start(Path dir, int width, int height) throws IOException {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Path portFile = profile.resolve("DevToolsActivePort");
        Files.deleteIfExists(portFile); // a reused profile's file names a browser that is gone
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile());
        Process process = builder.start();
        try {
            await("Chromium's DevTools port").atMost(START_DEADLINE).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return new HeadlessChromium(process, Integer.parseInt(Files.readAllLines(portFile).get(0).strip()));
    }

    /** A new tab at {@code url}. */
    public Page open(URI url) throws IOException, InterruptedException {
        URI newTab = URI.create("http://127.0.0.1:" + port + "/json/new?"
                + URLEncoder.encode(url.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(newTab)
                .method("PUT", HttpRequest.BodyPublishers.noBody()).timeout(CALL_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("Chromium refused a new tab: " + answer.statusCode() + " " + answer.body());
        }
        URI socket = URI.create(JSON.readTree(answer.body()).path("webSocketDebuggerUrl").asString());
        Page page = new Page();
        try {
            page.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(socket, page).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot reach the tab's DevTools socket " + socket, e);
        }
        return page;
    }

    /**
     * Ends the browser and every process it started (renderer, GPU, zygote), and waits for them: they
     * write to the profile until they are gone, which made the caller's temporary directory fail to
     * delete when only the main process had been waited for.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!allExited(tree, Duration.ofSeconds(10))) {
            tree.forEach(ProcessHandle::destroyForcibly);
            allExited(tree, Duration.ofSeconds(10));
        }
    }

    private static boolean allExited(List<ProcessHandle> processes, Duration within) {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One tab: JavaScript evaluated in it, answers matched to calls by id. */
    public static final class Page implements WebSocket.Listener {
        private final AtomicLong ids = new AtomicLong();
        private final Map<Long, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        /**
         * The value of {@code expression} (awaited when it is a promise), as JSON; a thrown exception
         * becomes an {@link AssertionError} with its text.
         */
        public JsonNode evaluate(String expression) {
            ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                    .put("awaitPromise", true);
            JsonNode answer = call("Runtime.evaluate", params);
            if (answer.has("exceptionDetails")) {
                throw new AssertionError("JavaScript failed: " + answer.path("exceptionDetails").toString());
            }
            return answer.path("result").path("value");
        }

        /** A screenshot of the viewport as PNG. */
        public byte[] screenshot() {
            String data = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"))
                    .path("data").asString();
            return java.util.Base64.getDecoder().decode(data);
        }

        JsonNode call(String method, ObjectNode params) {
            long id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            calls.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", params);
            socket.sendText(JSON.writeValueAsString(message), true);
            try {
                JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (reply.has("error")) {
                    throw new AssertionError(method + " failed: " + reply.path("error"));
                }
                return reply.path("result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(method + " interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError(method + " had no answer within " + CALL_TIMEOUT, e);
            } finally {
                calls.remove(id);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> call = calls.get(message.path("id").asLong());
                    if (call != null) {
                        call.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            calls.values().forEach(c -> c.completeExceptionally(error));
        }
    }

    /** Writes {@code png} to {@code file}, creating its directory. */
    public static void save(byte[] png, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
