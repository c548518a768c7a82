package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;

import java.util.List;
import java.util.Map;

/**
 * What a runner service is made of: a replicated job of one task that is never restarted (an
 * ephemeral runner runs one job and exits), the ownership labels on the service and its container,
 * CPU and memory as reservations (the scheduler places by them) and limits, the placement
 * constraints, the network, and the secrets mounted as files.
 */
final class RunnerServiceSpec {

    /** The runner user of the actions-runner image (and of the fake runner's /etc/passwd). */
    static final String RUNNER_UID = "1001";
    /** Readable by the runner user alone. */
    static final long SECRET_MODE = 0400;

    private final SwarmSettings settings;
    private final OwnerLabels labels;

    RunnerServiceSpec(SwarmSettings settings, OwnerLabels labels) {
        this.settings = settings;
        this.labels = labels;
    }

    /** @param secretIds the created secrets' ids by secret name */
    ServiceSpec build(String runnerName, SecretHandover handover, List<String> command, Map<String, String> secretIds) {
        Map<String, String> owner = labels.forRunner(runnerName);
        ContainerSpec container = new ContainerSpec()
                .withImage(settings.image())
                .withLabels(owner)
                .withEnv(handover.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withSecrets(handover.secrets().stream().map(s -> new ContainerSpecSecret()
                        .withSecretName(s.secretName())
                        .withSecretId(secretIds.get(s.secretName()))
                        .withFile(new ContainerSpecFile().withName(s.target()).withUid(RUNNER_UID).withGid(RUNNER_UID)
                                .withMode(SECRET_MODE))).toList());
        if (!command.isEmpty()) {
            // Args, not Command: the image's entrypoint stays and gets them, as `docker run image args` does.
            container.withArgs(command);
        }
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                .withResources(resources())
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(settings.network())));
        if (!settings.constraints().isEmpty()) {
            task.withPlacement(new ServicePlacement().withConstraints(settings.constraints()));
        }
        return new ServiceSpec()
                .withName(runnerName)
                .withLabels(owner)
                .withMode(new ReplicatedJobMode())
                .withTaskTemplate(task);
    }

    private ResourceRequirements resources() {
        ResourceSpecs limits = new ResourceSpecs();
        settings.nanoCpus().ifPresent(limits::withNanoCPUs);
        settings.memoryBytes().ifPresent(limits::withMemoryBytes);
        ResourceSpecs reservations = new ResourceSpecs();
        settings.nanoCpus().ifPresent(reservations::withNanoCPUs);
        settings.memoryBytes().ifPresent(reservations::withMemoryBytes);
        return new ResourceRequirements().withLimits(limits).withReservations(reservations);
    }
}
