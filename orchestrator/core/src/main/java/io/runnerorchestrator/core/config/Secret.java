package io.runnerorchestrator.core.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A value that must never be printed: toString() is redacted, so records holding one stay safe to log. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    /** The plain value, for the one place that must send it (an HTTP header, a key). */
    public String reveal() {
        return value;
    }

    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
