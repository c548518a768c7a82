package io.runnerorchestrator.app.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells this pool's runners by name with the core's rule: {@code <prefix>-} and eight lowercase
 * letters or digits, case-insensitive, so prefix {@code ci} never claims the runners of {@code ci-2}.
 */
public final class RunnerOwnership {
    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]{8}");

    private final String prefix;

    public RunnerOwnership(String namePrefix) {
        this.prefix = namePrefix.toLowerCase(Locale.ROOT) + "-";
    }

    public boolean owns(String runnerName) {
        String name = runnerName.toLowerCase(Locale.ROOT);
        return name.startsWith(prefix) && SUFFIX.matcher(name.substring(prefix.length())).matches();
    }
}
