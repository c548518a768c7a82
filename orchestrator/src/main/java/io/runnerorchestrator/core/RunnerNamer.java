package io.runnerorchestrator.core;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** Names runners {@code <prefix>-<8 random lowercase letters and digits>}; container and GitHub runner share it. */
final class RunnerNamer {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 8;

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
        return runnerName.toLowerCase(Locale.ROOT).startsWith(prefix + "-");
    }
}
