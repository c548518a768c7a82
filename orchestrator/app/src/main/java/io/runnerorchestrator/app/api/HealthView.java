package io.runnerorchestrator.app.api;

import java.util.Map;

/**
 * The body of GET /api/v1/health.
 *
 * @param status UP when ready, DOWN otherwise
 * @param live   the process answers (always true when there is an answer at all)
 * @param ready  Docker answers, GitHub accepted the credentials and reconcile passes complete
 */
public record HealthView(String status, boolean live, boolean ready, Map<String, Check> checks) {

    public record Check(boolean ok, String detail) {
    }
}
