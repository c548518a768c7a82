package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.app.config.OrchestratorConfig;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Arrays;

/** True when the configuration (registered before the context refreshes) says ORCHESTRATOR_DEMAND=scaleset. */
final class ScaleSetConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans == null) {
            return false;
        }
        return Arrays.stream(beans.getBeanNamesForType(OrchestratorConfig.class, false, false))
                .map(name -> beans.getBean(name, OrchestratorConfig.class))
                .anyMatch(config -> config.demand().scaleSet());
    }
}
