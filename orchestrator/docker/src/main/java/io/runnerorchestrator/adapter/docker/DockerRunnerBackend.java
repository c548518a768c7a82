package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runners as Docker containers. Every container carries the {@link ContainerLabels}; only containers
 * with this instance's labels are listed, read or removed.
 */
public final class DockerRunnerBackend implements RunnerBackend {

    /** Stands for "no single runner" in errors of {@link #list()}. */
    static final String ALL_RUNNERS = "*";
    private static final Logger log = LoggerFactory.getLogger(DockerRunnerBackend.class);

    private final DockerClient docker;
    private final String engine;
    private final DockerRunnerSettings settings;
    private final ContainerLabels labels;
    private final RunnerNetwork network;
    private final RunnerContainerConfig containerConfig;
    private final ContainerLogs logs;
    private final RunnerStart starter;
    private final SecretFiles secretFiles;

    public DockerRunnerBackend(DockerClient docker, DockerRunnerSettings settings) {
        this(docker, settings, DockerBackendSetup.DEFAULT_DOCKER_HOST);
    }

    /** @param engine where the client connects, as health messages name it (DOCKER_HOST) */
    public DockerRunnerBackend(DockerClient docker, DockerRunnerSettings settings, String engine) {
        this(docker, settings, new RunnerNetwork(docker, settings.network(), DockerRunnerSettings.DEFAULT_NETWORK), engine);
    }

    DockerRunnerBackend(DockerClient docker, DockerRunnerSettings settings, RunnerNetwork network) {
        this(docker, settings, network, DockerBackendSetup.DEFAULT_DOCKER_HOST);
    }

    private DockerRunnerBackend(DockerClient docker, DockerRunnerSettings settings, RunnerNetwork network,
                                String engine) {
        this.docker = docker;
        this.engine = engine;
        this.settings = settings;
        this.labels = new ContainerLabels(settings.instanceId());
        this.network = network;
        this.containerConfig = new RunnerContainerConfig(settings, labels);
        this.logs = new ContainerLogs(docker);
        this.starter = new RunnerStart(docker, logs);
        this.secretFiles = new SecretFiles(docker);
    }

    @Override
    public String name() {
        return DockerBackendProvider.NAME;
    }

    /** Up when the engine answers and has the runner image: without it every start would fail. */
    @Override
    public BackendHealth health() {
        DockerHealth.Status status = new DockerHealth(docker).check();
        if (!status.up()) {
            return BackendHealth.down("no Docker engine reachable at " + engine + " (" + status.detail() + ")");
        }
        try {
            docker.inspectImageCmd(settings.image()).exec();
        } catch (NotFoundException e) {
            return BackendHealth.down("the Docker engine at " + engine + " has no image " + settings.image()
                    + " (ORCHESTRATOR_RUNNER_IMAGE: build or pull it)");
        } catch (RuntimeException e) {
            return BackendHealth.down("the Docker engine at " + engine + " failed: "
                    + DockerFailure.describe(e, Redactor.none()));
        }
        return BackendHealth.up(status.detail() + " at " + engine + ", image " + settings.image());
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            log.warn("docker.client.close_failed error={}", e.getMessage());
        }
    }

    @Override
    public List<RunnerInstance> list() {
        List<Container> containers;
        try {
            containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(labels.filter()).exec();
        } catch (RuntimeException e) {
            throw DockerFailure.of(ALL_RUNNERS, "listing containers", e, Redactor.none());
        }
        return containers.stream()
                .filter(container -> labels.owns(container.getLabels()))
                .map(this::toInstance)
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public RunnerInstance start(RunnerSpec spec) {
        Redactor redactor = Redactor.of(spec);
        String networkMode = ensureNetwork(spec.name(), redactor);
        String containerId;
        try {
            containerId = containerConfig.apply(docker.createContainerCmd(settings.image()), spec, networkMode)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            throw DockerFailure.onCreate(spec.name(), settings.image(), e, redactor);
        }
        starter.prepare(spec.name(), containerId, redactor, "placing secret files " + spec.secretFiles().keySet(),
                () -> secretFiles.place(containerId, spec.secretFiles()));
        InspectContainerResponse started = starter.start(spec.name(), containerId, redactor);
        log.info("runner.started name={} container={} image={} network={} docker_access={}", spec.name(),
                shortId(containerId), settings.image(), network.name(), settings.dockerAccess());
        return toInstance(spec.name(), started);
    }

    @Override
    public void remove(String runnerName) {
        Optional<InspectContainerResponse> container = findOwned(runnerName);
        if (container.isEmpty()) {
            return;
        }
        String containerId = container.get().getId();
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            return;
        } catch (ConflictException e) {
            // Another remove of the same container is under way: the outcome we want is on its way.
            if (!DockerFailure.engineMessage(e).contains("already in progress")) {
                throw DockerFailure.of(runnerName, "removing container " + shortId(containerId), e, Redactor.none());
            }
            return;
        } catch (RuntimeException e) {
            throw DockerFailure.of(runnerName, "removing container " + shortId(containerId), e, Redactor.none());
        }
        log.info("runner.removed name={} container={} state={}", runnerName, shortId(containerId),
                container.get().getState().getStatus());
    }

    @Override
    public String logs(String runnerName, int tail) {
        InspectContainerResponse container = findOwned(runnerName).orElseThrow(() ->
                new RunnerBackendException(runnerName, "no container for this runner", null));
        try {
            return logs.tail(container.getId(), tail);
        } catch (NotFoundException e) {
            throw new RunnerBackendException(runnerName, "no container for this runner", null);
        } catch (RuntimeException e) {
            throw DockerFailure.of(runnerName, "reading logs of container " + shortId(container.getId()), e,
                    Redactor.none());
        }
    }

    private String ensureNetwork(String runnerName, Redactor redactor) {
        try {
            return network.ensure();
        } catch (IllegalStateException e) {
            throw new RunnerBackendException(runnerName, e.getMessage(), null);
        } catch (RuntimeException e) {
            throw DockerFailure.of(runnerName, "preparing network " + network.name(), e, redactor);
        }
    }

    /**
     * The container of {@code runnerName} if it exists; refuses one that is not this instance's, so a
     * name clash can never remove or expose someone else's container.
     */
    private Optional<InspectContainerResponse> findOwned(String runnerName) {
        InspectContainerResponse container;
        try {
            container = docker.inspectContainerCmd(runnerName).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerFailure.of(runnerName, "inspecting the container", e, Redactor.none());
        }
        // Docker also resolves an id prefix; only a container by exactly this name is the runner's.
        if (!("/" + runnerName).equals(container.getName())) {
            return Optional.empty();
        }
        if (!labels.owns(container.getConfig().getLabels())) {
            throw new RunnerBackendException(runnerName, "container " + shortId(container.getId())
                    + " is not managed by this orchestrator instance (labels " + ContainerLabels.MANAGED_BY + "="
                    + ContainerLabels.MANAGED_BY_VALUE + " and " + ContainerLabels.INSTANCE + "="
                    + settings.instanceId() + " missing); refusing to touch it", null);
        }
        return Optional.of(container);
    }

    private Optional<RunnerInstance> toInstance(Container container) {
        String name = container.getLabels().getOrDefault(ContainerLabels.RUNNER, containerName(container));
        RunnerInstance.State state = ContainerStatus.state(container.getState());
        if (state == RunnerInstance.State.RUNNING || state == RunnerInstance.State.CREATED) {
            return Optional.of(new RunnerInstance(name, container.getId(), state, container.getImage(),
                    Instant.ofEpochSecond(container.getCreated()), Optional.empty(), ""));
        }
        // The list answer has no exit code or OOM flag; only stopped containers need the extra call.
        try {
            return Optional.of(toInstance(name, docker.inspectContainerCmd(container.getId()).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerFailure.of(name, "inspecting container " + shortId(container.getId()), e, Redactor.none());
        }
    }

    private static RunnerInstance toInstance(String name, InspectContainerResponse container) {
        ContainerStatus status = ContainerStatus.of(container.getState());
        return new RunnerInstance(name, container.getId(), status.state(), container.getConfig().getImage(),
                Instant.parse(container.getCreated()), status.exitCodeIfStopped(), status.exitReason());
    }

    private static String containerName(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
    }

    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
