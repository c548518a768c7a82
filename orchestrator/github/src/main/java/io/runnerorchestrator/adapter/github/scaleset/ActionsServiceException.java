package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.GitHubException;

/**
 * A failed call to the Actions service, with the .NET exception type the service named (its short
 * name, e.g. {@code RunnerScaleSetNotFoundException}; empty when it named none). Never holds a token.
 */
public final class ActionsServiceException extends GitHubException {

    private final String typeName;

    ActionsServiceException(Kind kind, int status, String typeName, String message, Throwable cause) {
        super(kind, status, message, null, cause);
        this.typeName = typeName;
    }

    public String typeName() {
        return typeName;
    }

    /** Whether the service named this exception type; real answers carry a qualified name, so match the short one. */
    public boolean is(String shortName) {
        return typeName.equals(shortName);
    }
}
