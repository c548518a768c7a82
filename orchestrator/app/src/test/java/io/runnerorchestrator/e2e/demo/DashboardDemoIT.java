package io.runnerorchestrator.e2e.demo;

import io.runnerorchestrator.e2e.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium while the demo's simulator runs bursts: the page shows
 * the runners, queued jobs with their reason, scale decisions with theirs and the charts, live; with
 * API_TOKEN typed in once, its scale-up button adds a runner. Simulated runners (no Docker engine):
 * the page is what is under test, and they keep this light on a shared machine.
 * MAX_RUNNERS=2 keeps the jobs of a burst (3-4 with the demo's seed) beyond two visibly queued ("at
 * MAX_RUNNERS") until runners finish; bursts come a minute apart and MIN_RUNNERS is 0, so the scale-up
 * is clicked in the quiet after a burst, once the pool is below MAX.
 */
class DashboardDemoIT {

    private static final String API_TOKEN = "dashboard-it-token-never-logged";
    private static final int MAX_RUNNERS = 2;
    /** One object with what the test reads from the DOM. */
    private static final String READ_DOM = "(() => ({"
            + " runners: [...document.querySelectorAll('#pool tbody tr[data-runner]')].map(r => r.dataset.runner),"
            + " queued: [...document.querySelectorAll('#queue tbody tr[data-job]')].map(r => r.cells[4].textContent),"
            + " decisions: [...document.querySelectorAll('#timeline tbody tr.decision')]"
            + "     .map(r => r.cells[2].textContent + ': ' + r.cells[3].textContent),"
            + " canvases: document.querySelectorAll('#charts canvas').length,"
            + " live: document.getElementById('live').textContent,"
            + " access: document.getElementById('access').textContent,"
            + " result: document.getElementById('action-result').textContent"
            + "}))()";

    private DemoProcess demo;
    private HeadlessChromium chromium;

    @AfterEach
    void cleanUp() {
        if (chromium != null) {
            chromium.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void showsTheDemoLiveAndScalesUpWithTheToken(@TempDir Path dir) throws Exception {
        assertThat(HeadlessChromium.installed()).as("Chromium at %s (scripts/test.sh installs Debian's chromium)",
                HeadlessChromium.BINARY).isTrue();
        demo = new DemoProcess(dir, Map.of("DOCKER_HOST", "unix:///nonexistent-dashboard-it.sock",
                "API_TOKEN", API_TOKEN, "MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX_RUNNERS),
                "POLL_INTERVAL", "10s",
                // A burst of 3-4 jobs (the first comes at once), then a minute of quiet: the pool drains
                // below MAX even when a busy machine slows the runners down.
                "ORCHESTRATOR_DEMO_BURST_INTERVAL", "60s"));
        demo.awaitReady();
        chromium = HeadlessChromium.start(dir, 1400, 1000);
        HeadlessChromium.Page page = chromium.open(URI.create("http://127.0.0.1:" + demo.port + "/"));

        Set<String> queueReasons = ConcurrentHashMap.newKeySet();
        await("the page shows runners, a queued job with its reason, a decision with its reason and charts")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode dom = page.evaluate(READ_DOM);
                    texts(dom.path("queued")).stream().filter(r -> !r.isBlank()).forEach(queueReasons::add);
                    assertThat(dom.path("live").asString()).isEqualTo("live");
                    assertThat(dom.path("runners").size()).as("runner rows").isPositive();
                    assertThat(queueReasons).as("reasons of queued jobs seen").isNotEmpty();
                    assertThat(texts(dom.path("decisions"))).as("scale decisions")
                            .anyMatch(d -> d.matches("start: \\S.*"));
                    assertThat(dom.path("canvases").asInt()).as("chart canvases").isPositive();
                });
        assertThat(page.evaluate(READ_DOM).path("access").asString()).startsWith("Read-only");

        await("a burst over: the pool below MAX").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> page.evaluate(READ_DOM).path("runners").size() < MAX_RUNNERS);
        page.evaluate("document.getElementById('token-input').value = '" + API_TOKEN + "';"
                + " document.getElementById('token-save').click(); true");
        page.evaluate("document.getElementById('scale-up').click(); true");
        String started = await("the scale-up answer on the page").atMost(Duration.ofMinutes(1))
                .until(() -> page.evaluate(READ_DOM).path("result").asString(), r -> r.startsWith("Scale up: started"));
        String runner = started.substring(started.lastIndexOf(' ') + 1);
        assertThat(runner).startsWith(demo.instanceId + "-");
        await("the new runner in the pool table").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(texts(page.evaluate(READ_DOM).path("runners"))).contains(runner));

        HeadlessChromium.save(page.screenshot(), Path.of("target", "dashboard-demo.png"));
        assertThat(demo.stdout() + demo.stderr()).doesNotContain(API_TOKEN);
    }

    private static java.util.List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
