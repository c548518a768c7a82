package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.config.Secret;
import java.util.Optional;

/**
 * The orchestrator's own HTTP side.
 *
 * @param port          PORT; 0 picks a free port
 * @param webhookSecret WEBHOOK_SECRET; without it the webhook receiver refuses every delivery
 * @param apiToken      API_TOKEN for the REST API
 * @param apiReadToken  API_READ_TOKEN: when set, the status, runners, events and dashboard need it (or API_TOKEN)
 */
public record HttpSettings(int port, Optional<Secret> webhookSecret, Optional<Secret> apiToken,
                           Optional<Secret> apiReadToken) {
}
