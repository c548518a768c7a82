package io.runnerorchestrator.app.webhook;

/** The webhook body is not JSON, or lacks a field the receiver needs. The message says which. */
public class MalformedPayloadException extends RuntimeException {
    public MalformedPayloadException(String message) {
        super(message);
    }
}
