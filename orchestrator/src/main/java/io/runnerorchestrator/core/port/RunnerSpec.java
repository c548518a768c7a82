package io.runnerorchestrator.core.port;

import java.util.List;
import java.util.Map;

/**
 * What to start: the runner's name, its environment (which holds the JIT config or registration
 * token, so it is never printed) and an optional command (empty: the image's own entrypoint).
 * Image, network, Docker access and limits are the backend's configuration.
 */
public record RunnerSpec(String name, Map<String, String> environment, List<String> command) {
    public RunnerSpec {
        environment = Map.copyOf(environment);
        command = List.copyOf(command);
    }

    @Override
    public String toString() {
        return "RunnerSpec[name=" + name + ", environment=" + environment.keySet() + ", command=" + command + "]";
    }
}
