package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.RunnerLimits;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The runner lifecycle on the real engine: start, list, exit, logs, remove. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerRunnerBackendTest {

    /** A runner that waits; SIGUSR1 makes it exit with code 3. */
    private static final List<String> EXIT_3_ON_USR1 =
            List.of("sh", "-c", "trap 'exit 3' USR1; while true; do sleep 1; done");

    private TestDocker docker;
    private String instanceId;
    private DockerRunnerBackend backend;

    @BeforeAll
    void buildImage() {
        docker = TestDocker.start();
    }

    @AfterAll
    void removeImage() throws IOException {
        docker.close();
    }

    @BeforeEach
    void newInstance() {
        instanceId = TestDocker.uniqueId("backend-test");
        backend = new DockerRunnerBackend(docker.client(), docker.settings(instanceId));
    }

    @AfterEach
    void removeContainers() {
        docker.removeContainersOf(instanceId);
    }

    @Test
    void startedRunnerIsListedAsRunningWithTheThreeLabels() {
        String name = instanceId + "-r1";
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        RunnerInstance started = backend.start(new RunnerSpec(name, Map.of("RUNNER_NAME", name), List.of()));

        assertThat(started.state()).isEqualTo(RunnerInstance.State.RUNNING);
        assertThat(backend.list()).singleElement().satisfies(listed -> {
            assertThat(listed.name()).isEqualTo(name);
            assertThat(listed.backendId()).isEqualTo(started.backendId());
            assertThat(listed.state()).isEqualTo(RunnerInstance.State.RUNNING);
            assertThat(listed.image()).isEqualTo(docker.image());
            assertThat(listed.createdAt()).isAfterOrEqualTo(before);
            assertThat(listed.exitCode()).isEmpty();
        });
        InspectContainerResponse container = docker.inspect(name);
        assertThat(container.getConfig().getLabels()).containsEntry("managed-by", "runner-orchestrator")
                .containsEntry("runner-orchestrator.instance", instanceId)
                .containsEntry("runner-orchestrator.runner", name);
        assertThat(container.getConfig().getEnv()).contains("RUNNER_NAME=" + name);
        assertThat(container.getHostConfig().getAutoRemove()).isFalse();
    }

    @Test
    void secretFilesAreInTheContainerButNotInItsConfiguration() {
        String name = instanceId + "-r1";
        String secret = "secret-" + TestDocker.uniqueId("token");
        backend.start(new RunnerSpec(name, Map.of("RUNNER_TOKEN_FILE", "/runner-token"),
                Map.of("/runner-token", secret), List.of("sh", "-c", "cat /runner-token; echo; sleep 86400")));

        await().atMost(Duration.ofSeconds(30)).until(() -> backend.logs(name, 10).contains(secret));
        InspectContainerResponse container = docker.inspect(name);
        assertThat(container.getConfig().getEnv()).noneMatch(variable -> variable.contains(secret));
        assertThat(container.toString()).doesNotContain(secret);
    }

    @Test
    void removeDeletesTheContainerWithItsAnonymousVolume() {
        String name = instanceId + "-r1";
        backend.start(new RunnerSpec(name, Map.of(), List.of()));
        String volume = docker.inspect(name).getMounts().stream()
                .filter(mount -> TestDocker.VOLUME_PATH.equals(mount.getDestination().getPath()))
                .findFirst().orElseThrow().getName();
        assertThat(docker.client().inspectVolumeCmd(volume).exec().getName()).isEqualTo(volume);

        backend.remove(name);

        assertThat(backend.list()).isEmpty();
        assertThat(docker.containerExists(name)).isFalse();
        assertThatThrownBy(() -> docker.client().inspectVolumeCmd(volume).exec()).isInstanceOf(NotFoundException.class);
        backend.remove(name);
    }

    @Test
    void exitedRunnerIsListedAsExitedWithItsExitCode() {
        String name = instanceId + "-r1";
        backend.start(new RunnerSpec(name, Map.of(), EXIT_3_ON_USR1));

        docker.client().killContainerCmd(name).withSignal("USR1").exec();

        RunnerInstance exited = await().atMost(Duration.ofSeconds(30))
                .until(() -> backend.list().get(0), RunnerInstance::gone);
        assertThat(exited.state()).isEqualTo(RunnerInstance.State.EXITED);
        assertThat(exited.exitCode()).contains(3);
        assertThat(exited.exitReason()).isEqualTo("exited with code 3");
        assertThat(exited.name()).isEqualTo(name);
    }

    @Test
    void oomKilledRunnerIsListedWithThatReason() {
        String name = instanceId + "-r1";
        DockerRunnerSettings small = new DockerRunnerSettings(instanceId, docker.image(), RunnerNetwork.HOST,
                DockerRunnerSettings.DockerAccess.NONE, Optional.empty(), Optional.of(RunnerLimits.memoryBytes("16m")));
        DockerRunnerBackend limited = new DockerRunnerBackend(docker.client(), small);
        // tail holds a newline-free stream in memory, so 300 MB of zeros outgrow the 16 MB limit.
        limited.start(new RunnerSpec(name, Map.of(), List.of("sh", "-c",
                "trap 'head -c 300000000 /dev/zero | tail; exit 1' USR1; while true; do sleep 1; done")));

        docker.client().killContainerCmd(name).withSignal("USR1").exec();

        RunnerInstance killed = await().atMost(Duration.ofSeconds(60))
                .until(() -> limited.list().get(0), RunnerInstance::gone);
        assertThat(killed.exitReason()).startsWith("OOM-killed (exit code ");
        assertThat(killed.exitCode()).isPresent();
    }

    @Test
    void logsReturnTheLastLinesOfStdoutAndStderr() {
        String name = instanceId + "-r1";
        // stderr first; the stdout lines only once the test has seen it, so the order is certain.
        backend.start(new RunnerSpec(name, Map.of(), List.of("sh", "-c",
                "trap 'for i in 1 2 3 4 5; do echo line$i; done' USR1; echo to-stderr >&2;"
                        + " while true; do sleep 1; done")));
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.logs(name, 10).contains("to-stderr"));

        docker.client().killContainerCmd(name).withSignal("USR1").exec();

        await().atMost(Duration.ofSeconds(30)).until(() -> backend.logs(name, 10).contains("line5"));
        assertThat(backend.logs(name, 2)).isEqualTo("line4\nline5\n");
        assertThat(backend.logs(name, 100)).isEqualTo("to-stderr\nline1\nline2\nline3\nline4\nline5\n");
    }

    @Test
    void logsAreCappedInBytesKeepingTheNewestWholeLines() {
        String name = instanceId + "-r1";
        // 40,000 lines of 100 bytes: about 4 MB, four times the cap.
        backend.start(new RunnerSpec(name, Map.of(), List.of("sh", "-c",
                "i=0; while [ $i -lt 40000 ]; do echo \"line-$i " + "x".repeat(90) + "\"; i=$((i+1)); done;"
                        + " echo done; sleep 86400")));
        await().atMost(Duration.ofSeconds(60)).until(() -> backend.logs(name, 1).equals("done\n"));

        String logs = backend.logs(name, 100_000);

        assertThat(logs).startsWith(ContainerLogs.CUT_MARKER).endsWith("line-39999 " + "x".repeat(90) + "\ndone\n");
        assertThat(logs.length()).isLessThanOrEqualTo(ContainerLogs.MAX_BYTES + ContainerLogs.CUT_MARKER.length());
        assertThat(logs.substring(ContainerLogs.CUT_MARKER.length())).startsWith("line-");
    }

    @Test
    void logsOfAnUnknownRunnerNameTheRunner() {
        String name = instanceId + "-nobody";

        assertThatThrownBy(() -> backend.logs(name, 10))
                .hasMessage("runner " + name + ": no container for this runner");
    }
}
