package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials leave the service spec: they become Docker secrets mounted as files. */
class SecretHandoverTest {

    private static final String JIT = "eyJzZWNyZXQiOiJqaXQtY29uZmlnLXZhbHVlIn0=";
    private static final SwarmSettings SETTINGS = new SwarmSettings("inst", "fake-runner:local", "host",
            Optional.of(500_000_000L), Optional.of(256L << 20), List.of("node.labels.ci==true"));

    @Test
    void theJitConfigBecomesASecretFileNamedByAnEnvironmentVariable() {
        RunnerSpec spec = new RunnerSpec("r-abc", Map.of(SecretHandover.JIT_CONFIG, JIT, "OTHER", "x"),
                List.of("/home/runner/run.sh"));

        SecretHandover handover = SecretHandover.of(spec);

        assertThat(handover.environment()).containsOnly(Map.entry("OTHER", "x"),
                Map.entry("ACTIONS_RUNNER_INPUT_JITCONFIG_FILE", "/run/secrets/actions_runner_input_jitconfig"));
        assertThat(handover.secrets()).containsExactly(new RunnerSecret("r-abc-secret-0",
                "/run/secrets/actions_runner_input_jitconfig", JIT));
        assertThat(handover.secrets().get(0).toString()).doesNotContain(JIT);
    }

    @Test
    void secretFilesAreMountedWhereTheSpecSays() {
        RunnerSpec spec = new RunnerSpec("r-tok", Map.of(RunnerSpec.TOKEN_FILE_ENV, RunnerSpec.TOKEN_FILE),
                Map.of(RunnerSpec.TOKEN_FILE, "registration-token-value"), List.of());

        SecretHandover handover = SecretHandover.of(spec);

        assertThat(handover.environment()).containsOnly(Map.entry(RunnerSpec.TOKEN_FILE_ENV, RunnerSpec.TOKEN_FILE));
        assertThat(handover.secrets()).extracting(RunnerSecret::target).containsExactly(RunnerSpec.TOKEN_FILE);
    }

    @Test
    void theServiceSpecIsAOneTaskJobWithoutSecretsInIt() throws Exception {
        RunnerSpec spec = new RunnerSpec("r-abc", Map.of(SecretHandover.JIT_CONFIG, JIT), List.of("/home/runner/run.sh"));
        SecretHandover handover = SecretHandover.of(spec);

        ServiceSpec service = new RunnerServiceSpec(SETTINGS, new OwnerLabels("inst"))
                .build("r-abc", handover, spec.command(), Map.of("r-abc-secret-0", "sid"));
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        String json = config.getObjectMapper().writeValueAsString(service);

        assertThat(json).contains("\"ReplicatedJob\":{\"MaxConcurrent\":1,\"TotalCompletions\":1}")
                .doesNotContain("\"Replicated\":{").doesNotContain(JIT);
        ContainerSpec container = service.getTaskTemplate().getContainerSpec();
        assertThat(container.getArgs()).containsExactly("/home/runner/run.sh");
        assertThat(container.getLabels()).containsEntry(OwnerLabels.INSTANCE, "inst").containsEntry(OwnerLabels.RUNNER, "r-abc");
        assertThat(service.getTaskTemplate().getRestartPolicy().getCondition()).isEqualTo(ServiceRestartCondition.NONE);
        assertThat(service.getTaskTemplate().getResources().getReservations().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(service.getTaskTemplate().getResources().getLimits().getMemoryBytes()).isEqualTo(256L << 20);
        assertThat(service.getTaskTemplate().getPlacement().getConstraints()).containsExactly("node.labels.ci==true");
        assertThat(config.getObjectMapper().readValue(json, ServiceSpec.class).getTaskTemplate().getContainerSpec()
                .getImage()).as("a listed service read back").isEqualTo("fake-runner:local");
    }
}
