package io.runnerorchestrator.adapter.swarm;

import io.runnerorchestrator.core.port.RunnerSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a {@link RunnerSpec} into what may stand in the service spec and what must not: every
 * secret file, and the environment variables that carry a credential, become Docker secrets mounted
 * as files; such a variable is replaced by {@code <NAME>_FILE} naming its file, which the runner
 * image reads (runner-image/entrypoint.sh, the fake runner's run.sh). So {@code docker service
 * inspect} never shows a JIT config or a registration token.
 *
 * @param environment the environment for the service spec, without secrets
 * @param secrets     what to create as Docker secrets, in mount order
 */
record SecretHandover(Map<String, String> environment, List<RunnerSecret> secrets) {

    /** The JIT config: the runner's credential, valid until it registers. */
    static final String JIT_CONFIG = "ACTIONS_RUNNER_INPUT_JITCONFIG";
    /** Where secrets for environment variables are mounted (Docker's own default for secrets). */
    static final String SECRETS_DIR = "/run/secrets/";
    /** Docker limits secret names to 64 characters. */
    static final int MAX_SECRET_NAME = 64;

    SecretHandover {
        environment = Map.copyOf(environment);
        secrets = List.copyOf(secrets);
    }

    static SecretHandover of(RunnerSpec spec) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<RunnerSecret> secrets = new ArrayList<>();
        spec.environment().forEach((name, value) -> {
            if (JIT_CONFIG.equals(name)) {
                String target = SECRETS_DIR + name.toLowerCase(java.util.Locale.ROOT);
                secrets.add(new RunnerSecret(secretName(spec.name(), secrets.size()), target, value));
                environment.put(name + "_FILE", target);
            } else {
                environment.put(name, value);
            }
        });
        spec.secretFiles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file ->
                secrets.add(new RunnerSecret(secretName(spec.name(), secrets.size()), file.getKey(), file.getValue())));
        return new SecretHandover(environment, secrets);
    }

    /** {@code <runner>-secret-<n>}: unique per runner, so a runner's secrets are found by name as well as by label. */
    static String secretName(String runnerName, int index) {
        String name = runnerName + "-secret-" + index;
        if (name.length() > MAX_SECRET_NAME) {
            throw new IllegalArgumentException("runner name " + runnerName + " is too long for a Docker secret name"
                    + " (at most " + (MAX_SECRET_NAME - 9) + " characters)");
        }
        return name;
    }
}
