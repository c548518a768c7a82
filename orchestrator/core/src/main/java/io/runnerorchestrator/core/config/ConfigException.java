package io.runnerorchestrator.core.config;

/** A configuration value is missing or wrong. The message is one line naming the variable, never a secret. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
