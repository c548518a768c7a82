package io.runnerorchestrator.app.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A delivery the receiver refuses, answered as an RFC 9457 problem whose detail says what to fix. */
public final class WebhookRejection extends ErrorResponseException {

    private WebhookRejection(HttpStatus status, String detail) {
        super(status, problem(status, detail), null);
    }

    static WebhookRejection disabled() {
        return new WebhookRejection(HttpStatus.SERVICE_UNAVAILABLE,
                "the webhook receiver is disabled: set WEBHOOK_SECRET to the secret of the GitHub webhook");
    }

    static WebhookRejection signatureMissing() {
        return new WebhookRejection(HttpStatus.UNAUTHORIZED, WebhookSignature.HEADER + " header is missing");
    }

    static WebhookRejection signatureMismatch() {
        return new WebhookRejection(HttpStatus.UNAUTHORIZED, WebhookSignature.HEADER
                + " does not match the body: WEBHOOK_SECRET must equal the webhook's secret");
    }

    static WebhookRejection tooLarge(int limit) {
        return new WebhookRejection(HttpStatus.CONTENT_TOO_LARGE, "request body is larger than " + limit + " bytes");
    }

    static WebhookRejection notJson(String contentType) {
        return new WebhookRejection(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + contentType
                + " is not supported: set the webhook's content type to application/json");
    }

    static WebhookRejection badRequest(String detail) {
        return new WebhookRejection(HttpStatus.BAD_REQUEST, detail);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Webhook delivery refused");
        return problem;
    }
}
