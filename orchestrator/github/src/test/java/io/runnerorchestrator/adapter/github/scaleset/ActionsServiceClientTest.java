package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimulatedRunners;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The scale-set client against github-sim's Actions service over real HTTP. */
class ActionsServiceClientTest {
    private static final String TOKEN = "ghp_scaleset_test";
    private static final String SET = "ro-set";

    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN).repository("acme/app")
            .messagePollWait(Duration.ofMillis(300)).build());
    private final HttpGitHub rest = new HttpGitHub(GitHubApiSettings.defaults(URI.create(sim.apiUrl()),
            GitHubScope.ofRepository("acme/app")), new PersonalAccessToken(TOKEN), GitHubRequestListener.NOOP,
            Clock.systemUTC());
    private final ActionsServiceClient client = new ActionsServiceClient(URI.create(sim.apiUrl()),
            URI.create(sim.baseUrl() + "/acme/app"), rest::createRegistrationToken, "runner-orchestrator-test",
            Duration.ofSeconds(5), Clock.systemUTC());
    private final SimulatedRunners runners = new SimulatedRunners();

    @AfterEach
    void close() {
        runners.close();
        sim.close();
    }

    /** Polls (acknowledging) until a message of the type arrives; returns every message seen. */
    private List<JobMessage> until(ScaleSetSession session, String type) {
        List<JobMessage> seen = new ArrayList<>();
        long[] last = {0};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Optional<MessageBatch> batch = client.poll(session, last[0], 4);
            batch.ifPresent(b -> {
                last[0] = b.id();
                seen.addAll(b.messages());
                client.acknowledge(session, b.id());
            });
            return seen.stream().anyMatch(m -> m.type().equals(type));
        });
        return seen;
    }

    @Test
    void findsOrCreatesTheScaleSetOnceAndKeepsItsLabelsUpToDate() {
        ScaleSet created = client.findOrCreate(SET, "Default", List.of(SET));
        ScaleSet found = client.findOrCreate(SET, "Default", List.of(SET));
        ScaleSet relabelled = client.findOrCreate(SET, "Default", List.of(SET, "gpu"));

        assertThat(found.id()).isEqualTo(created.id());
        assertThat(relabelled.id()).isEqualTo(created.id());
        assertThat(relabelled.labels()).containsExactlyInAnyOrder(SET, "gpu");
        assertThat(sim.scaleSetNames()).containsExactly(SET);
        assertThatThrownBy(() -> client.findOrCreate(SET, "gpu-runners", List.of(SET)))
                .isInstanceOf(ActionsServiceException.class).hasMessageContaining("runner group 'gpu-runners'");
    }

    @Test
    void servesAJobFromOfferToCompletionThroughItsOwnRunner() {
        ScaleSet set = client.findOrCreate(SET, "Default", List.of(SET));
        ScaleSetSession session = client.openSession(set.id(), "test-instance");
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET).duration(Duration.ofMillis(200))).get(0);

        JobMessage offered = until(session, "JobAvailable").get(0);
        assertThat(offered.runnerRequestId()).isEqualTo(job);
        assertThat(offered.repository()).isEqualTo("acme/app");
        assertThat(client.acquire(session, List.of(job))).containsExactly(job);
        JitRunner jit = client.generateJitConfig(set.id(), "ro-set-runner-1", "_work");
        assertThat(jit.toString()).doesNotContain(jit.encodedJitConfig());
        runners.start(jit.encodedJitConfig());

        JobMessage done = until(session, "JobCompleted").stream().filter(m -> m.type().equals("JobCompleted"))
                .findFirst().orElseThrow();
        assertThat(done.runnerName()).contains("ro-set-runner-1");
        assertThat(done.result()).contains("succeeded");
        assertThat(client.runnerByName("ro-set-runner-1")).as("ephemeral: gone after its job").isEmpty();
    }

    @Test
    void aSecondSessionConflictsAndAnUnknownScaleSetIsNotFound() {
        ScaleSet set = client.findOrCreate(SET, "Default", List.of(SET));
        ScaleSetSession session = client.openSession(set.id(), "one");

        assertThatThrownBy(() -> client.openSession(set.id(), "two")).isInstanceOfSatisfying(ActionsServiceException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(GitHubException.Kind.CONFLICT);
                    assertThat(e.is("RunnerScaleSetSessionConflictException")).isTrue();
                    assertThat(e.getMessage()).doesNotContain(session.queueToken());
                });
        client.closeSession(session);
        client.closeSession(client.openSession(set.id(), "two"));

        sim.deleteScaleSets();
        assertThatThrownBy(() -> client.openSession(set.id(), "three")).isInstanceOfSatisfying(ActionsServiceException.class,
                e -> assertThat(e.is("RunnerScaleSetNotFoundException")).isTrue());
    }

    @Test
    void renewsItsAdminConnectionAfterA401() {
        ScaleSet set = client.findOrCreate(SET, "Default", List.of(SET));
        long before = sim.state().actionsRequests().count("POST /actions/runner-registration");

        sim.expireActionsTokens();

        assertThat(client.scaleSet(set.id()).name()).isEqualTo(SET);
        assertThat(sim.state().actionsRequests().count("POST /actions/runner-registration")).isEqualTo(before + 1);
    }

    @Test
    void removesAnIdleRunnerAndReportsOneItDoesNotKnow() {
        ScaleSet set = client.findOrCreate(SET, "Default", List.of(SET));
        JitRunner jit = client.generateJitConfig(set.id(), "ro-set-runner-2", "_work");

        assertThat(client.runnerByName("ro-set-runner-2")).isPresent();
        assertThat(client.removeRunner(jit.runner().id())).isEqualTo(GitHub.DeleteResult.DELETED);
        assertThat(client.removeRunner(jit.runner().id())).isEqualTo(GitHub.DeleteResult.NOT_FOUND);
    }

    @Test
    void shortNamesOfDotNetTypes() {
        assertThat(ActionsServiceClient.shortName("GitHub.Actions.Runtime.WebApi.RunnerScaleSetNotFoundException,"
                + " GitHub.Actions.Runtime.WebApi")).isEqualTo("RunnerScaleSetNotFoundException");
        assertThat(ActionsServiceClient.shortName("AgentExistsException")).isEqualTo("AgentExistsException");
    }
}
