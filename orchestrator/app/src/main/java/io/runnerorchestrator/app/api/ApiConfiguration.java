package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.ManualScaling;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.Reconciler;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The management API's parts: manual scaling, the token check, the OpenAPI header. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration implements WebMvcConfigurer {

    private final OrchestratorConfig config;

    public ApiConfiguration(OrchestratorConfig config) {
        this.config = config;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiTokenInterceptor(new ApiTokenGuard(config.http().apiToken())))
                .addPathPatterns("/api/v1/**");
        registry.addInterceptor(new ReadTokenInterceptor(readAccess()))
                .addPathPatterns(StatusController.PATH, RunnersController.PATH);
    }

    /** Who may read; stateless, so the interceptors and the dashboard may each hold one. */
    @Bean
    ReadAccess readAccess() {
        return new ReadAccess(config.http());
    }

    @Bean
    ManualScaling manualScaling(Reconciler reconciler, ReconcileTrigger trigger) {
        return new ManualScaling(reconciler, trigger);
    }

    @Bean
    OpenAPI orchestratorOpenApi() {
        return new OpenAPI()
                .info(new Info().title("runner-orchestrator").version("v1")
                        .description("Management API of runner-orchestrator: status, runners, manual scaling, logs,"
                                + " metrics and health. Mutating calls and logs need Authorization: Bearer <API_TOKEN>. When"
                                + " API_READ_TOKEN is set, status, runners and events need it (or API_TOKEN) too;"
                                + " health and the webhook stay open."))
                .components(new Components().addSecuritySchemes(RunnersController.BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
