package io.runnerorchestrator.app.config;

/**
 * @param level      TRACE, DEBUG, INFO, WARN, ERROR or OFF
 * @param structured one JSON object (ECS) per line instead of plain text
 */
public record LogSettings(String level, boolean structured) {
}
