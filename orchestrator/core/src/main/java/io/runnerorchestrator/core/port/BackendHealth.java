package io.runnerorchestrator.core.port;

/**
 * Whether a backend can run runners now, as readiness and the demo ask it.
 *
 * @param up     true when a runner started now could run (the engine answers, the image is there)
 * @param detail one line: what answered (e.g. the engine version) when up, the stated cause when down
 */
public record BackendHealth(boolean up, String detail) {

    public static BackendHealth up(String detail) {
        return new BackendHealth(true, detail);
    }

    public static BackendHealth down(String detail) {
        return new BackendHealth(false, detail);
    }
}
