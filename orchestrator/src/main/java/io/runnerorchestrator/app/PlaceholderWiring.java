package io.runnerorchestrator.app;

import io.runnerorchestrator.core.ReconcileTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PLACEHOLDER until the reconcile loop is wired into Spring: a trigger that only logs, so the web
 * layer starts on its own. Delete this class when the real ReconcileTrigger bean exists.
 */
@Configuration(proxyBeanMethods = false)
class PlaceholderWiring {

    private static final Logger log = LoggerFactory.getLogger(PlaceholderWiring.class);

    @Bean
    @ConditionalOnMissingBean(ReconcileTrigger.class)
    ReconcileTrigger loggingReconcileTrigger() {
        return reason -> log.info("reconcile.requested reason={} loop=not-wired", reason);
    }
}
