package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.RunnerOrchestratorApplication;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.ReconcileLoop;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;

/**
 * A running orchestrator over HTTP for one test class: its context is closed after the class, and its
 * runner containers are removed whatever happened.
 */
@SpringBootTest(classes = RunnerOrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OrchestratorHttpTest {

    @LocalServerPort
    protected int port;
    @Autowired
    protected OrchestratorConfig config;
    @Autowired
    protected GitHubSimulator sim;
    @Autowired
    private ReconcileLoop loop;
    protected ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    protected String instanceId() {
        return config.instanceId();
    }

    @AfterAll
    void removeOwnContainers() {
        loop.shutdown(Duration.ofSeconds(10));
        try (OwnContainers containers = new OwnContainers(instanceId())) {
            containers.removeAll();
        }
    }
}
