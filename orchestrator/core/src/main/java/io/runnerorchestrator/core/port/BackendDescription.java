package io.runnerorchestrator.core.port;

import java.util.Map;
import java.util.Optional;

/**
 * A backend's settings as the status shows them; never a secret.
 *
 * @param backend     the backend's name, as ORCHESTRATOR_BACKEND spells it
 * @param image       the runner image
 * @param network     where runners are attached
 * @param cpus        CPU limit per runner, when set
 * @param memoryBytes memory limit per runner, when set
 * @param pidsLimit   most processes per runner, when set
 * @param details     what only this backend has (e.g. Docker access for workflows), in the order shown
 */
public record BackendDescription(String backend, String image, String network, Optional<Double> cpus,
                                 Optional<Long> memoryBytes, Optional<Long> pidsLimit, Map<String, String> details) {

    public BackendDescription {
        details = Map.copyOf(details);
    }
}
