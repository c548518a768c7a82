package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.runnerorchestrator.app.webhook.WebhookController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

/**
 * Watches the webhook receiver from outside: counts every delivery by what became of it, and hands the
 * ones it accepted to the {@link WorkflowJobListener}s. The receiver has already checked the signature
 * by then, so nothing unauthenticated reaches a listener.
 */
public final class WebhookDeliveryFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryFilter.class);
    private static final String ACCEPTED_OUTCOME = "reconcile requested";

    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final List<WorkflowJobListener> listeners;

    public WebhookDeliveryFilter(MeterRegistry registry, ObjectMapper json, List<WorkflowJobListener> listeners) {
        this.registry = registry;
        this.json = json;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && WebhookController.PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request,
                WebhookController.MAX_BODY_BYTES);
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cachedRequest, cachedResponse);
        } finally {
            String result = result(cachedResponse.getStatus(), cachedResponse.getContentAsByteArray());
            cachedResponse.copyBodyToResponse();
            count(result);
            if (result.equals("accepted")) {
                WorkflowJobDelivery.parse(cachedRequest.getContentAsByteArray(), json).ifPresent(this::tell);
            }
        }
    }

    private String result(int status, byte[] answer) {
        if (status >= 200 && status < 300) {
            String outcome = outcome(answer);
            return outcome.equals(ACCEPTED_OUTCOME) ? "accepted"
                    : outcome.startsWith("ignored: duplicate") ? "duplicate" : "ignored";
        }
        return switch (status) {
            case 400 -> "malformed";
            case 401 -> "bad_signature";
            case 413 -> "too_large";
            case 415 -> "wrong_content_type";
            case 503 -> "disabled";
            default -> "error";
        };
    }

    private String outcome(byte[] answer) {
        try {
            return json.readTree(answer).path("outcome").asString("");
        } catch (JacksonException e) {
            return "";
        }
    }

    private void count(String result) {
        Counter.builder(MetricNames.WEBHOOK_DELIVERIES_TOTAL)
                .description("Webhook deliveries by what became of them").tag("result", result)
                .register(registry).increment();
    }

    private void tell(WorkflowJobDelivery delivery) {
        for (WorkflowJobListener listener : listeners) {
            try {
                listener.accepted(delivery);
            } catch (RuntimeException e) {
                // Job tracking is for metrics and status only: it must never fail a delivery.
                log.warn("webhook.observe.failed job={} action={} error={}", delivery.jobId(), delivery.action(),
                        e.toString());
            }
        }
    }
}
