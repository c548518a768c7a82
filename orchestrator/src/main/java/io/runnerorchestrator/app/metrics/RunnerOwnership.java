package io.runnerorchestrator.app.metrics;

import java.util.Locale;

/** Tells this pool's runners by name, as the core does: {@code <prefix>-...}, case-insensitive. */
public final class RunnerOwnership {

    private final String prefix;

    public RunnerOwnership(String namePrefix) {
        this.prefix = namePrefix.toLowerCase(Locale.ROOT) + "-";
    }

    public boolean owns(String runnerName) {
        return runnerName.toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
