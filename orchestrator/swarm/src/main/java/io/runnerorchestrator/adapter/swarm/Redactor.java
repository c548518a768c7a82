package io.runnerorchestrator.adapter.swarm;

import io.runnerorchestrator.core.port.RunnerSpec;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hides a runner's secret values (JIT config, registration token) in any text we pass on: engine
 * error messages quoted in exceptions. A small copy of the docker backend's (adapters share no code).
 */
record Redactor(List<String> secrets) {

    static final String MASK = "***";
    /** Shorter values (flags, counts) are not secrets, and masking them would garble every message. */
    static final int MIN_SECRET_LENGTH = 8;

    Redactor {
        secrets = secrets.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static Redactor of(RunnerSpec spec) {
        return new Redactor(Stream.concat(spec.environment().values().stream(), spec.secretFiles().values().stream())
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
