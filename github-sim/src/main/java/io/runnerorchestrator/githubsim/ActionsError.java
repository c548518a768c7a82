package io.runnerorchestrator.githubsim;

/**
 * An error of the Actions service: its status and the .NET exception type it names, answered as
 * {@code {"typeName": "GitHub.Actions.Runtime.WebApi.<Name>, GitHub.Actions.Runtime.WebApi", "message": ...}}.
 */
final class ActionsError extends RuntimeException {
    private final int status;
    private final String typeName;

    private ActionsError(int status, String typeName, String message) {
        super(message);
        this.status = status;
        this.typeName = typeName;
    }

    /** @param shortName e.g. RunnerScaleSetNotFoundException */
    static ActionsError of(int status, String shortName, String message) {
        return new ActionsError(status, "GitHub.Actions.Runtime.WebApi." + shortName + ", GitHub.Actions.Runtime.WebApi",
                message);
    }

    ApiResponse response() {
        return ApiResponse.json(status, Json.object().put("typeName", typeName).put("message", getMessage()));
    }
}
