package io.runnerorchestrator.app.config;

/**
 * Where demand comes from.
 *
 * @param mode         ORCHESTRATOR_DEMAND: {@code rest} (webhooks, and polling the REST API as the safety
 *                     net) or {@code scaleset} (the Actions service's message queue of a runner scale set)
 * @param scaleSetName ORCHESTRATOR_SCALESET_NAME: the scale set's name (scaleset mode)
 * @param runnerGroup  ORCHESTRATOR_RUNNER_GROUP: the runner group the scale set belongs to (scaleset mode)
 */
public record DemandSettings(Mode mode, String scaleSetName, String runnerGroup) {

    public enum Mode { REST, SCALESET }

    public boolean scaleSet() {
        return mode == Mode.SCALESET;
    }
}
