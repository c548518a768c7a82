package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookDeliveryTest {
    private static final String SECRET = "It's a Secret to Everybody";

    private GitHubSimulator sim;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app").build());
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void verifierAgreesWithGitHubsDocumentedTestVector() {
        byte[] payload = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(verify(payload, expected)).isTrue();
        assertThat(WebhookSigner.signature(payload, SECRET)).isEqualTo(expected);
    }

    @Test
    void jobLifecycleIsDeliveredSignedInOrder() {
        sim.webhooks(receiver.url(), SECRET);
        long jobId = sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "linux")).get(0);
        SimHttp http = new SimHttp(sim.baseUrl(), "ghp_test");
        ProtocolClient protocol = new ProtocolClient(http);
        long runner = protocol.jitRunner("/repos/acme/app", "hooked", "linux");
        protocol.acquireJob(runner);
        protocol.complete(runner, jobId, "success");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 3);
        List<String> actions = new ArrayList<>();
        Set<String> deliveryIds = new TreeSet<>();
        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            assertThat(verify(delivery.body(), delivery.header("X-Hub-Signature-256"))).isTrue();
            assertThat(delivery.header("X-GitHub-Event")).isEqualTo("workflow_job");
            assertThat(delivery.header("User-Agent")).startsWith("GitHub-Hookshot/");
            assertThat(delivery.header("X-GitHub-Delivery")).matches("[0-9a-f-]{36}");
            deliveryIds.add(delivery.header("X-GitHub-Delivery"));
            JsonNode payload = SimHttp.JSON.readTree(delivery.body());
            actions.add(payload.path("action").asString());
            assertThat(payload.path("workflow_job").path("id").asLong()).isEqualTo(jobId);
            assertThat(payload.path("repository").path("full_name").asString()).isEqualTo("acme/app");
        }
        assertThat(actions).containsExactly("queued", "in_progress", "completed");
        assertThat(deliveryIds).hasSize(3);

        JsonNode completed = SimHttp.JSON.readTree(receiver.deliveries().get(2).body()).path("workflow_job");
        assertThat(completed.path("conclusion").asString()).isEqualTo("success");
        assertThat(completed.path("runner_name").asString()).isEqualTo("hooked");
        assertThat(completed.path("labels").toString()).isEqualTo("[\"self-hosted\",\"linux\"]");
    }

    @Test
    void payloadsHaveTheShapeOfGitHubsExamples() throws IOException {
        sim.webhooks(receiver.url(), "s3cret");
        long jobId = sim.enqueue(Workload.jobs("acme/app", 1).labels("linux")).get(0);
        ProtocolClient protocol = new ProtocolClient(new SimHttp(sim.baseUrl(), "ghp_test"));
        long runner = protocol.jitRunner("/repos/acme/app", "r1", "linux");
        protocol.acquireJob(runner);
        protocol.complete(runner, jobId, "success");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 3);

        JsonNode schema = resource("workflow-job.schema.json");
        List<String> examples = List.of("queued.payload.json", "in_progress.payload.json",
                "completed.success.with-organization.payload.json");
        for (int i = 0; i < examples.size(); i++) {
            JsonNode example = resource(examples.get(i));
            JsonNode sent = SimHttp.JSON.readTree(receiver.deliveries().get(i).body());
            assertThat(sent.path("action").asString()).isEqualTo(example.path("action").asString());
            assertThat(keys(sent.path("workflow_job"))).as(examples.get(i))
                    .isEqualTo(keys(example.path("workflow_job")))
                    .containsAll(values(schema.path("required")))
                    .isSubsetOf(keys(schema.path("properties")));
            assertThat(keys(sent)).containsAll(Set.of("action", "workflow_job", "repository", "sender"));
            assertThat(keys(sent.path("repository"))).isSubsetOf(keys(example.path("repository")))
                    .contains("id", "name", "full_name", "owner", "html_url");
            JsonNode job = sent.path("workflow_job");
            for (String time : List.of("created_at", "started_at")) {
                assertThat(job.path(time).asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            }
            assertThat(job.path("run_id").isNumber()).isTrue();
            assertThat(job.path("steps").isArray()).isTrue();
        }
    }

    private static boolean verify(byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = WebhookDeliveryTest.class.getResourceAsStream("/octokit-webhooks/" + name)) {
            return SimHttp.JSON.readTree(in);
        }
    }

    private static Set<String> keys(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
