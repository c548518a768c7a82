package io.runnerorchestrator.app;

import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.app.config.ConfigLoader;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.app.config.SpringProperties;
import io.runnerorchestrator.app.demo.DemoMode;
import io.runnerorchestrator.app.lifecycle.ExitOnSignal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

@SpringBootApplication
public class RunnerOrchestratorApplication {

    /** Exit status for a configuration error, distinct from a crash (1). */
    static final int CONFIGURATION_ERROR = 2;

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        Map<String, String> environment = System.getenv();
        ConfigLoader loader = ConfigLoader.forThisHost();
        OrchestratorConfig config;
        ApplicationContextInitializer<?> setup;
        try {
            // Validated before Spring starts, so a bad variable costs a second and one line, not a stack trace.
            config = loader.load(environment, arguments.contains(ConfigLoader.DEMO_ARGUMENT));
            if (config.demo()) {
                // The demo registers the configuration itself, once its embedded GitHub simulator runs.
                DemoMode demo = DemoMode.prepare(environment, loader);
                config = demo.config();
                setup = demo;
            } else {
                setup = registering(config);
            }
        } catch (ConfigException e) {
            System.err.println("runner-orchestrator: configuration error: " + e.getMessage());
            System.exit(CONFIGURATION_ERROR);
            return;
        }
        ExitOnSignal.install();
        new SpringApplicationBuilder(RunnerOrchestratorApplication.class)
                .properties(SpringProperties.of(config))
                .initializers(setup)
                .run(arguments.stream().filter(a -> !a.equals(ConfigLoader.DEMO_ARGUMENT)).toArray(String[]::new));
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> registering(OrchestratorConfig config) {
        return context -> context.getBeanFactory().registerSingleton("orchestratorConfig", config);
    }
}
