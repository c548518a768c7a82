package io.runnerorchestrator.githubsim;

/** An answer other than success, with GitHub's status code and message. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiException notFound() {
        return new ApiException(404, "Not Found");
    }

    static ApiException validation(String detail) {
        return new ApiException(422, "Invalid request.\n\n" + detail);
    }

    int status() {
        return status;
    }
}
