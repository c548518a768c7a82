package io.runnerorchestrator.bench;

import java.util.Locale;

/** How the orchestrator hears of new jobs: webhooks make the next pass come soon, or only the periodic poll. */
public enum Mode {
    WEBHOOK, POLLING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
