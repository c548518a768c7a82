package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.RunnerLimits;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings.DockerAccess;
import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The Docker backend's variables: DOCKER_HOST and how runner containers are made and contained. */
final class DockerSettingsReader {

    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DOCKER_HOST = Pattern.compile("(unix|tcp|npipe|ssh)://.+");

    private final EnvReader env;
    private final HostCapacity host;

    DockerSettingsReader(EnvReader env, HostCapacity host) {
        this.env = env;
        this.host = host;
    }

    DockerRunnerSettings runners(String instanceId) {
        String image = env.string("ORCHESTRATOR_RUNNER_IMAGE", DockerRunnerSettings.DEFAULT_IMAGE);
        if (image.chars().anyMatch(Character::isWhitespace)) {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_IMAGE", image, "must not contain spaces");
        }
        String network = env.string("ORCHESTRATOR_RUNNER_NETWORK", DockerRunnerSettings.DEFAULT_NETWORK);
        if (!NETWORK.matcher(network).matches()) {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_NETWORK", network, "is not a Docker network name");
        }
        // none by default: dind and socket let any workflow become root on the host (see README, Docker access).
        DockerAccess access = env.optional("ORCHESTRATOR_RUNNER_DOCKER")
                .map(v -> rule(() -> DockerAccess.parse(v))).orElse(DockerAccess.NONE);
        long nanoCpus = env.optional("ORCHESTRATOR_RUNNER_CPUS")
                .map(v -> rule(() -> RunnerLimits.nanoCpus(v))).orElse(host.defaultNanoCpus());
        long memory = env.optional("ORCHESTRATOR_RUNNER_MEMORY")
                .map(v -> rule(() -> RunnerLimits.memoryBytes(v))).orElse(host.defaultMemoryBytes());
        long pids = env.optional("ORCHESTRATOR_RUNNER_PIDS")
                .map(v -> rule(() -> RunnerLimits.pids(v))).orElse(DockerRunnerSettings.DEFAULT_PIDS_LIMIT);
        return rule(() -> new DockerRunnerSettings(instanceId, image, network, access, Optional.of(nanoCpus),
                Optional.of(memory), Optional.of(pids)));
    }

    Optional<String> dockerHost() {
        Optional<String> configured = env.optional("DOCKER_HOST");
        configured.filter(h -> !DOCKER_HOST.matcher(h).matches()).ifPresent(h -> {
            throw EnvReader.invalid("DOCKER_HOST", h, "must look like unix:///var/run/docker.sock or tcp://host:2375");
        });
        return configured;
    }

    /** The formats' own messages already name the variable. */
    private static <T> T rule(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EnvReader.oneLine(e.getMessage()));
        }
    }
}
