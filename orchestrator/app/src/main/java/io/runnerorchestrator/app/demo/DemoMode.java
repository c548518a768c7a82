package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.adapter.simulated.SimulatedRunnerBackend;
import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.app.config.ConfigLoader;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.demo.BurstPlan;
import io.runnerorchestrator.demo.DemoEnvironment;
import io.runnerorchestrator.demo.DemoSession;
import io.runnerorchestrator.demo.DemoSettings;
import io.runnerorchestrator.demo.DemoWorkload;
import io.runnerorchestrator.demo.RunnerChoice;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Demo mode (--demo or ORCHESTRATOR_DEMO=true): the orchestrator against an embedded github-sim fed
 * with bursts of jobs, with no token needed. {@link #prepare} checks the environment before Spring
 * starts; as the context's initializer it starts the simulator, gives the context the configuration
 * pointed at it, and picks the runners: containers when the configured backend is healthy (a Docker
 * engine with the runner image answers), github-sim's in-process runners otherwise.
 */
public final class DemoMode implements ApplicationContextInitializer<GenericApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(DemoMode.class);

    private final Map<String, String> environment;
    private final OrchestratorConfig config;
    private final DemoSettings settings;
    private final ConfigLoader loader;
    private final SecureRandom random = new SecureRandom();

    private DemoMode(Map<String, String> environment, OrchestratorConfig config, DemoSettings settings,
                     ConfigLoader loader) {
        this.environment = environment;
        this.config = config;
        this.settings = settings;
        this.loader = loader;
    }

    /** Checks the demo's environment and starts nothing; a bad value is a {@link ConfigException}. */
    public static DemoMode prepare(Map<String, String> userEnvironment, ConfigLoader loader) {
        Map<String, String> environment = DemoEnvironment.withDefaults(userEnvironment);
        return new DemoMode(environment, loader.load(environment, true), DemoSettings.from(environment), loader);
    }

    /** The configuration with the demo's defaults, for what does not depend on the simulator (port, logging). */
    public OrchestratorConfig config() {
        return config;
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        Secret token = secret("ghp_demo");
        String repository = repositoryOf(config.github().scope());
        GitHubSimulator simulator = GitHubSimulator.start(SimConfig.builder().token(token.reveal())
                .repository(repository).build());
        try {
            Secret webhookSecret = config.http().webhookSecret().orElseGet(() -> secret("whsec_demo"));
            OrchestratorConfig demo = loader.load(
                    DemoEnvironment.pointedAt(environment, simulator.baseUrl(), token, webhookSecret), true);
            RunnerChoice runners = RunnerChoice.probe(demo.backend());
            log.info("demo.runners in_containers={} detail=\"{}\"", runners.docker(), runners.description());
            System.out.println("runner-orchestrator demo: " + runners.description());

            BurstPlan plan = new BurstPlan(BurstPlan.SEED, settings.burstInterval());
            DemoSession session = new DemoSession(simulator, webhookSecret,
                    new DemoWorkload(simulator, repository, demo.runner().labels(), plan), runners, WebhookController.PATH);
            context.getBeanFactory().registerSingleton("orchestratorConfig", demo);
            context.registerBean(DemoSession.class, () -> session);
            if (!runners.docker()) {
                // The configured backend's bean steps aside for this one (it is conditional on no other RunnerBackend).
                context.registerBean(SimulatedRunnerBackend.class);
            }
            context.registerBean(DemoLifecycle.class);
            context.addApplicationListener(event -> {
                if (event instanceof ApplicationFailedEvent) {
                    session.close();
                }
            });
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /** The simulator's one repository: the configured one, or one in the configured organization. */
    static String repositoryOf(GitHubScope scope) {
        return scope.isOrganization() ? scope.organization() + "/demo" : scope.repository();
    }

    private Secret secret(String prefix) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return Secret.of(prefix + "_" + HexFormat.of().formatHex(bytes));
    }
}
