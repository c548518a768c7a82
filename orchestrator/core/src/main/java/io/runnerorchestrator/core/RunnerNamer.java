package io.runnerorchestrator.core;

import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Names runners {@code <prefix>-<8 random lowercase letters and digits>}; container and GitHub runner share it. */
final class RunnerNamer {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 8;
    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]{" + SUFFIX_LENGTH + "}");

    private final String prefix;
    private final RandomGenerator random;

    RunnerNamer(String prefix, RandomGenerator random) {
        this.prefix = prefix.toLowerCase(Locale.ROOT);
        this.random = random;
    }

    String next() {
        StringBuilder name = new StringBuilder(prefix).append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** Whether a GitHub runner of this name is one of ours. */
    boolean owns(String runnerName) {
        return named(runnerName, prefix);
    }

    /**
     * Whether the runner was named by a namer with this prefix. The whole suffix is checked, so that
     * prefix {@code ci} never claims the runners of prefix {@code ci-2} ({@code ci-2-x1y2z3w4}).
     */
    static boolean named(String runnerName, String prefix) {
        String name = runnerName.toLowerCase(Locale.ROOT);
        String start = prefix.toLowerCase(Locale.ROOT) + "-";
        return name.startsWith(start) && SUFFIX.matcher(name.substring(start.length())).matches();
    }
}
