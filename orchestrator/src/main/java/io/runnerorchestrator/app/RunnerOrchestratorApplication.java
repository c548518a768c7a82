package io.runnerorchestrator.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RunnerOrchestratorApplication {
    public static void main(String[] args) {
        SpringApplication.run(RunnerOrchestratorApplication.class, args);
    }
}
