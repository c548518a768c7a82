package io.runnerorchestrator.core.port;

import java.util.List;

/** A backend's validated settings, read before anything starts; {@link #open()} connects. */
public interface BackendSetup {

    /** What the status and the dashboard show of these settings. */
    BackendDescription describe();

    /** Each setting that weakens the host, in one line naming it and the risk; logged at start. */
    List<String> securityWarnings();

    /** Connects to wherever runners run; creates nothing there yet. The caller closes the backend. */
    RunnerBackend open();
}
