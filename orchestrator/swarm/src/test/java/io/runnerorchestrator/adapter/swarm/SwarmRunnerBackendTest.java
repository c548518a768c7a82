package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.model.Service;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The backend against a real single-node swarm (the private engine scripts/test.sh starts; see
 * {@link TestSwarm}): a runner's life from service to task to removal, its secret as a file and
 * nowhere in the service, and ownership.
 */
class SwarmRunnerBackendTest {

    private static final String JIT = "jit-config-" + UUID.randomUUID();
    private TestSwarm swarm;
    private String instanceId;
    private SwarmRunnerBackend backend;

    @BeforeEach
    void open() {
        swarm = TestSwarm.fromEnvironment();
        instanceId = "swarm-test-" + UUID.randomUUID().toString().substring(0, 6);
        backend = new SwarmRunnerBackend(swarm.client(), settings(TestSwarm.IMAGE), swarm.host());
    }

    @AfterEach
    void close() {
        if (swarm == null) {
            return; // no swarm to test on: the test was aborted (or, with CI=true, failed) in open()
        }
        swarm.removeAll(instanceId);
        swarm.close();
    }

    private SwarmSettings settings(String image) {
        return new SwarmSettings(instanceId, image, "host", Optional.of(250_000_000L), Optional.of(64L << 20), List.of());
    }

    @Test
    void upOnAnActiveManagerWithTheImage() {
        BackendHealth health = backend.health();

        assertThat(health.up()).as(health.detail()).isTrue();
        assertThat(health.detail()).contains("swarm manager", TestSwarm.IMAGE);
        BackendHealth missing = new SwarmRunnerBackend(swarm.client(), settings("no-such-image:local"), swarm.host())
                .health();
        assertThat(missing.up()).isFalse();
        assertThat(missing.detail()).contains("no-such-image:local");
    }

    @Test
    void aRunnerReadsItsJitConfigFromASecretFileAndEndsAsAnExitedJob() {
        String name = instanceId + "-runner01";
        RunnerSpec spec = new RunnerSpec(name, Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", JIT),
                List.of("sh", "-c", "f=$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE; cat \"$f\" | wc -c; stat -c 'owner=%u mode=%a' \"$f\"; sleep 3"));

        RunnerInstance started = backend.start(spec);

        assertThat(started.state()).isEqualTo(RunnerInstance.State.CREATED);
        RunnerInstance running = await("the task runs").atMost(Duration.ofSeconds(30))
                .until(() -> only(backend.list()), i -> i.state() == RunnerInstance.State.RUNNING);
        assertThat(running.node()).as("the node it runs on").isPresent();
        assertThat(running.name()).isEqualTo(name);
        Service service = swarm.client().inspectServiceCmd(name).exec();
        assertThat(service.toString()).doesNotContain(JIT);
        assertThat(swarm.cli("service", "inspect", name)).doesNotContain(JIT).contains("\"ReplicatedJob\"");
        RunnerInstance exited = await("the job ends").atMost(Duration.ofSeconds(30))
                .until(() -> only(backend.list()), RunnerInstance::gone);
        assertThat(exited.exitCode()).contains(0);
        assertThat(backend.logs(name, 10)).contains(String.valueOf(JIT.length()))
                .contains("owner=1001 mode=400").doesNotContain(JIT);

        backend.remove(name);

        assertThat(backend.list()).isEmpty();
        await("its secret is gone").atMost(Duration.ofSeconds(30)).until(() -> swarm.secrets(instanceId).isEmpty());
        backend.remove(name);
    }

    @Test
    void tokenModeSecretFilesAreMountedWhereTheSpecSaysAndTheEntrypointAcceptsThem() {
        String name = instanceId + "-token001";
        String token = "registration-token-" + UUID.randomUUID();
        // The fake runner's entrypoint reads RUNNER_TOKEN_FILE and cannot delete a secret mount: it must go on.
        RunnerSpec spec = new RunnerSpec(name, Map.of(RunnerSpec.TOKEN_FILE_ENV, RunnerSpec.TOKEN_FILE),
                Map.of(RunnerSpec.TOKEN_FILE, token),
                List.of("sh", "-c", "wc -c < \"$RUNNER_TOKEN_FILE\"; rm -f \"$RUNNER_TOKEN_FILE\" 2>/dev/null"
                        + " || grep -q \" $RUNNER_TOKEN_FILE \" /proc/mounts && echo mounted-secret"));

        backend.start(spec);

        RunnerInstance exited = await("the job ends").atMost(Duration.ofSeconds(30))
                .until(() -> only(backend.list()), RunnerInstance::gone);
        assertThat(exited.exitCode()).contains(0);
        assertThat(backend.logs(name, 10)).contains(String.valueOf(token.length()), "mounted-secret").doesNotContain(token);
        assertThat(swarm.cli("service", "inspect", name)).doesNotContain(token);
        assertThat(swarm.secretNames(instanceId)).containsExactly(name + "-secret-0");
    }

    @Test
    void aCommandThatFailsIsAnExitWithItsCode() {
        String name = instanceId + "-broken01";
        backend.start(new RunnerSpec(name, Map.of(), List.of("/bin/false")));

        RunnerInstance failed = await("the task fails").atMost(Duration.ofSeconds(30))
                .until(() -> only(backend.list()), RunnerInstance::gone);

        assertThat(failed.exitCode()).contains(1);
        assertThat(failed.exitReason()).contains("exited with code 1");
    }

    @Test
    void orphanSecretsAreRemovedOnceOldAndOthersLeftAlone() {
        swarm.plantSecret(instanceId, instanceId + "-gone0001-secret-0");
        swarm.plantSecret(instanceId + "-other", instanceId + "-other001-secret-0");

        backend.list();
        assertThat(swarm.secretNames(instanceId)).as("too young to be an orphan: a start may be under way")
                .containsExactly(instanceId + "-gone0001-secret-0");

        // A clock past the grace period stands in for waiting it out.
        Clock later = Clock.offset(Clock.systemUTC(), RunnerSecrets.ORPHAN_AFTER.plusSeconds(5));
        new SwarmRunnerBackend(swarm.client(), settings(TestSwarm.IMAGE), swarm.host(), later).list();

        assertThat(swarm.secretNames(instanceId)).isEmpty();
        assertThat(swarm.secretNames(instanceId + "-other")).as("another instance's secret").hasSize(1);
        swarm.removeAll(instanceId + "-other");
    }

    @Test
    void refusesToTouchAServiceItDoesNotOwn() {
        String name = instanceId + "-foreign1";
        new SwarmRunnerBackend(swarm.client(), new SwarmSettings(instanceId + "-other", TestSwarm.IMAGE, "host",
                Optional.empty(), Optional.empty(), List.of()), swarm.host())
                .start(new RunnerSpec(name, Map.of(), List.of("sleep", "30")));
        try {
            assertThatThrownBy(() -> backend.remove(name)).isInstanceOf(RunnerBackendException.class)
                    .hasMessageContaining("not managed by this orchestrator instance");
            assertThat(backend.list()).isEmpty();
        } finally {
            swarm.removeAll(instanceId + "-other");
        }
    }

    private static RunnerInstance only(List<RunnerInstance> instances) {
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }
}
