package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.port.RunnerSpec;

import java.util.Comparator;
import java.util.List;

/**
 * Hides a runner's environment values (JIT config, registration token) in any text we pass on:
 * Docker error messages and container output quoted in exceptions.
 */
record Redactor(List<String> secrets) {

    static final String MASK = "***";
    /** Shorter values (flags, counts) are not secrets, and masking them would garble every message. */
    static final int MIN_SECRET_LENGTH = 8;

    Redactor {
        // Longest first, so a secret containing another is masked whole.
        secrets = secrets.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static Redactor of(RunnerSpec spec) {
        return new Redactor(java.util.stream.Stream.concat(spec.environment().values().stream(),
                        spec.secretFiles().values().stream())
                .filter(value -> value.length() >= MIN_SECRET_LENGTH && !value.equals(spec.name()))
                .toList());
    }

    static Redactor none() {
        return new Redactor(List.of());
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
