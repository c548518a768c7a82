package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.app.config.ConfigLoader;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.port.Coordinator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.HashMap;
import java.util.Map;

/**
 * Stand-ins for what main() and the wiring provide: the configuration, an in-memory Coordinator
 * and a trigger that records (it wins over the reconcile loop, which still runs, against no GitHub).
 * The subclasses choose the webhook secret. Imported by the tests, deliberately not annotated, so
 * the application's component scan never picks them up.
 */
public abstract class WebhookTestBeans {

    /** GitHub's documented test-vector secret, so the documented signature must pass end to end. */
    static final String SECRET = "It's a Secret to Everybody";

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", "ghp_test_token_never_used");
        env.put("GITHUB_REPO", "octo-org/octo-repo");
        // The whole context runs, reconcile loop included: it must find no GitHub, and reach none off this host.
        env.put("GITHUB_API_URL", "http://127.0.0.1:9");
        env.put("ORCHESTRATOR_INSTANCE_ID", "webhook-test");
        env.put("ORCHESTRATOR_RUNNER_LABELS", "self-hosted,linux,x64,k8s");
        return env;
    }

    @Bean
    Coordinator coordinator() {
        return new InMemoryCoordinator();
    }

    @Bean
    @Primary
    RecordingTrigger recordingTrigger() {
        return new RecordingTrigger();
    }

    public static class WithSecret extends WebhookTestBeans {
        @Bean
        OrchestratorConfig orchestratorConfig() {
            Map<String, String> env = environment();
            env.put("WEBHOOK_SECRET", SECRET);
            return new ConfigLoader(() -> "test-host").load(env, false);
        }
    }

    public static class WithoutSecret extends WebhookTestBeans {
        @Bean
        OrchestratorConfig orchestratorConfig() {
            return new ConfigLoader(() -> "test-host").load(environment(), false);
        }
    }
}
