package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.port.RunnerBackendProvider;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The backends on the class path, by name. ORCHESTRATOR_BACKEND picks one (default {@value #DEFAULT});
 * a backend joins by listing its provider under META-INF/services, so app names none of its classes.
 */
public record BackendProviders(List<RunnerBackendProvider> providers) {

    public static final String VARIABLE = "ORCHESTRATOR_BACKEND";
    public static final String DEFAULT = "docker";

    public BackendProviders {
        providers = List.copyOf(providers);
    }

    public static BackendProviders onClassPath() {
        return new BackendProviders(ServiceLoader.load(RunnerBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    RunnerBackendProvider chosen(EnvReader env) {
        String name = env.string(VARIABLE, DEFAULT).toLowerCase(Locale.ROOT);
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> providers.isEmpty()
                        ? new ConfigException(VARIABLE + "=" + EnvReader.quote(name) + ": this build has no runner backend")
                        : EnvReader.invalid(VARIABLE, name, "must be one of " + names()));
    }

    private String names() {
        return providers.stream().map(RunnerBackendProvider::name).sorted().collect(Collectors.joining(", "));
    }
}
