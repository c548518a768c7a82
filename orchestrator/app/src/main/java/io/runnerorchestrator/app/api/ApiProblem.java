package io.runnerorchestrator.app.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An API call refused or failed, answered as an RFC 9457 problem whose detail says what to do. */
public final class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    static ApiProblem unauthorized(String detail) {
        ApiProblem problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "API token required", detail);
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problem;
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "API token not configured", detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Runner not found", detail);
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Not possible now", detail);
    }

    static ApiProblem tooLarge(int limit) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "request body is larger than " + limit + " bytes");
    }

    static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Cannot act now", detail);
    }

    static ApiProblem badGateway(String detail) {
        return new ApiProblem(HttpStatus.BAD_GATEWAY, "Docker or GitHub failed", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
