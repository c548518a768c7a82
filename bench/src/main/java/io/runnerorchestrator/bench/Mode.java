package io.runnerorchestrator.bench;

import java.util.Locale;

/**
 * How the orchestrator hears of new jobs: webhooks make the next pass come soon, or only the periodic
 * poll, or a runner scale set's message queue (the Actions service, {@code ORCHESTRATOR_DEMAND=scaleset})
 * tells demand and makes the next pass come soon, with the REST runner list read only at the periodic full look.
 */
public enum Mode {
    WEBHOOK, POLLING, SCALESET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
