package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A runner's Docker secrets: created (labelled like its service) before the service, removed with
 * it, and removed when orphaned (a crash between the two steps, or a remove that failed).
 */
final class RunnerSecrets {

    /**
     * A secret younger than this is never an orphan: its service may be on its way (a start runs
     * beside the pass that lists). Long enough for a slow create, short enough that a leak is brief.
     */
    static final Duration ORPHAN_AFTER = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RunnerSecrets.class);

    private final DockerClient docker;
    private final OwnerLabels labels;
    private final Clock clock;

    RunnerSecrets(DockerClient docker, OwnerLabels labels, Clock clock) {
        this.docker = docker;
        this.labels = labels;
        this.clock = clock;
    }

    /** Creates every secret of the handover; answers their ids by secret name. Throws the engine's exception. */
    Map<String, String> create(String runnerName, List<RunnerSecret> secrets) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (RunnerSecret secret : secrets) {
            // docker-java base64-encodes the data itself (the API's Data is base64): the plain content goes in.
            String id = docker.createSecretCmd(new SecretSpec().withName(secret.secretName()).withData(secret.content())
                    .withLabels(labels.forRunner(runnerName))).exec().getId();
            ids.put(secret.secretName(), id);
        }
        return ids;
    }

    /** Removes the runner's secrets; what cannot be removed now is left to {@link #removeOrphans}. */
    void removeFor(String runnerName) {
        owned().stream().filter(s -> runnerName.equals(runnerOf(s))).forEach(s -> remove(s, "service_removed"));
    }

    /** Removes this instance's secrets whose runner has no service any more (and that are not brand new). */
    void removeOrphans(Set<String> runnersWithService) {
        Instant cutoff = clock.instant().minus(ORPHAN_AFTER);
        owned().stream()
                .filter(s -> !runnersWithService.contains(runnerOf(s)))
                .filter(s -> s.getCreatedAt() == null || s.getCreatedAt().toInstant().isBefore(cutoff))
                .forEach(s -> remove(s, "orphan"));
    }

    private List<Secret> owned() {
        return docker.listSecretsCmd().withLabelFilter(labels.filter()).exec().stream()
                .filter(s -> s.getSpec() != null && labels.owns(s.getSpec().getLabels()))
                .toList();
    }

    private void remove(Secret secret, String reason) {
        try {
            docker.removeSecretCmd(secret.getId()).exec();
            log.info("runner.secret.removed runner={} secret={} reason={}", runnerOf(secret), secret.getSpec().getName(),
                    reason);
        } catch (NotFoundException e) {
            // Removed by someone else (another pass): the outcome we want.
        } catch (RuntimeException e) {
            // Still in use by a task being shut down, or the manager is busy: the next pass tries again.
            log.warn("runner.secret.remove_failed runner={} secret={} reason={} error={}", runnerOf(secret),
                    secret.getSpec().getName(), reason, SwarmFailure.describe(e, Redactor.none()));
        }
    }

    private static String runnerOf(Secret secret) {
        return Optional.ofNullable(secret.getSpec().getLabels()).map(l -> l.get(OwnerLabels.RUNNER)).orElse("");
    }
}
