package io.runnerorchestrator.app.webhook;

/**
 * The body of a 2xx answer; GitHub shows it under the webhook's "Recent Deliveries".
 *
 * @param outcome what the delivery caused, e.g. "reconcile requested" or "ignored: duplicate delivery"
 */
public record WebhookAnswer(String delivery, String outcome) {
}
