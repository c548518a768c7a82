package io.runnerorchestrator.app.lifecycle;

import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.app.config.SecurityWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Logs each {@link SecurityWarnings} line once, when the context starts. */
@Component
public class SecurityWarningLog {

    private static final Logger log = LoggerFactory.getLogger(SecurityWarningLog.class);

    public SecurityWarningLog(OrchestratorConfig config) {
        SecurityWarnings.of(config).forEach(warning -> log.warn("security.warning detail=\"{}\"", warning));
    }
}
