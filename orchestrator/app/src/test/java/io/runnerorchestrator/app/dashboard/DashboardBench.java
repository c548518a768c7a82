package io.runnerorchestrator.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.runnerorchestrator.e2e.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;

/**
 * The dashboard with 500 runners and 1,000 queued jobs in headless Chromium: how long until the
 * first render, and how long each live update takes from the event's arrival to the next painted
 * frame. The page, its script and uPlot are the app's own; the data is {@link LargePool}'s, sent the
 * way {@link DashboardEvents} sends it. Measures, asserts nothing: run it by hand with
 * {@code mvn -o -pl orchestrator/app -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DashboardBench -Ddashboard.bench=true}; it writes
 * {@code target/dashboard-bench.md} (figures go into docs/benchmarks.md, Dashboard).
 */
@EnabledIfSystemProperty(named = "dashboard.bench", matches = "true")
class DashboardBench {

    private static final int RUNNERS = Integer.getInteger("dashboard.bench.runners", 500);
    private static final int JOBS = Integer.getInteger("dashboard.bench.jobs", 1000);
    private static final int LOADS = 5;
    private static final int UPDATES = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LargePool pool = new LargePool(RUNNERS, JOBS);
    /** One queue per open event stream: an update goes to all, as DashboardEvents broadcasts. */
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private String firstPage;

    @Test
    void firstRenderAndUpdates(@TempDir Path dir) throws Exception {
        DashboardView view = LargePool.view(LargePool.START.plusSeconds(3600));
        DecisionTimeline timeline = new DecisionTimeline(DashboardConfiguration.TIMELINE_CAPACITY);
        ChartHistory history = new ChartHistory(DashboardConfiguration.CHART_WINDOW);
        long pass = 1;
        for (; pass <= 720; pass++) { // an hour of passes every 5 s: full charts and timeline
            history.record(view.sample(pool.pass(pass)));
            timeline.record(pool.pass(pass));
        }
        firstPage = new DashboardPage().render("bench", JSON.writeValueAsString(
                view.state(pool.pass(pass), true, timeline.all(), history.all())));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        ExecutorService threads = Executors.newCachedThreadPool();
        server.setExecutor(threads); // each open event stream holds a thread here
        server.start();
        URI page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        List<String> lines = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.start(dir, 1400, 1000)) {
            double[] render = new double[LOADS];
            double[] script = new double[LOADS];
            for (int i = 0; i < LOADS; i++) {
                HeadlessChromium.Page tab = chromium.open(page);
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                        .alias("first render; page: " + tab.evaluate("document.readyState + ' ' + document.title"))
                        .until(() -> tab.evaluate("window.dashboardRenderedAt || 0").asDouble() > 0);
                render[i] = tab.evaluate("window.dashboardRenderedAt").asDouble();
                script[i] = tab.evaluate("window.dashboardFirstRenderMs").asDouble();
                if (i < LOADS - 1) {
                    tab.evaluate("window.close(); true");
                }
            }
            HeadlessChromium.Page tab = chromium.open(page);
            await().atMost(Duration.ofMinutes(1)).until(() -> tab.evaluate("window.dashboardRenderedAt || 0").asDouble() > 0);
            double[] update = new double[UPDATES];
            double[] handler = new double[UPDATES];
            for (int i = 0; i < UPDATES; i++, pass++) {
                timeline.record(pool.pass(pass));
                history.record(view.sample(pool.pass(pass)));
                int before = tab.evaluate("window.dashboardUpdates || 0").asInt();
                String data = JSON.writeValueAsString(view.state(pool.pass(pass), false,
                        timeline.since(timeline.lastSeq() - 3), history.from(history.all().get(history.all().size() - 1).t())));
                streams.forEach(stream -> stream.add(data));
                JsonNode done = tab.evaluate("new Promise(resolve => { const wait = () => (window.dashboardUpdates || 0) > "
                        + before + " ? requestAnimationFrame(() => setTimeout(() => resolve({ frame: performance.now()"
                        + " - window.dashboardLastUpdateAt, handler: window.dashboardLastUpdateMs }))) : setTimeout(wait, 5);"
                        + " wait(); })");
                update[i] = done.path("frame").asDouble();
                handler[i] = done.path("handler").asDouble();
            }
            lines.add("| Runners | Queued jobs | Page size | First render (from navigation) | Script's first render | Update: handler | Update: to next frame |");
            lines.add("|---|---|---|---|---|---|---|");
            lines.add(String.format(Locale.ROOT, "| %d | %d | %d KiB | median %.0f ms (max %.0f) | median %.0f ms | median %.0f ms (max %.0f) | median %.0f ms (max %.0f) |",
                    RUNNERS, JOBS, firstPage.getBytes(StandardCharsets.UTF_8).length / 1024, median(render),
                    max(render), median(script), median(handler), max(handler), median(update), max(update)));
            lines.add("");
            lines.add("Load average at the end: " + Files.readString(Path.of("/proc/loadavg")).strip()
                    + "; " + Runtime.getRuntime().availableProcessors() + " cores; " + LOADS + " loads, " + UPDATES
                    + " updates.");
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
        Files.write(Path.of("target", "dashboard-bench.md"), lines);
        lines.forEach(System.out::println);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            reply(exchange, "text/html; charset=utf-8", firstPage.getBytes(StandardCharsets.UTF_8));
        } else if (path.equals(EventsController.PATH)) {
            stream(exchange);
        } else {
            String resource = path.startsWith("/webjars/") ? "META-INF/resources" + path : "static" + path;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                reply(exchange, path.endsWith(".css") ? "text/css" : "text/javascript", in.readAllBytes());
            }
        }
    }

    /** Sends what the test puts into {@link #updates}, as DashboardEvents would, until the browser leaves. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        streams.add(queue);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(":open\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String data = queue.poll(1, TimeUnit.SECONDS);
                String frame = data == null ? ":keep-alive\n\n" : "event:snapshot\ndata:" + data + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // The tab closed.
        } finally {
            streams.remove(queue);
        }
    }

    private static void reply(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
