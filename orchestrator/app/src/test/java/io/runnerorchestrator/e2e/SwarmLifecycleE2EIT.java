package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.model.Service;
import io.runnerorchestrator.adapter.swarm.SwarmClientFactory;
import io.runnerorchestrator.adapter.swarm.SwarmRunnerBackend;
import io.runnerorchestrator.adapter.swarm.SwarmSettings;
import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORCHESTRATOR_BACKEND=swarm through a runner's and the orchestrator's life, on one private swarm:
 * adoption after SIGKILL and restart, SIGTERM, backoff for a runner that fails at once, the boot
 * timeout for a runner no node can take, and cleanup of ended services (another instance's left alone). Each test has its own instance id (its own services).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmLifecycleE2EIT {

    private static final Duration SETTLE = Duration.ofSeconds(90);

    private TestSwarmEngine swarm;
    private OrchestratorHarness harness;

    @BeforeAll
    void startSwarm() {
        swarm = TestSwarmEngine.start();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (harness != null) {
            harness.close();
            await("nothing of the test left").atMost(Duration.ofSeconds(30)).until(() -> {
                swarm.removeAll(harness.instanceId());
                return swarm.services(harness.instanceId()).isEmpty() && swarm.secrets(harness.instanceId()).isEmpty();
            });
        }
    }

    @AfterAll
    void stopSwarm() {
        swarm.close();
    }

    @Test
    void adoptsItsServicesAfterSigkillAndRestart() {
        harness = OrchestratorHarness.create("swarm-restart");
        SwarmPool pool = new SwarmPool(harness, swarm);
        Map<String, String> settings = Map.of("MIN_RUNNERS", "2", "MAX_RUNNERS", "3");
        OrchestratorProcess first = pool.start(settings);
        pool.awaitSettledAt(2, SETTLE);
        List<Long> jobs = new ArrayList<>(harness.enqueue(1, Duration.ofSeconds(20), "self-hosted"));
        SimState.Job running = await("the long job runs").atMost(Duration.ofSeconds(30))
                .until(() -> harness.sim().state().job(jobs.get(0)).orElseThrow(), job -> job.status().equals("in_progress"));
        String idle = harness.ourRunners().stream().map(SimState.Runner::name)
                .filter(name -> !name.equals(running.runnerName())).findFirst().orElseThrow();
        String idleService = serviceId(idle);

        first.kill();
        assertThat(first.awaitExit(Duration.ofSeconds(10))).as("exit status after SIGKILL").isEqualTo(137);
        pool.start(settings);
        new PoolChecks(harness).awaitPasses(3, Duration.ofSeconds(30));

        assertThat(serviceId(idle)).as("the idle runner's service, adopted").isEqualTo(idleService);
        jobs.addAll(harness.enqueue(3, Duration.ofSeconds(2), "self-hosted"));
        await("every job completes").atMost(Duration.ofMinutes(2))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
        pool.awaitSettledAt(2, SETTLE);
        assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
    }

    @Test
    void sigtermRemovesIdleServicesLeavesTheBusyOneAndExitsZero() {
        harness = OrchestratorHarness.create("swarm-sigterm");
        SwarmPool pool = new SwarmPool(harness, swarm);
        OrchestratorProcess orchestrator = pool.start(Map.of("MIN_RUNNERS", "2", "MAX_RUNNERS", "3"));
        pool.awaitSettledAt(2, SETTLE);
        long jobId = harness.enqueue(1, Duration.ofSeconds(12), "self-hosted").get(0);
        SimState.Job running = await("the job runs").atMost(Duration.ofSeconds(30))
                .until(() -> harness.sim().state().job(jobId).orElseThrow(), job -> job.status().equals("in_progress"));
        String busy = running.runnerName();

        orchestrator.terminate();
        int exit = orchestrator.awaitExit(Duration.ofSeconds(30));

        assertThat(exit).as("exit status after SIGTERM").isZero();
        assertThat(swarm.services(harness.instanceId())).as("services left").extracting(s -> s.getSpec().getName())
                .containsExactly(busy);
        assertThat(swarm.secrets(harness.instanceId())).as("secrets left: the busy runner's").hasSize(1);
        assertThat(harness.ourRunners()).as("registrations left").extracting(SimState.Runner::name).containsExactly(busy);
        assertThat(orchestrator.events("shutdown.done")).singleElement().asString().contains("busy_left=1");
        await("the busy runner finishes its job").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().state().job(jobId).orElseThrow().status().equals("completed"));
        assertThat(harness.sim().state().job(jobId).orElseThrow().conclusion()).isEqualTo("success");
    }

    @Test
    void backsOffWhenEveryRunnerFailsAtOnce() {
        harness = OrchestratorHarness.create("swarm-broken");
        SwarmPool pool = new SwarmPool(harness, swarm);
        OrchestratorProcess orchestrator = pool.start(Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", "3",
                "ORCHESTRATOR_RUNNER_COMMAND", "/bin/false"));
        try (ServiceWatch watch = new ServiceWatch(swarm, harness.instanceId())) {
            harness.enqueue(3, Duration.ofSeconds(1), "self-hosted");
            // The first pass starts a runner per job side by side, before any failure is known (a task's
            // failure shows in the next pass); from the first failure on, one probe at a time.
            await("the first failures start the backoff").atMost(Duration.ofSeconds(60))
                    .until(() -> !orchestrator.events("runner.start.backoff").isEmpty());
            watch.resetMaxRunning();

            // Exponential backoff from 15 s allows about 3 services a minute; a storm would make dozens.
            await("services created stay few for a minute").during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(75))
                    .until(() -> watch.created().size() <= 6);

            System.out.printf("e2e.measure test=swarm-broken services_created_in_60s=%d%n", watch.created().size());
            assertThat(watch.created()).as("it kept probing").hasSizeGreaterThanOrEqualTo(2);
            assertThat(watch.maxRunning()).as("probes at a time, once backing off").isLessThanOrEqualTo(1);
            assertThat(orchestrator.events("runner.start.backoff")).isNotEmpty();
        }
    }

    @Test
    void aRunnerNoNodeCanTakeIsRemovedAtTheBootTimeout() {
        harness = OrchestratorHarness.create("swarm-nonode");
        SwarmPool pool = new SwarmPool(harness, swarm);
        OrchestratorProcess orchestrator = pool.start(Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", "1",
                "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "20s", "ORCHESTRATOR_SWARM_CONSTRAINTS", "node.labels.gpu==true"));

        String pending = await("a service is created").atMost(Duration.ofSeconds(60))
                .until(() -> swarm.services(harness.instanceId()), s -> !s.isEmpty()).get(0).getSpec().getName();
        assertThat(swarm.running(harness.instanceId())).as("no node has the label: its task stays pending").isEmpty();
        await("the pending runner is removed at the boot timeout").atMost(Duration.ofSeconds(90))
                .until(() -> swarm.services(harness.instanceId()).stream().noneMatch(s -> s.getSpec().getName().equals(pending)));
        assertThat(orchestrator.log()).contains(pending);
    }

    @Test
    void removesItsEndedServicesAndLeavesAnotherInstancesAlone() {
        harness = OrchestratorHarness.create("swarm-cleanup");
        SwarmPool pool = new SwarmPool(harness, swarm);
        String ended = harness.prefix() + "-ended001";
        String other = harness.prefix() + "-other001";
        plant(harness.instanceId(), ended, List.of("true"));
        plant(harness.instanceId() + "-other", other, List.of("sleep", "600"));
        await("the planted job ended").atMost(Duration.ofSeconds(60))
                .until(() -> swarm.running(harness.instanceId()).isEmpty());
        try {
            pool.start(Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", "2"));

            await("our ended service is removed").atMost(Duration.ofSeconds(60)).until(() -> swarm.services(harness.instanceId())
                    .stream().noneMatch(s -> s.getSpec().getName().equals(ended)));
            pool.awaitSettledAt(1, SETTLE);
            assertThat(swarm.running(harness.instanceId() + "-other")).as("another instance's service").containsExactly(other);
        } finally {
            swarm.removeAll(harness.instanceId() + "-other");
        }
    }

    /** A runner service as an orchestrator with that instance id makes it (through the backend itself). */
    private void plant(String instanceId, String name, List<String> command) {
        try (SwarmRunnerBackend backend = new SwarmRunnerBackend(SwarmClientFactory.create(Optional.of(swarm.host())),
                new SwarmSettings(instanceId, E2eDocker.FAKE_RUNNER_IMAGE, "host", Optional.empty(), Optional.empty(),
                        List.of()), swarm.host())) {
            backend.start(new RunnerSpec(name, Map.of(), command));
        }
    }

    private String serviceId(String runnerName) {
        return swarm.services(harness.instanceId()).stream().filter(s -> s.getSpec().getName().equals(runnerName))
                .map(Service::getId).findFirst().orElseThrow();
    }
}
