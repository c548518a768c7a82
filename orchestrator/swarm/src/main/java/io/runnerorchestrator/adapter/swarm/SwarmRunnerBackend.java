package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runners as Swarm services: one replicated job of one task per runner, named like the runner and
 * carrying the {@link OwnerLabels}; its credentials are Docker secrets mounted as files
 * ({@link SecretHandover}). Only services and secrets with this instance's labels are listed, read or
 * removed. The state of a runner is its task's (see {@link TaskStatus}); the node is where the task runs.
 */
public final class SwarmRunnerBackend implements RunnerBackend {

    /** Stands for "no single runner" in errors of {@link #list()}. */
    static final String ALL_RUNNERS = "*";
    private static final Logger log = LoggerFactory.getLogger(SwarmRunnerBackend.class);

    private final DockerClient docker;
    private final SwarmSettings settings;
    private final OwnerLabels labels;
    private final RunnerServiceSpec serviceSpec;
    private final RunnerSecrets secrets;
    private final ServiceLogs logs;
    private final SwarmHealth health;
    private final Clock clock;

    /** @param manager where the client connects, as health messages name it (DOCKER_HOST) */
    public SwarmRunnerBackend(DockerClient docker, SwarmSettings settings, String manager) {
        this(docker, settings, manager, Clock.systemUTC());
    }

    SwarmRunnerBackend(DockerClient docker, SwarmSettings settings, String manager, Clock clock) {
        this.docker = docker;
        this.settings = settings;
        this.labels = new OwnerLabels(settings.instanceId());
        this.serviceSpec = new RunnerServiceSpec(settings, labels);
        this.secrets = new RunnerSecrets(docker, labels, clock);
        this.logs = new ServiceLogs(docker);
        this.health = new SwarmHealth(docker, settings.image(), manager);
        this.clock = clock;
    }

    @Override
    public String name() {
        return SwarmBackendProvider.NAME;
    }

    @Override
    public BackendHealth health() {
        return health.check();
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            log.warn("swarm.client.close_failed error={}", e.getMessage());
        }
    }

    /** Every runner service of this instance with its task's state; removes secrets left without a service. */
    @Override
    public List<RunnerInstance> list() {
        List<Service> services;
        List<Task> tasks;
        Map<String, String> nodes;
        try {
            services = ownServices();
            try {
                tasks = tasksOf(services);
            } catch (NotFoundException e) {
                // A service went between the two calls (its removal, or a user's): look again once.
                services = ownServices();
                tasks = tasksOf(services);
            }
            nodes = tasks.isEmpty() ? Map.of() : nodeNames();
        } catch (RuntimeException e) {
            throw SwarmFailure.of(ALL_RUNNERS, "listing services", e, Redactor.none());
        }
        Map<String, Task> latest = tasks.stream().filter(t -> t.getServiceId() != null)
                .collect(Collectors.toMap(Task::getServiceId, Function.identity(),
                        (a, b) -> created(a).compareTo(created(b)) >= 0 ? a : b));
        removeOrphanSecrets(services);
        return services.stream().map(s -> toInstance(s, Optional.ofNullable(latest.get(s.getId())), nodes)).toList();
    }

    private List<Service> ownServices() {
        return docker.listServicesCmd().withLabelFilter(labels.filter()).exec().stream()
                .filter(s -> s.getSpec() != null && labels.owns(s.getSpec().getLabels()))
                .toList();
    }

    private List<Task> tasksOf(List<Service> services) {
        return services.isEmpty() ? List.of() : docker.listTasksCmd()
                .withServiceFilter(services.stream().map(Service::getId).toArray(String[]::new)).exec();
    }

    @Override
    public RunnerInstance start(RunnerSpec spec) {
        Redactor redactor = Redactor.of(spec);
        SecretHandover handover;
        try {
            handover = SecretHandover.of(spec);
        } catch (IllegalArgumentException e) {
            throw new RunnerBackendException(spec.name(), e.getMessage(), null);
        }
        Map<String, String> secretIds;
        try {
            secretIds = secrets.create(spec.name(), handover.secrets());
        } catch (RuntimeException e) {
            discardSecrets(spec.name());
            throw SwarmFailure.of(spec.name(), "creating its Docker secrets", e, redactor);
        }
        String serviceId;
        try {
            serviceId = docker.createServiceCmd(serviceSpec.build(spec.name(), handover, spec.command(), secretIds))
                    .exec().getId();
        } catch (ConflictException e) {
            discardSecrets(spec.name());
            throw new RunnerBackendException(spec.name(), "a service named " + spec.name() + " already exists", null);
        } catch (RuntimeException e) {
            discardSecrets(spec.name());
            throw SwarmFailure.of(spec.name(), "creating the service", e, redactor);
        }
        log.info("runner.started name={} service={} image={} network={} constraints={} secrets={}", spec.name(),
                shortId(serviceId), settings.image(), settings.network(), settings.constraints(),
                handover.secrets().size());
        // The scheduler places the task in the background: the runner is starting until a pass sees it run.
        return new RunnerInstance(spec.name(), serviceId, RunnerInstance.State.CREATED, settings.image(),
                clock.instant(), Optional.empty(), "", Optional.empty());
    }

    @Override
    public void remove(String runnerName) {
        Optional<Service> service = findOwned(runnerName);
        if (service.isPresent()) {
            try {
                docker.removeServiceCmd(service.get().getId()).exec();
                log.info("runner.removed name={} service={}", runnerName, shortId(service.get().getId()));
            } catch (NotFoundException e) {
                // Removed a moment ago by another call: the outcome we want.
            } catch (RuntimeException e) {
                throw SwarmFailure.of(runnerName, "removing service " + shortId(service.get().getId()), e,
                        Redactor.none());
            }
        }
        discardSecrets(runnerName);
    }

    @Override
    public String logs(String runnerName, int tail) {
        Service service = findOwned(runnerName).orElseThrow(() ->
                new RunnerBackendException(runnerName, "no service for this runner", null));
        try {
            return logs.tail(service.getId(), tail);
        } catch (NotFoundException e) {
            throw new RunnerBackendException(runnerName, "no service for this runner", null);
        } catch (RuntimeException e) {
            throw SwarmFailure.of(runnerName, "reading logs of service " + shortId(service.getId()), e, Redactor.none());
        }
    }

    /**
     * The service of {@code runnerName} if it exists; refuses one that is not this instance's, so a
     * name clash can never remove or expose someone else's service.
     */
    private Optional<Service> findOwned(String runnerName) {
        List<Service> named;
        try {
            named = docker.listServicesCmd().withNameFilter(List.of(runnerName)).exec();
        } catch (RuntimeException e) {
            throw SwarmFailure.of(runnerName, "finding the service", e, Redactor.none());
        }
        // The name filter matches prefixes; only a service by exactly this name is the runner's.
        Optional<Service> service = named.stream()
                .filter(s -> s.getSpec() != null && runnerName.equals(s.getSpec().getName())).findFirst();
        if (service.isPresent() && !labels.owns(service.get().getSpec().getLabels())) {
            throw new RunnerBackendException(runnerName, "service " + shortId(service.get().getId())
                    + " is not managed by this orchestrator instance (labels " + OwnerLabels.MANAGED_BY + "="
                    + OwnerLabels.MANAGED_BY_VALUE + " and " + OwnerLabels.INSTANCE + "=" + settings.instanceId()
                    + " missing); refusing to touch it", null);
        }
        return service;
    }

    private void removeOrphanSecrets(List<Service> services) {
        Set<String> runners = services.stream().map(s -> s.getSpec().getLabels().get(OwnerLabels.RUNNER))
                .collect(Collectors.toSet());
        try {
            secrets.removeOrphans(runners);
        } catch (RuntimeException e) {
            // Leftover secrets hold no runner back; the next pass tries again.
            log.warn("runner.secret.orphan_check_failed error={}", SwarmFailure.describe(e, Redactor.none()));
        }
    }

    private void discardSecrets(String runnerName) {
        try {
            secrets.removeFor(runnerName);
        } catch (RuntimeException e) {
            // Labelled, so the orphan check of a later pass removes them.
            log.warn("runner.secret.remove_failed name={} error={}", runnerName,
                    SwarmFailure.describe(e, Redactor.none()));
        }
    }

    /** Node id -> hostname, so the API shows where a runner runs in the operator's words. */
    private Map<String, String> nodeNames() {
        return docker.listSwarmNodesCmd().exec().stream()
                .filter(n -> n.getId() != null && n.getDescription() != null && n.getDescription().getHostname() != null)
                .collect(Collectors.toMap(n -> n.getId(), n -> n.getDescription().getHostname(), (a, b) -> a));
    }

    private RunnerInstance toInstance(Service service, Optional<Task> task, Map<String, String> nodes) {
        String name = Optional.ofNullable(service.getSpec().getLabels().get(OwnerLabels.RUNNER))
                .orElse(service.getSpec().getName());
        TaskStatus status = task.map(TaskStatus::of).orElse(TaskStatus.NOT_SCHEDULED);
        Optional<String> node = task.map(Task::getNodeId).filter(id -> !id.isBlank())
                .map(id -> nodes.getOrDefault(id, id));
        String image = service.getSpec().getTaskTemplate().getContainerSpec().getImage();
        Instant created = service.getCreatedAt() == null ? Instant.EPOCH : service.getCreatedAt().toInstant();
        return new RunnerInstance(name, service.getId(), status.state(), withoutDigest(image), created,
                status.exitCode(), status.reason(), node);
    }

    private static String created(Task task) {
        return task.getCreatedAt() == null ? "" : task.getCreatedAt();
    }

    /** The manager may pin the image by digest ({@code image:tag@sha256:...}); the runner list shows the tag. */
    static String withoutDigest(String image) {
        int at = image == null ? -1 : image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
