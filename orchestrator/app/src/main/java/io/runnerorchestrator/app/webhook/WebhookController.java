package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.port.Coordinator;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/** POST /api/v1/webhook: authenticates a GitHub delivery and hands it to the {@link WorkflowJobReceiver}. */
@RestController
public class WebhookController {

    public static final String PATH = "/api/v1/webhook";
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final String EVENT_HEADER = "X-GitHub-Event";
    private static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final Optional<WebhookSignature> signature;
    private final WorkflowJobReceiver receiver;

    public WebhookController(OrchestratorConfig config, Coordinator coordinator, ReconcileTrigger trigger,
                             JobAssignments assignments, QueueHints hints, Clock clock, JsonMapper json) {
        this.signature = config.http().webhookSecret().map(WebhookSignature::new);
        this.receiver = new WorkflowJobReceiver(new ServedLabels(config.runner().labels()), coordinator, trigger,
                assignments, hints, clock, json);
    }

    @PostMapping(PATH)
    public ResponseEntity<WebhookAnswer> receive(@RequestHeader(name = EVENT_HEADER, required = false) String event,
                                                 @RequestHeader(name = DELIVERY_HEADER, required = false) String delivery,
                                                 @RequestHeader(name = WebhookSignature.HEADER, required = false) String signed,
                                                 HttpServletRequest request) throws IOException {
        WebhookSignature verifier = signature.orElseThrow(WebhookRejection::disabled);
        byte[] body = readBounded(request);
        if (signed == null) {
            throw WebhookRejection.signatureMissing();
        }
        if (!verifier.matches(body, signed)) {
            throw WebhookRejection.signatureMismatch();
        }
        requireJson(request.getContentType());
        return ResponseEntity.accepted().body(receiver.receive(event, delivery, body));
    }

    @ExceptionHandler(WebhookRejection.class)
    ResponseEntity<ProblemDetail> rejected(WebhookRejection rejection, HttpServletRequest request) {
        log.warn("webhook.rejected delivery={} status={} detail=\"{}\"", request.getHeader(DELIVERY_HEADER),
                rejection.getStatusCode().value(), rejection.getBody().getDetail());
        return ResponseEntity.status(rejection.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(rejection.getBody());
    }

    private static byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw WebhookRejection.tooLarge(MAX_BODY_BYTES);
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw WebhookRejection.tooLarge(MAX_BODY_BYTES);
        }
        return body;
    }

    /** GitHub can also send form-encoded payloads; say how to fix the webhook instead of failing to parse. */
    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw WebhookRejection.badRequest("Content-Type header is not a media type");
        }
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.getSubtype().endsWith("+json")) {
            throw WebhookRejection.notJson(type.getType() + "/" + type.getSubtype());
        }
    }
}
